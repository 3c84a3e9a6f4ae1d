package org.restorej.export;

import java.util.Set;

import org.restorej.checkpoint.StateDict;
import org.restorej.checkpoint.TensorEntry;
import org.restorej.nn.WeightSource;

/** A checkpoint's state dict as the weights of a network; tensors are read only when asked for. */
public record StateDictWeights(StateDict stateDict) implements WeightSource {

	@Override
	public Set<String> keys() {
		return stateDict.keys();
	}

	@Override
	public long[] shape(final String key) {
		final TensorEntry e = stateDict.get(key);
		return e == null ? null : e.shape();
	}

	@Override
	public float[] read(final String key) {
		return stateDict.get(key).readFloats();
	}
}
