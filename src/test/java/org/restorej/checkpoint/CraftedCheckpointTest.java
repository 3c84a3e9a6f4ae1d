package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.restorej.checkpoint.CheckpointZip.bytes;
import static org.restorej.checkpoint.CheckpointZip.doubles;
import static org.restorej.checkpoint.CheckpointZip.floats;
import static org.restorej.checkpoint.CheckpointZip.ints;
import static org.restorej.checkpoint.CheckpointZip.longs;
import static org.restorej.checkpoint.CheckpointZip.ramp;
import static org.restorej.checkpoint.CheckpointZip.shorts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checkpoints assembled opcode by opcode: dtypes, strided views, wrappers, newer pickle forms. */
class CraftedCheckpointTest {

	@TempDir
	Path dir;

	private static final long[] NONE = {};

	private static long[] dims(final long... d) {
		return d;
	}

	/** {'params': OrderedDict(entries written by body)} */
	private static PickleWriter params(final java.util.function.Consumer<PickleWriter> body) {
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().str("params").emptyOrderedDict().mark();
		body.accept(p);
		return p.setItems().setItem().stop();
	}

	private PthCheckpoint open(final CheckpointZip zip) throws IOException {
		return PthCheckpoint.open(zip.writeTo(dir.resolve("crafted.pth")));
	}

	@Test
	void float16ValuesAreWidenedExactly() throws IOException {
		final int[] bits = { 0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x03FF, 0x8000, 0x7C00, 0xFC00, 0x3555 };
		final float[] expected = { 1f, -2f, 0.5f, 65504f, 0x1p-24f, 1023 * 0x1p-24f, -0f,
			Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.333251953125f };
		final PickleWriter p = params(w -> w.str("h").tensor("HalfStorage", "0", bits.length, 0,
			dims(bits.length), dims(1)));
		try (PthCheckpoint ckpt = open(CheckpointZip.withRoot("archive").pickle(p).storage("0", shorts(bits)))) {
			final TensorEntry t = ckpt.stateDict().get("h");
			assertEquals(StorageType.FLOAT16, t.dtype());
			assertArrayEquals(expected, t.readFloats());
		}
	}

	@Test
	void float16NaNStaysNaN() throws IOException {
		final PickleWriter p = params(w -> w.str("h").tensor("HalfStorage", "0", 1, 0, NONE, NONE));
		try (PthCheckpoint ckpt = open(CheckpointZip.withRoot("a").pickle(p).storage("0", shorts(0x7E00)))) {
			assertTrue(Float.isNaN(ckpt.stateDict().get("h").readFloats()[0]));
		}
	}

	@Test
	void bfloat16AndFloat64AreConvertedToFloat() throws IOException {
		final PickleWriter p = params(w -> w
			.str("bf").tensor("BFloat16Storage", "0", 5, 0, dims(5), dims(1))
			.str("f64").tensor("DoubleStorage", "1", 4, 0, dims(2, 2), dims(2, 1)));
		final CheckpointZip zip = CheckpointZip.withRoot("archive").pickle(p)
			.storage("0", shorts(0x3F80, 0xC020, 0x4049, 0x7F80, 0x0001))
			.storage("1", doubles(0.1, -1e300, 1e-50, 3.5));
		try (PthCheckpoint ckpt = open(zip)) {
			assertEquals(StorageType.BFLOAT16, ckpt.stateDict().get("bf").dtype());
			assertArrayEquals(new float[] { 1f, -2.5f, 3.140625f, Float.POSITIVE_INFINITY,
				Float.intBitsToFloat(0x10000) }, ckpt.stateDict().get("bf").readFloats());
			assertEquals(StorageType.FLOAT64, ckpt.stateDict().get("f64").dtype());
			assertArrayEquals(new float[] { 0.1f, Float.NEGATIVE_INFINITY, 0f, 3.5f },
				ckpt.stateDict().get("f64").readFloats());
		}
	}

	@Test
	void integerAndBoolTensorsReadAsLongs() throws IOException {
		final PickleWriter p = params(w -> w
			.str("i64").tensor("LongStorage", "0", 5, 0, dims(5), dims(1))
			.str("i32").tensor("IntStorage", "1", 3, 0, dims(3), dims(1))
			.str("i16").tensor("ShortStorage", "2", 2, 0, dims(2), dims(1))
			.str("i8").tensor("CharStorage", "3", 2, 0, dims(2), dims(1))
			.str("u8").tensor("ByteStorage", "4", 2, 0, dims(2), dims(1))
			.str("b").tensor("BoolStorage", "5", 3, 0, dims(3), dims(1))
			.str("num_batches_tracked").tensor("LongStorage", "6", 1, 0, NONE, NONE));
		final CheckpointZip zip = CheckpointZip.withRoot("archive").pickle(p)
			.storage("0", longs(Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, 42))
			.storage("1", ints(Integer.MIN_VALUE, -7, Integer.MAX_VALUE))
			.storage("2", shorts(-300, 300))
			.storage("3", bytes(-128, 127))
			.storage("4", bytes(200, 7))
			.storage("5", bytes(1, 0, 1))
			.storage("6", longs(1234));
		try (PthCheckpoint ckpt = open(zip)) {
			final StateDict sd = ckpt.stateDict();
			assertArrayEquals(new long[] { Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, 42 }, sd.get("i64").readLongs());
			assertArrayEquals(new float[] { Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, 42 }, sd.get("i64").readFloats());
			assertArrayEquals(new long[] { Integer.MIN_VALUE, -7, Integer.MAX_VALUE }, sd.get("i32").readLongs());
			assertArrayEquals(new long[] { -300, 300 }, sd.get("i16").readLongs());
			assertArrayEquals(new long[] { -128, 127 }, sd.get("i8").readLongs());
			assertArrayEquals(new long[] { 200, 7 }, sd.get("u8").readLongs());
			assertArrayEquals(new float[] { 200, 7 }, sd.get("u8").readFloats());
			assertArrayEquals(new long[] { 1, 0, 1 }, sd.get("b").readLongs());
			assertEquals(StorageType.BOOL, sd.get("b").dtype());
			final TensorEntry scalar = sd.get("num_batches_tracked");
			assertEquals(0, scalar.rank());
			assertEquals(1, scalar.numel());
			assertArrayEquals(new long[] { 1234 }, scalar.readLongs());
		}
	}

	/** Views onto one storage holding 0..11, stored and deflated. */
	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void stridedViewsAndOffsetsAreGatheredInRowMajorOrder(final boolean deflate) throws IOException {
		final PickleWriter p = params(w -> w
			.str("transposed").tensor("FloatStorage", "0", 12, 0, dims(3, 2), dims(1, 3))
			.str("window").tensor("FloatStorage", "0", 12, 1, dims(2, 2), dims(4, 1))
			.str("broadcast").tensor("FloatStorage", "0", 12, 6, dims(2, 3), dims(0, 1))
			.str("offset").tensor("FloatStorage", "0", 12, 2, dims(2, 3), dims(3, 1))
			.str("unit_dim").tensor("FloatStorage", "0", 12, 0, dims(2, 1, 3), dims(3, 99, 1))
			.str("step").tensor("FloatStorage", "0", 12, 1, dims(2, 2, 2), dims(1, 6, 2))
			.str("scalar").tensor("FloatStorage", "0", 12, 11, NONE, NONE)
			.str("empty").tensor("FloatStorage", "0", 12, 0, dims(0, 4), dims(4, 1)));
		CheckpointZip zip = CheckpointZip.withRoot("archive").pickle(p).storage("0", ramp(12));
		if (deflate) zip = zip.deflated();
		try (PthCheckpoint ckpt = open(zip)) {
			final StateDict sd = ckpt.stateDict();
			assertFalse(sd.get("transposed").isContiguous());
			assertArrayEquals(new float[] { 0, 3, 1, 4, 2, 5 }, sd.get("transposed").readFloats());
			assertArrayEquals(new float[] { 1, 2, 5, 6 }, sd.get("window").readFloats());
			assertArrayEquals(new float[] { 6, 7, 8, 6, 7, 8 }, sd.get("broadcast").readFloats());
			assertTrue(sd.get("offset").isContiguous());
			assertArrayEquals(new float[] { 2, 3, 4, 5, 6, 7 }, sd.get("offset").readFloats());
			assertTrue(sd.get("unit_dim").isContiguous());
			assertArrayEquals(new float[] { 0, 1, 2, 3, 4, 5 }, sd.get("unit_dim").readFloats());
			// element [i][j][k] = 1 + i + 6j + 2k
			assertArrayEquals(new float[] { 1, 3, 7, 9, 2, 4, 8, 10 }, sd.get("step").readFloats());
			assertArrayEquals(new float[] { 11 }, sd.get("scalar").readFloats());
			assertArrayEquals(new float[0], sd.get("empty").readFloats());
			assertEquals(0, sd.get("empty").numel());
			assertEquals(sd.get("window").storage(), sd.get("transposed").storage(), "one handle per storage");
		}
	}

	@Test
	void stridedHalfPrecisionViewIsGatheredAndConverted() throws IOException {
		// storage [1, 2, 0.5, -2] as [[1, 2], [0.5, -2]]; the view is its transpose
		final PickleWriter p = params(w -> w.str("t").tensor("HalfStorage", "0", 4, 0, dims(2, 2), dims(1, 2)));
		try (PthCheckpoint ckpt = open(CheckpointZip.withRoot("a").pickle(p)
			.storage("0", shorts(0x3C00, 0x4000, 0x3800, 0xC000))))
		{
			assertArrayEquals(new float[] { 1, 0.5f, 2, -2 }, ckpt.stateDict().get("t").readFloats());
		}
	}

	@Test
	void largeContiguousTensorIsStreamedInChunks() throws IOException {
		final int n = 700_000; // > 2 chunks of 1 MiB
		final PickleWriter p = params(w -> w.str("big").tensor("FloatStorage", "0", n + 3, 3, dims(n), dims(1)));
		try (PthCheckpoint ckpt = open(CheckpointZip.withRoot("a").pickle(p).storage("0", ramp(n + 3)))) {
			final float[] v = ckpt.stateDict().get("big").readFloats();
			assertEquals(n, v.length);
			for (int i = 0; i < n; i += 9973)
				assertEquals(i + 3, v[i]);
			assertEquals(n + 2, v[n - 1]);
			assertEquals(4L * n, ckpt.storageBytesRead());
		}
	}

	@Test
	void bigEndianStoragesAreHonoured() throws IOException {
		final PickleWriter p = params(w -> w.str("w").floatTensor("0", 2));
		final byte[] be = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-3f).array();
		try (PthCheckpoint ckpt = open(CheckpointZip.withRoot("a").pickle(p).storage("0", be)
			.entry("a/byteorder", "big".getBytes())))
		{
			assertArrayEquals(new float[] { 1.5f, -3f }, ckpt.stateDict().get("w").readFloats());
		}
	}

	@Test
	void rebuildParameterAndTensorMetadataAreAccepted() throws IOException {
		final PickleWriter p = params(w -> {
			w.str("param").global("torch._utils", "_rebuild_parameter").mark().floatTensor("0", 2).newTrue()
				.emptyOrderedDict().tuple().reduce();
			// _rebuild_tensor_v2 with a 7th metadata argument (newer PyTorch)
			w.str("meta").global("torch._utils", "_rebuild_tensor_v2").mark().storage("FloatStorage", "0", "cuda:0", 2)
				.integer(1).intTuple(1).intTuple(1).newFalse().emptyOrderedDict().emptyDict().tuple().reduce();
		});
		try (PthCheckpoint ckpt = open(CheckpointZip.withRoot("a").pickle(p).storage("0", floats(4f, 5f)))) {
			assertArrayEquals(new float[] { 4f, 5f }, ckpt.stateDict().get("param").readFloats());
			assertArrayEquals(new float[] { 5f }, ckpt.stateDict().get("meta").readFloats());
			assertEquals("cuda:0", ckpt.stateDict().get("meta").storage().location());
		}
	}

	/** Protocol 4 as written by torch.save(..., pickle_protocol=4): FRAME, MEMOIZE, STACK_GLOBAL. */
	@Test
	void protocol4FramingMemoizeAndStackGlobalAreUnderstood() throws IOException {
		// memo: 0 top dict, 1 'state_dict', 2 OrderedDict, 3 OrderedDict(), 4 _rebuild_tensor_v2, 5 FloatStorage, 6 tensor
		final byte[] body = new PickleWriter().emptyDict().memoize()
			.shortStr("state_dict").memoize()
			.stackGlobal("collections", "OrderedDict").memoize().emptyTuple().reduce().memoize()
			.mark()
			.shortStr("module.a").stackGlobal("torch._utils", "_rebuild_tensor_v2").memoize()
			.mark().mark().shortStr("storage").stackGlobal("torch", "FloatStorage").memoize().shortStr("0")
			.shortStr("cpu").integer(3).tuple().binPersId().integer(0).intTuple(3).intTuple(1).newFalse()
			.binGet(2).emptyTuple().reduce().tuple().reduce().memoize()
			.shortStr("module.b").binGet(6) // the same tensor object again
			.emptyTuple().tuple1().op('0') // push a junk tuple and POP it
			.setItems()
			.setItem().stop().bytes();
		final PickleWriter p = PickleWriter.protocol(4).frame(body.length).raw(body);
		try (PthCheckpoint ckpt = open(CheckpointZip.withRoot("a").pickle(p).storage("0", floats(1, 2, 3)))) {
			assertEquals("{'state_dict': state_dict}", ckpt.wrapper());
			assertTrue(ckpt.hadModulePrefix());
			assertEquals(List.of("a", "b"), List.copyOf(ckpt.stateDict().keys()));
			assertArrayEquals(new float[] { 1, 2, 3 }, ckpt.stateDict().get("b").readFloats());
		}
	}

	@Test
	void paramsEmaIsUsedWhenParamsIsAbsent() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().mark()
			.str("iter").integer(5000)
			.str("params_ema").emptyOrderedDict().str("w").floatTensor("0", 1).setItem()
			.setItems().stop();
		try (PthCheckpoint ckpt = open(CheckpointZip.withRoot("a").pickle(p).storage("0", floats(7)))) {
			assertEquals("{'iter': ..., 'params_ema': state_dict}", ckpt.wrapper());
			assertArrayEquals(new float[] { 7 }, ckpt.stateDict().get("w").readFloats());
		}
	}

	@Test
	void paramsIsPreferredOverParamsEmaAndStateDict() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().mark()
			.str("state_dict").emptyDict().str("w").floatTensor("2", 1).setItem()
			.str("params_ema").emptyDict().str("w").floatTensor("1", 1).setItem()
			.str("params").emptyDict().str("w").floatTensor("0", 1).setItem()
			.setItems().stop();
		try (PthCheckpoint ckpt = open(CheckpointZip.withRoot("a").pickle(p).storage("0", floats(10))
			.storage("1", floats(11)).storage("2", floats(12))))
		{
			assertEquals("{'state_dict': ..., 'params_ema': ..., 'params': state_dict}", ckpt.wrapper());
			assertArrayEquals(new float[] { 10 }, ckpt.stateDict().get("w").readFloats());
		}
	}

	@Test
	void stateDictWithTrainingExtrasIsUnwrappedAndExtrasIgnored() throws IOException {
		// {'epoch': 3, 'state_dict': {...}, 'optimizer': {'state': {0: {'step': 0-d tensor, 'exp_avg': ...}},
		// 'param_groups': [{'lr': 1e-4, 'betas': (0.9, 0.999), 'params': [0]}]}, 'device': torch.device('cuda', 0)}
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().mark()
			.str("epoch").integer(3)
			.str("state_dict").emptyOrderedDict().mark()
			.str("module.conv.weight").floatTensor("0", 2, 2)
			.str("module.conv.bias").floatTensor("1", 2)
			.setItems()
			.str("optimizer").emptyDict().mark()
			.str("state").emptyDict().integer(0).emptyDict().mark()
			.str("step").floatTensor("2")
			.str("exp_avg").floatTensor("3", 2, 2)
			.setItems().setItem()
			.str("param_groups").emptyList().emptyDict().mark().str("lr").binFloat(1e-4).str("betas")
			.binFloat(0.9).binFloat(0.999).tuple2().str("params").emptyList().mark().integer(0).appends()
			.str("foreach").none().setItems().append()
			.setItems()
			.str("device").global("torch", "device").str("cuda").integer(0).tuple2().reduce()
			.setItems().stop();
		final CheckpointZip zip = CheckpointZip.withRoot("model_best").pickle(p)
			.storage("0", floats(1, 2, 3, 4)).storage("1", floats(5, 6))
			.storage("2", floats(100)).storage("3", new byte[16]);
		try (PthCheckpoint ckpt = open(zip)) {
			assertEquals("{'epoch': ..., 'state_dict': state_dict, 'optimizer': ..., 'device': ...}", ckpt.wrapper());
			assertTrue(ckpt.hadModulePrefix());
			assertEquals(List.of("conv.weight", "conv.bias"), List.copyOf(ckpt.stateDict().keys()));
			assertArrayEquals(new float[] { 1, 2, 3, 4 }, ckpt.stateDict().get("conv.weight").readFloats());
			assertArrayEquals(new float[] { 5, 6 }, ckpt.stateDict().get("conv.bias").readFloats());
			assertEquals(24, ckpt.storageBytesRead());
			assertEquals(java.util.Set.of("0", "1"), ckpt.storagesRead());
		}
	}

	/** Like the 780 MB AST file: opening and reading the model must not touch large optimizer storages. */
	@Test
	void largeOptimizerStorageIsNotRead() throws IOException {
		final int big = 4 << 20; // 16 MB per optimizer tensor
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().mark()
			.str("state_dict").emptyOrderedDict().str("module.w").floatTensor("0", 4).setItem()
			.str("optimizer").emptyDict().str("state").emptyDict().integer(0).emptyDict().mark()
			.str("exp_avg").floatTensor("1", big).str("exp_avg_sq").floatTensor("2", big).setItems().setItem()
			.setItem()
			.setItems().stop();
		final CheckpointZip zip = CheckpointZip.withRoot("ckpt").pickle(p).storage("0", floats(1, 2, 3, 4))
			.storage("1", new byte[4 * big]).storage("2", new byte[4 * big]);
		try (PthCheckpoint ckpt = open(zip)) {
			assertEquals(0, ckpt.storageBytesRead());
			assertArrayEquals(new float[] { 1, 2, 3, 4 }, ckpt.stateDict().get("w").readFloats());
			assertEquals(16, ckpt.storageBytesRead());
			assertEquals(java.util.Set.of("0"), ckpt.storagesRead());
		}
	}

	@Test
	void keysKeepFileOrder() throws IOException {
		final PickleWriter p = params(w -> w.str("z").floatTensor("0", 1).str("a").floatTensor("1", 1)
			.str("m").floatTensor("2", 1));
		try (PthCheckpoint ckpt = open(CheckpointZip.withRoot("a").pickle(p).storage("0", floats(0))
			.storage("1", floats(1)).storage("2", floats(2))))
		{
			assertEquals(List.of("z", "a", "m"), List.copyOf(ckpt.stateDict().keys()));
			assertThrows(UnsupportedOperationException.class, () -> ckpt.stateDict().keys().remove("z"));
		}
	}

	@Test
	void keyPresentWithAndWithoutModulePrefixIsRefused() throws IOException {
		final PickleWriter p = params(w -> w.str("module.w").floatTensor("0", 1).str("w").floatTensor("0", 1));
		final Path file = CheckpointZip.withRoot("a").pickle(p).storage("0", floats(0)).writeTo(dir.resolve("dup.pth"));
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(file));
		assertTrue(e.getMessage().contains("'w'") && e.getMessage().contains("module."), e.getMessage());
	}

	@Test
	void dictWithoutStateDictIsRefusedWithItsKeys() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().str("epoch").integer(1).setItem().stop();
		final Path file = CheckpointZip.withRoot("a").pickle(p).writeTo(dir.resolve("nosd.pth"));
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(file));
		assertTrue(e.getMessage().contains("no state dict") && e.getMessage().contains("'epoch'"), e.getMessage());
		assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
	}

	@Test
	void nonTensorEntryInStateDictIsRefused() throws IOException {
		final PickleWriter p = params(w -> w.str("w").floatTensor("0", 1).str("config").str("x"));
		final Path file = CheckpointZip.withRoot("a").pickle(p).storage("0", floats(0)).writeTo(dir.resolve("x.pth"));
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(file));
		assertTrue(e.getMessage().contains("'config'") && e.getMessage().contains("str"), e.getMessage());
	}

	@Test
	void topLevelTensorOrListIsRefused() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).emptyList().stop();
		final Path file = CheckpointZip.withRoot("a").pickle(p).writeTo(dir.resolve("list.pth"));
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(file));
		assertTrue(e.getMessage().contains("list"), e.getMessage());
	}

	@Test
	void emptyStateDictIsRefused() throws IOException {
		final PickleWriter p = params(w -> {});
		final Path file = CheckpointZip.withRoot("a").pickle(p).writeTo(dir.resolve("empty.pth"));
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(file));
		assertTrue(e.getMessage().contains("no tensors"), e.getMessage());
	}
}
