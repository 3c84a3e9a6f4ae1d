package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.restorej.ReferenceFixtures;

/**
 * {@link PthWriter} against files written by {@code torch.save}: a reference fixture, read back and
 * written again from its object tree (same wrapper, keys, optimizer state and {@code _metadata}), is
 * the same file byte for byte: zip layout (entry order, stored, 64-byte alignment, data descriptors,
 * zip64 end records) and pickle (opcodes, memo, batching).
 */
class PthWriterFixtureTest {

	@TempDir
	Path dir;

	private static final List<String> FIXTURES = List.of("restormer/r_a_rgb_withbias/ckpt_official.pth",
		"restormer/r_a_rgb_withbias/ckpt_bare_state_dict.pth", "restormer/r_a_rgb_withbias/ckpt_module_prefix.pth",
		"restormer/r_d_dualpixel_withbias/ckpt_official.pth", "ast/a_frfn_img128/ckpt_official.pth",
		"ast/c_leff_img64_window4/ckpt_official.pth", "ast/d_frfn_ddin1_heads/ckpt_official.pth");

	/** The bundled fixtures, and the full shared set when this machine has it. */
	static List<Path> fixtures() {
		final List<Path> files = new ArrayList<>();
		for (final Path root : ReferenceFixtures.roots())
			for (final String f : FIXTURES)
				if (Files.isRegularFile(root.resolve(f))) files.add(root.resolve(f));
		return files;
	}

	/**
	 * The bundled AST fixtures lack the optimizer's storage entries (to keep the repository small);
	 * for those the pickle is compared, with zeros standing in for the missing tensors.
	 */
	@ParameterizedTest
	@MethodSource("fixtures")
	void rewritingAFixtureReproducesItByteForByte(final Path original) throws IOException {
		final Path copy = dir.resolve("copy.pth");
		final Rebuilder rebuilder;
		try (CheckpointArchive archive = CheckpointArchive.open(original)) {
			final byte[] pickle = archive.readPickle();
			final Object tree = SafeUnpickler.load(original, archive.pickleEntryName(), pickle);
			rebuilder = new Rebuilder(archive, metadata(pickle));
			final Object rebuilt = rebuilder.convert(tree);
			final String root = archive.pickleEntryName().substring(0, archive.pickleEntryName().indexOf('/'));
			PthWriter.write(copy, root, rebuilt);
		}
		if (rebuilder.missing == 0) assertSameBytes(Files.readAllBytes(original), Files.readAllBytes(copy));
		else {
			try (ZipFile expected = new ZipFile(original.toFile()); ZipFile actual = new ZipFile(copy.toFile())) {
				final ZipEntry pickle = expected.stream().filter(e -> e.getName().endsWith("/data.pkl")).findFirst()
					.orElseThrow();
				assertSameBytes(expected.getInputStream(pickle).readAllBytes(), actual.getInputStream(actual.getEntry(
					pickle.getName())).readAllBytes());
				assertEquals(expected.size() + rebuilder.missing, actual.size(), "entries");
			}
		}
	}

	static void assertSameBytes(final byte[] expected, final byte[] actual) {
		final int n = Math.min(expected.length, actual.length);
		for (int i = 0; i < n; i++)
			if (expected[i] != actual[i]) fail("files differ first at byte " + i + " of " + expected.length + " (" +
				actual.length + " written)");
		assertEquals(expected.length, actual.length, "file length");
	}

	/** The fixture's tree as PthWriter values; tensors read back from the fixture when written. */
	private static final class Rebuilder {

		private final CheckpointArchive archive;
		private Map<String, Integer> metadata;
		private int nextStorage;
		int missing;

		Rebuilder(final CheckpointArchive archive, final Map<String, Integer> metadata) {
			this.archive = archive;
			this.metadata = metadata;
		}

		Object convert(final Object v) {
			if (v instanceof OrderedDictObject d) {
				// the first OrderedDict met is the state dict, the one that carries _metadata
				final Map<String, Integer> own = metadata;
				metadata = null;
				return new PthWriter.OrderedDict(convertMap(d), own);
			}
			if (v instanceof Map<?, ?> m) return convertMap(m);
			if (v instanceof List<?> l) {
				final List<Object> out = new ArrayList<>();
				l.forEach(x -> out.add(convert(x)));
				return out;
			}
			if (v instanceof PickleTuple t) return new PthWriter.Tuple(t.items().stream().map(this::convert).toList());
			if (v instanceof PickledTensor t) return tensor(t);
			return v;
		}

		private Map<Object, Object> convertMap(final Map<?, ?> m) {
			final Map<Object, Object> out = new LinkedHashMap<>();
			m.forEach((k, x) -> out.put(k, convert(x)));
			return out;
		}

		private PthWriter.Tensor tensor(final PickledTensor t) {
			final StorageRef ref = t.storage();
			// the writer numbers storages in the order it meets them, as torch.save did
			assertEquals(Integer.toString(nextStorage++), ref.key(), "storage key");
			final TensorEntry entry = new TensorEntry("t", ref.type(), t.shape(), t.stride(), t.storageOffset(),
				new TensorStorage(ref, archive));
			assertTrue(entry.isContiguous() && t.storageOffset() == 0 && entry.numel() == ref.numel(),
				"fixture tensors own their storage");
			if (archive.storageEntrySize(ref.key()) < 0) {
				missing++;
				return ref.type() == StorageType.INT64 ? PthWriter.Tensor.int64(() -> new long[(int) entry.numel()], t
					.shape()) : PthWriter.Tensor.float32(() -> new float[(int) entry.numel()], t.shape());
			}
			return switch (ref.type()) {
				case FLOAT32 -> PthWriter.Tensor.float32(entry::readFloats, t.shape());
				case INT64 -> PthWriter.Tensor.int64(entry::readLongs, t.shape());
				default -> throw new AssertionError(ref.type());
			};
		}
	}

	/**
	 * The {@code _metadata} of the state dict (module name to version), which the reader skips: after
	 * the string {@code '_metadata'}, every string followed by an empty dict is a module name, and the
	 * next integer its version.
	 */
	static Map<String, Integer> metadata(final byte[] pickle) {
		final byte[] marker = ("X\u0009\0\0\0_metadata").getBytes(StandardCharsets.ISO_8859_1);
		final int at = indexOf(pickle, marker);
		if (at < 0) return null;
		final ByteBuffer b = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN).position(at + marker.length);
		final Map<String, Integer> modules = new LinkedHashMap<>();
		String lastString = null;
		String module = null;
		while (true) {
			final int op = b.get() & 0xff;
			switch (op) {
				case 'X' -> {
					final byte[] s = new byte[b.getInt()];
					b.get(s);
					lastString = new String(s, StandardCharsets.UTF_8);
				}
				case '}' -> {
					module = lastString;
					lastString = null;
				}
				case 'K' -> version(modules, module, b.get() & 0xff);
				case 'M' -> version(modules, module, b.getShort() & 0xffff);
				case 'J' -> version(modules, module, b.getInt());
				case 'q', 'h' -> b.get();
				case 'r', 'j' -> b.getInt();
				case '(', ')', 'R', 's', 'u' -> {
					// structure only
				}
				case 'b' -> {
					return modules;
				}
				default -> throw new AssertionError("unexpected opcode " + op + " in _metadata");
			}
		}
	}

	private static void version(final Map<String, Integer> modules, final String module, final int version) {
		if (module == null) throw new AssertionError("a version without its module in _metadata");
		modules.put(module, version);
	}

	private static int indexOf(final byte[] data, final byte[] pattern) {
		outer: for (int i = 0; i + pattern.length <= data.length; i++) {
			for (int j = 0; j < pattern.length; j++)
				if (data[i + j] != pattern[j]) continue outer;
			return i;
		}
		return -1;
	}
}
