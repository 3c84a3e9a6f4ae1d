package org.restorej.nn;

import java.util.Set;

/**
 * Named weights in PyTorch layout, as a checkpoint (or a training state) provides them. Reading is
 * per key, so a source backed by a file only loads what the network asks for.
 */
public interface WeightSource {

	/** Every key the source holds, in its own order. */
	Set<String> keys();

	/** PyTorch shape of a key, or {@code null} if absent. */
	long[] shape(String key);

	/** Row-major float32 values of a key. */
	float[] read(String key);
}
