package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The value model of the unpickler, opcode family by opcode family. */
class SafeUnpicklerTest {

	private static Object load(final PickleWriter p) {
		return SafeUnpickler.load(Path.of("test.pth"), "archive/data.pkl", p.bytes());
	}

	@Test
	void binaryScalars() {
		final Object v = load(PickleWriter.protocol(2).mark().integer(7).integer(300).integer(-5).integer(1L << 40)
			.op(0x8a).raw(1).raw(0xff) // LONG1 -1
			.op(0x8a).raw(9).raw(0, 0, 0, 0, 0, 0, 0, 0, 1) // LONG1 2^64
			.binFloat(-2.5).newTrue().newFalse().none().str("héllo").shortStr("x")
			.op('C').raw(2).raw(1, 2) // SHORT_BINBYTES
			.op('U').raw(2).raw('o', 'k') // SHORT_BINSTRING
			.tuple().stop());
		final PickleTuple t = assertInstanceOf(PickleTuple.class, v);
		assertEquals(List.of(7L, 300L, -5L, 1L << 40, -1L, BigInteger.ONE.shiftLeft(64), -2.5, true, false),
			t.items().subList(0, 9));
		assertNull(t.get(9));
		assertEquals("héllo", t.get(10));
		assertEquals("x", t.get(11));
		assertArrayEquals(new byte[] { 1, 2 }, (byte[]) t.get(12));
		assertEquals("ok", t.get(13));
	}

	@Test
	void protocol0TextOpcodes() {
		// (I12\nI01\nL-99L\nF0.25\nVa\u00e9\\u20ac\np0\ng0\nt.
		final Object v = load(new PickleWriter().mark().op('I').text("12").op('I').text("01").op('L').text("-99L")
			.op('F').text("0.25").op('F').text("inf").op('V').raw(new byte[] { 'a', (byte) 0xe9 }).text("\\u20ac")
			.op('p').text("0").op('g').text("0").tuple().stop());
		final PickleTuple t = assertInstanceOf(PickleTuple.class, v);
		assertEquals(List.of(12L, true, -99L, 0.25, Double.POSITIVE_INFINITY, "aé€", "aé€"), t.items());
	}

	@Test
	void containers() {
		final Object v = load(PickleWriter.protocol(4).emptyDict()
			.mark().str("list").emptyList().integer(1).append().mark().integer(2).integer(3).appends()
			.str("dict").mark().str("k").integer(1).op('d') // DICT
			.str("list0").mark().integer(4).op('l') // LIST
			.str("set").op(0x8f).mark().integer(1).integer(2).op(0x90) // EMPTY_SET ADDITEMS
			.str("frozen").mark().integer(3).op(0x91) // FROZENSET
			.str("tuple3").integer(1).integer(2).integer(3).tuple3()
			.str("dup").emptyList().op('2').tuple2() // DUP: the same list twice
			.setItems().stop());
		final Map<?, ?> d = assertInstanceOf(Map.class, v);
		assertEquals(List.of(1L, 2L, 3L), d.get("list"));
		assertEquals(Map.of("k", 1L), d.get("dict"));
		assertEquals(List.of(4L), d.get("list0"));
		assertEquals(Set.of(1L, 2L), d.get("set"));
		assertEquals(Set.of(3L), d.get("frozen"));
		assertEquals(new PickleTuple(List.of(1L, 2L, 3L)), d.get("tuple3"));
		final PickleTuple dup = (PickleTuple) d.get("dup");
		assertSame(dup.get(0), dup.get(1));
		assertEquals(List.of("list", "dict", "list0", "set", "frozen", "tuple3", "dup"), List.copyOf(d.keySet()));
	}

	@Test
	void tupleKeysAreAllowedButNotListKeys() {
		final Object v = load(PickleWriter.protocol(2).emptyDict().integer(1).integer(2).tuple2().str("v").setItem().stop());
		assertEquals("v", ((Map<?, ?>) v).get(new PickleTuple(List.of(1L, 2L))));
		assertThrows(CheckpointException.class,
			() -> load(PickleWriter.protocol(2).emptyDict().emptyDict().str("v").setItem().stop()));
	}

	@Test
	void popAndPopMark() {
		final Object v = load(PickleWriter.protocol(2).integer(1).integer(2).op('0') // POP
			.mark().integer(3).integer(4).op('1') // POP_MARK
			.stop());
		assertEquals(1L, v);
	}

	@Test
	void orderedDictFromPairsAndDevice() {
		final Object v = load(PickleWriter.protocol(2).global("collections", "OrderedDict")
			.mark().emptyList().str("a").integer(1).tuple2().append().str("b").integer(2).tuple2().append().tuple()
			.reduce().stop());
		final OrderedDictObject d = assertInstanceOf(OrderedDictObject.class, v);
		assertEquals(List.of("a", "b"), List.copyOf(d.keySet()));
		final Object device = load(PickleWriter.protocol(2).global("torch", "device").str("cuda").integer(1).tuple2()
			.reduce().stop());
		assertEquals(new TorchDevice("cuda", 1), device);
	}

	@Test
	void storagePersistentIdBecomesStorageRef() {
		final Object v = load(PickleWriter.protocol(2).storage("LongStorage", "17", "cuda:0", 9).stop());
		assertEquals(new StorageRef(StorageType.INT64, "17", "cuda:0", 9), v);
	}

	@Test
	void tensorRebuildIsEmulated() {
		final Object v = load(PickleWriter.protocol(2)
			.tensor("HalfStorage", "3", 20, 2, new long[] { 2, 3 }, new long[] { 1, 2 }).stop());
		final PickledTensor t = assertInstanceOf(PickledTensor.class, v);
		assertEquals(StorageType.FLOAT16, t.storage().type());
		assertEquals(2, t.storageOffset());
		assertArrayEquals(new long[] { 2, 3 }, t.shape());
		assertArrayEquals(new long[] { 1, 2 }, t.stride());
	}

	@Test
	void errorsNameTheByteOffsetAndOpcode() {
		final CheckpointException e = assertThrows(CheckpointException.class,
			() -> load(PickleWriter.protocol(2).none().binGet(9).stop()));
		assertTrue(e.getMessage().contains("test.pth") && e.getMessage().contains("archive/data.pkl") &&
			e.getMessage().contains("at byte 3 (BINGET)"), e.getMessage());
	}
}
