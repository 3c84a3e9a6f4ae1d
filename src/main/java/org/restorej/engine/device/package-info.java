/**
 * Where TensorFlow runs a model, and falling back to the CPU when the requested GPU is not usable.
 *
 * <p>
 * {@link org.restorej.engine.device.ModelLoader#load ModelLoader.load} takes the caller's
 * {@link org.restorej.runtime.ExecutionOptions} ({@code cpu}, {@code gpu:N} or {@code auto}, thread
 * counts, GPU memory growth), finds the device that would actually run a convolution under them
 * ({@link org.restorej.engine.device.DeviceProbe}: a traced run of a tiny graph in a session with the
 * same configuration; TensorFlow Java has no public device list), loads the model there or, when a
 * GPU was asked for and none runs, on the CPU with a message saying why, and logs
 * {@code Model NAME runs on DEVICE (requested: ...)}.
 *
 * <h2>The GPU path</h2> The default build bundles TensorFlow's CPU native library
 * ({@code tensorflow-core-native}, classifier {@code linux-x86_64}). For a GPU, build with
 * {@code -Dtf.native.classifier=linux-x86_64-gpu} and install CUDA 12.5 and cuDNN 9.3 (what
 * TensorFlow 2.18 is built against); then {@code gpu:0} (or {@code auto}) runs on the first GPU and
 * the log says {@code GPU:0}. Without CUDA, or with the CPU library, the same options run on the CPU
 * and the log says so. With {@code gpuMemoryGrowth} TensorFlow takes GPU memory as needed instead of
 * all of it at start; a tile that still does not fit is split by the engine (see
 * {@link org.restorej.engine.Restorer}). No machine this was written on has a GPU: only the CPU path
 * and the fallback are tested.
 */
package org.restorej.engine.device;
