/**
 * Value types of image data shared by every layer (the NHWC float batches the graphs take and give), with no
 * dependency on TensorFlow, files or ImageJ: the runtime, the metrics, the training data and the exporters all
 * build on them, so they sit at the bottom of the layering.
 */
package org.restorej.array;
