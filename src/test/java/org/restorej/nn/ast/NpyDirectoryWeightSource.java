package org.restorej.nn.ast;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.restorej.io.Npy;
import org.restorej.nn.WeightSource;

/**
 * Test-only {@link WeightSource} over a directory holding one {@code <key>.npy} (float32, PyTorch layout)
 * per state-dict key and a {@code keys.tsv} listing every entry of the checkpoint as
 * {@code key<TAB>dtype<TAB>shape}. Entries without a file (the int64 {@code relative_position_index}
 * buffers, which the graph recomputes) are known by shape only.
 * <p>
 * How the directories under {@code src/test/resources/org/restorej/nn/ast/<config>/weights} were made: the
 * official-format checkpoints {@code reference/ast/<config>/ckpt_official.pth} (zip archive: pickle
 * {@code <root>/data.pkl} plus raw little-endian storages {@code <root>/data/<n>}) were unpickled by a small NumPy-only
 * Python script kept outside the repository (a {@code pickle.Unpickler} whose {@code persistent_load}
 * returns (dtype, storage key) and whose {@code find_class} maps {@code torch._utils._rebuild_tensor_v2} to
 * a strided view of the storage bytes, {@code collections.OrderedDict} to OrderedDict and the
 * {@code torch.*Storage} classes to dtype markers). The {@code state_dict} entry was taken, the
 * {@code module.} prefix stripped, every float32 tensor saved with {@code numpy.save}; the int64 index
 * buffers were checked against the formula of the spec (section 4.3) and only listed in {@code keys.tsv}.
 * The converted values equal those of {@code ckpt_bare_state_dict.pth} bit for bit (config a).
 */
final class NpyDirectoryWeightSource implements WeightSource {

	private final Path dir;
	private final Map<String, long[]> shapes = new LinkedHashMap<>();

	NpyDirectoryWeightSource(final Path dir) {
		this.dir = dir;
		try {
			for (final String line : Files.readAllLines(dir.resolve("keys.tsv"))) {
				if (line.isBlank()) continue;
				final String[] f = line.split("\t");
				shapes.put(f[0], f.length < 3 || f[2].isEmpty() ? new long[0] : Arrays.stream(f[2].split(","))
					.mapToLong(Long::parseLong).toArray());
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	@Override
	public Set<String> keys() {
		return Collections.unmodifiableSet(shapes.keySet());
	}

	@Override
	public long[] shape(final String key) {
		final long[] s = shapes.get(key);
		return s == null ? null : s.clone();
	}

	@Override
	public float[] read(final String key) {
		final Path file = dir.resolve(key + ".npy");
		if (!Files.exists(file)) throw new IllegalStateException("no values stored for " + key);
		try {
			return Npy.read(file).floats();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
