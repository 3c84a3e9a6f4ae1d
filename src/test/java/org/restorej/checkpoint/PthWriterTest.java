package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.restorej.checkpoint.PthWriter.AdamW;
import org.restorej.checkpoint.PthWriter.OrderedDict;
import org.restorej.checkpoint.PthWriter.Tensor;
import org.restorej.checkpoint.PthWriter.Tuple;
import org.restorej.checkpoint.PthWriter.Wrapper;

/** Writing checkpoints and reading them back with {@link PthCheckpoint}. */
class PthWriterTest {

	@TempDir
	Path dir;

	/** Shapes of a small state dict: 4-d, 1-d, 0-d, empty, an int64 buffer, enough keys to sort as text. */
	static Map<String, long[]> shapes() {
		final Map<String, long[]> s = new LinkedHashMap<>();
		s.put("conv.weight", new long[] { 4, 3, 3, 3 });
		s.put("conv.bias", new long[] { 4 });
		s.put("attn.temperature", new long[] { 2, 1, 1 });
		s.put("attn.relative_position_index", new long[] { 16, 16 });
		s.put("scale", new long[0]);
		s.put("empty", new long[] { 0, 3 });
		for (int i = 0; i < 8; i++)
			s.put("blocks." + i + ".weight", new long[] { 5 + i, 2 });
		return s;
	}

	static float[] floats(final String key, final long[] shape) {
		final float[] v = new float[(int) PthWriter.numel(shape)];
		for (int i = 0; i < v.length; i++)
			v[i] = key.hashCode() % 1000 + i * 0.25f - 3;
		return v;
	}

	static long[] longs(final long[] shape) {
		return LongStream.range(0, PthWriter.numel(shape)).map(i -> i * 7 - 100 + (i == 5 ? Long.MAX_VALUE / 2 : 0))
			.toArray();
	}

	static boolean isBuffer(final String key) {
		return key.endsWith("relative_position_index");
	}

	static Map<String, Tensor> stateDict(final Map<String, long[]> shapes, final List<String> calls) {
		final Map<String, Tensor> sd = new LinkedHashMap<>();
		shapes.forEach((key, shape) -> sd.put(key, isBuffer(key) ? Tensor.int64(() -> {
			calls.add(key);
			return longs(shape);
		}, shape) : Tensor.float32(() -> {
			calls.add(key);
			return floats(key, shape);
		}, shape)));
		return sd;
	}

	/** AdamW state over the float parameters; exp_avg a copy of the weights halved, exp_avg_sq their squares. */
	static Map<String, Object> adamW(final Map<String, long[]> shapes) {
		final List<String> params = shapes.keySet().stream().filter(k -> !isBuffer(k)).toList();
		final Function<Integer, long[]> shape = i -> shapes.get(params.get(i));
		return AdamW.withLearningRate(2e-4).stateDict(params.size(), 42, i -> Tensor.float32(() -> {
			final float[] v = floats(params.get(i), shape.apply(i));
			for (int j = 0; j < v.length; j++)
				v[j] /= 2;
			return v;
		}, shape.apply(i)), i -> Tensor.float32(() -> {
			final float[] v = floats(params.get(i), shape.apply(i));
			for (int j = 0; j < v.length; j++)
				v[j] *= v[j];
			return v;
		}, shape.apply(i)));
	}

	enum Kind {
		BARE, BARE_PREFIXED, PARAMS, PARAMS_PREFIXED, TRAINING, TRAINING_PREFIXED;

		Wrapper wrapper(final Map<String, long[]> shapes) {
			final Wrapper w = switch (this) {
				case BARE, BARE_PREFIXED -> Wrapper.bare();
				case PARAMS, PARAMS_PREFIXED -> Wrapper.params();
				case TRAINING, TRAINING_PREFIXED -> Wrapper.training(7, adamW(shapes));
			};
			return name().endsWith("PREFIXED") ? w.withModulePrefix() : w;
		}

		String description() {
			return switch (this) {
				case BARE, BARE_PREFIXED -> StateDictSelector.BARE;
				case PARAMS, PARAMS_PREFIXED -> "{'params': state_dict}";
				case TRAINING, TRAINING_PREFIXED -> "{'epoch': ..., 'state_dict': state_dict, 'optimizer': ...}";
			};
		}
	}

	@ParameterizedTest
	@EnumSource(Kind.class)
	void roundTripThroughTheReader(final Kind kind) throws IOException {
		final Map<String, long[]> shapes = shapes();
		final List<String> calls = new ArrayList<>();
		final Path file = dir.resolve("model_best.pth");
		PthWriter.writeStateDict(file, stateDict(shapes, calls), kind.wrapper(shapes));
		assertEquals(shapes.size(), calls.size(), "each state-dict supplier is called once");
		try (PthCheckpoint ckpt = PthCheckpoint.open(file)) {
			assertEquals(kind.description(), ckpt.wrapper());
			assertEquals(kind.name().endsWith("PREFIXED"), ckpt.hadModulePrefix());
			assertEquals(List.copyOf(shapes.keySet()), List.copyOf(ckpt.stateDict().keys()), "keys in order");
			for (final Map.Entry<String, long[]> e : shapes.entrySet()) {
				final TensorEntry t = ckpt.stateDict().get(e.getKey());
				assertArrayEquals(e.getValue(), t.shape(), e.getKey());
				assertTrue(t.isContiguous());
				if (isBuffer(e.getKey())) {
					assertEquals(StorageType.INT64, t.dtype());
					assertArrayEquals(longs(e.getValue()), t.readLongs());
				}
				else {
					assertEquals(StorageType.FLOAT32, t.dtype());
					assertArrayEquals(floats(e.getKey(), e.getValue()), t.readFloats(), e.getKey());
				}
			}
			final Set<String> stateDictStorages = ckpt.stateDict().entries().stream().map(t -> t.storage().key())
				.collect(Collectors.toSet());
			assertTrue(stateDictStorages.containsAll(ckpt.storagesRead()), "the optimizer state is not read");
		}
	}

	@Test
	void trainingWrapperHoldsAdamWStateForEveryParameter() throws IOException {
		final Map<String, long[]> shapes = shapes();
		final Path file = dir.resolve("ckpt.pth");
		PthWriter.writeStateDict(file, stateDict(shapes, new ArrayList<>()), Wrapper.training(7, adamW(shapes))
			.withModulePrefix());
		final Map<?, ?> top;
		try (CheckpointArchive archive = CheckpointArchive.open(file)) {
			top = (Map<?, ?>) SafeUnpickler.load(file, archive.pickleEntryName(), archive.readPickle());
		}
		assertEquals(List.of("epoch", "state_dict", "optimizer"), List.copyOf(top.keySet()));
		assertEquals(7L, top.get("epoch"));
		assertTrue(((Map<?, ?>) top.get("state_dict")).keySet().stream().allMatch(k -> ((String) k).startsWith(
			"module.")));
		final Map<?, ?> optimizer = (Map<?, ?>) top.get("optimizer");
		final Map<?, ?> state = (Map<?, ?>) optimizer.get("state");
		final List<String> params = shapes.keySet().stream().filter(k -> !isBuffer(k)).toList();
		assertEquals(LongStream.range(0, params.size()).boxed().toList(), List.copyOf(state.keySet()));
		for (int i = 0; i < params.size(); i++) {
			final Map<?, ?> s = (Map<?, ?>) state.get((long) i);
			assertEquals(List.of("step", "exp_avg", "exp_avg_sq"), List.copyOf(s.keySet()));
			final PickledTensor step = (PickledTensor) s.get("step");
			assertEquals(0, step.shape().length, "step is a 0-d tensor");
			assertEquals(StorageType.FLOAT32, step.storage().type());
			assertArrayEquals(shapes.get(params.get(i)), ((PickledTensor) s.get("exp_avg")).shape());
			assertArrayEquals(shapes.get(params.get(i)), ((PickledTensor) s.get("exp_avg_sq")).shape());
		}
		final List<?> groups = (List<?>) optimizer.get("param_groups");
		assertEquals(1, groups.size());
		final Map<?, ?> group = (Map<?, ?>) groups.get(0);
		assertEquals(List.of("lr", "betas", "eps", "weight_decay", "amsgrad", "foreach", "maximize", "capturable",
			"params"), List.copyOf(group.keySet()));
		assertEquals(2e-4, group.get("lr"));
		assertEquals(List.of(0.9, 0.999), ((PickleTuple) group.get("betas")).items());
		assertEquals(1e-8, group.get("eps"));
		assertEquals(0.01, group.get("weight_decay"));
		assertEquals(false, group.get("amsgrad"));
		assertNull(group.get("foreach"));
		assertEquals(LongStream.range(0, params.size()).boxed().toList(), group.get("params"));
	}

	@Test
	void layoutIsThatOfTorchSave() throws IOException {
		final Map<String, long[]> shapes = shapes();
		final Path file = dir.resolve("net_g_latest.pth");
		PthWriter.writeStateDict(file, stateDict(shapes, new ArrayList<>()), Wrapper.params());
		final List<String> storageKeys = IntStream.range(0, shapes.size()).mapToObj(Integer::toString).sorted()
			.toList();
		final List<String> expected = new ArrayList<>();
		expected.add("net_g_latest/data.pkl");
		storageKeys.forEach(k -> expected.add("net_g_latest/data/" + k));
		expected.add("net_g_latest/version");
		try (ZipFile zip = new ZipFile(file.toFile()); RandomAccessFile raw = new RandomAccessFile(file.toFile(), "r")) {
			assertEquals(expected, zip.stream().map(ZipEntry::getName).toList());
			assertTrue(zip.stream().allMatch(e -> e.getMethod() == ZipEntry.STORED));
			assertEquals("3\n", new String(zip.getInputStream(zip.getEntry("net_g_latest/version")).readAllBytes()));
			// local headers follow each other, each entry's data 64-byte aligned and followed by a descriptor
			long position = 0;
			for (final String name : expected) {
				raw.seek(position);
				assertEquals(0x04034b50, Integer.reverseBytes(raw.readInt()), name);
				raw.seek(position + 6);
				assertEquals(0x0808, Short.reverseBytes(raw.readShort()), "flags of " + name);
				raw.seek(position + 26);
				final int nameLength = Short.reverseBytes(raw.readShort());
				final int extraLength = Short.reverseBytes(raw.readShort());
				final long data = position + 30 + nameLength + extraLength;
				assertEquals(0, data % 64, "alignment of " + name);
				position = data + zip.getEntry(name).getSize() + 16;
			}
		}
	}

	@Test
	void suppliersAreCalledOneAtATimeInStorageOrder() throws IOException {
		final Map<String, long[]> shapes = shapes();
		final List<String> calls = new ArrayList<>();
		PthWriter.writeStateDict(dir.resolve("a.pth"), stateDict(shapes, calls), Wrapper.bare());
		final List<String> keys = List.copyOf(shapes.keySet());
		final List<String> inStorageOrder = IntStream.range(0, keys.size()).mapToObj(Integer::toString).sorted()
			.map(k -> keys.get(Integer.parseInt(k))).toList();
		assertEquals(inStorageOrder, calls);
	}

	@Test
	void aSupplierOfTheWrongLengthLeavesNoFile() throws IOException {
		final Path file = dir.resolve("bad.pth");
		final Map<String, Tensor> sd = Map.of("w", Tensor.float32(() -> new float[5], 2, 3));
		final IllegalStateException e = assertThrows(IllegalStateException.class, () -> PthWriter.writeStateDict(
			file, sd, Wrapper.params()));
		assertTrue(e.getMessage().contains("5 values instead of 6"), e.getMessage());
		try (var files = Files.list(dir)) {
			assertEquals(List.of(), files.toList());
		}
	}

	@Test
	void anExistingFileIsReplaced() throws IOException {
		final Path file = dir.resolve("x.pth");
		Files.writeString(file, "old");
		PthWriter.writeStateDict(file, Map.of("w", Tensor.scalar(3)), Wrapper.bare());
		try (PthCheckpoint ckpt = PthCheckpoint.open(file)) {
			assertArrayEquals(new float[] { 3 }, ckpt.stateDict().get("w").readFloats());
		}
	}

	@Test
	void zip64FieldsAreReadable() throws IOException {
		// every entry gets the zip64 fields miniz writes beyond 4 GiB, on a small file
		final Map<String, long[]> shapes = shapes();
		final Path file = dir.resolve("zip64.pth");
		PthWriter.write(file, "zip64", new Wrapper(Wrapper.Kind.PARAMS, false, 0, null).wrap(new OrderedDict(
			stateDict(shapes, new ArrayList<>()))), 0);
		try (PthCheckpoint ckpt = PthCheckpoint.open(file)) {
			for (final Map.Entry<String, long[]> e : shapes.entrySet())
				if (!isBuffer(e.getKey()))
					assertArrayEquals(floats(e.getKey(), e.getValue()), ckpt.stateDict().get(e.getKey()).readFloats());
		}
	}

	@Test
	void rootIsTheFileStem() {
		assertEquals("model_best", PthWriter.rootFor(Path.of("/x/model_best.pth")));
		assertEquals("a.b", PthWriter.rootFor(Path.of("a.b.pth")));
		assertEquals("weights", PthWriter.rootFor(Path.of("weights")));
		assertEquals("archive", PthWriter.rootFor(Path.of(".pth")));
	}

	/**
	 * Plain values pickled as CPython 3.11 pickles them at protocol 2: integer forms, floats, the str
	 * memo, and SETITEMS/APPENDS batches of 1000 (exact dicts end a multiple of 1000 with an empty
	 * batch, OrderedDicts and lists do not). The digest is that of {@code pickle.dumps(obj, 2)} for the
	 * same object written in Python (see the comment in the body).
	 */
	@Test
	void plainValuesArePickledAsCPythonDoes() throws NoSuchAlgorithmException {
		/*-
		obj = {'ints': [0, 1, 255, 256, 65535, 65536, -1, -2**31, 2**31 - 1, 2**31, -2**31 - 1, 2**40, -2**63, 2**63 - 1],
		       'floats': (0.5, -1e300, 1e-08),
		       'strs': ['a', 'a', '\u00e9', ''],
		       'none': None, 't': True, 'f': False,
		       'dict1000': {i: i for i in range(1000)}, 'dict1001': {i: None for i in range(1001)},
		       'od': collections.OrderedDict((str(i), i) for i in range(1001)),
		       'list1000': list(range(1000)), 'list1001': list(range(1001)),
		       'empty': ([], {}, (), collections.OrderedDict()),
		       'one': ([1], {'k': 1}, (1,), collections.OrderedDict(k=1)), 'four': (1, 2, 3, 4)}
		*/
		final Map<String, Object> obj = new LinkedHashMap<>();
		obj.put("ints", List.of(0L, 1L, 255L, 256L, 65535L, 65536L, -1L, (long) Integer.MIN_VALUE,
			(long) Integer.MAX_VALUE, 1L << 31, -(1L << 31) - 1, 1L << 40, Long.MIN_VALUE, Long.MAX_VALUE));
		obj.put("floats", Tuple.of(0.5, -1e300, 1e-08));
		obj.put("strs", List.of("a", "a", "\u00e9", ""));
		obj.put("none", null);
		obj.put("t", true);
		obj.put("f", false);
		final Map<Long, Object> dict1000 = new LinkedHashMap<>(), dict1001 = new LinkedHashMap<>();
		final Map<String, Object> od = new LinkedHashMap<>();
		for (long i = 0; i < 1001; i++) {
			if (i < 1000) dict1000.put(i, i);
			dict1001.put(i, null);
			od.put(Long.toString(i), i);
		}
		obj.put("dict1000", dict1000);
		obj.put("dict1001", dict1001);
		obj.put("od", new OrderedDict(od));
		obj.put("list1000", LongStream.range(0, 1000).boxed().toList());
		obj.put("list1001", LongStream.range(0, 1001).boxed().toList());
		obj.put("empty", Tuple.of(List.of(), Map.of(), Tuple.of(), new OrderedDict(Map.of())));
		obj.put("one", Tuple.of(List.of(1), Map.of("k", 1), Tuple.of(1), new OrderedDict(Map.of("k", 1))));
		obj.put("four", Tuple.of(1, 2, 3, 4));
		final byte[] pickle = TorchPickler.dump(obj).pickle();
		assertEquals(30171, pickle.length);
		assertEquals("4f3eb40dc17162bcb0a5d16e63d3799bd9a7fdd8abfda63d75625785b30dc8a7", HexFormat.of().formatHex(
			MessageDigest.getInstance("SHA-256").digest(pickle)));
	}

	@Test
	void unsupportedValuesAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> TorchPickler.dump(Map.of("x", new Object())));
		assertThrows(IllegalArgumentException.class, () -> Tensor.float32(() -> new float[0], -1));
	}
}
