package org.restorej.checkpoint;

import static org.restorej.checkpoint.PickleOpcodes.*;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Emits pickle opcodes into a byte array, the writing counterpart of {@link PickleInput}. Methods are
 * named after the opcodes they emit and encode their arguments as CPython's pickler does, so that
 * {@link TorchPickler} can reproduce {@code torch.save} output; the tests extend this class to craft
 * files opcode by opcode, hostile ones included.
 *
 * @param <S> the concrete class, returned by every method for chaining
 */
class PickleOutput<S extends PickleOutput<S>> {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@SuppressWarnings("unchecked")
	private S self() {
		return (S) this;
	}

	/** The bytes emitted so far. */
	byte[] bytes() {
		return out.toByteArray();
	}

	/** Number of bytes emitted so far. */
	int size() {
		return out.size();
	}

	S op(final int opcode) {
		out.write(opcode);
		return self();
	}

	S raw(final int... bytes) {
		for (final int b : bytes)
			out.write(b);
		return self();
	}

	S raw(final byte[] bytes) {
		out.writeBytes(bytes);
		return self();
	}

	/** {@code value} as {@code size} little-endian bytes. */
	S le(final long value, final int size) {
		for (int i = 0; i < size; i++)
			out.write((int) (value >>> (8 * i)) & 0xff);
		return self();
	}

	S proto(final int version) {
		return op(PROTO).raw(version);
	}

	S mark() {
		return op(MARK);
	}

	S stop() {
		return op(STOP);
	}

	S none() {
		return op(NONE);
	}

	S newTrue() {
		return op(NEWTRUE);
	}

	S newFalse() {
		return op(NEWFALSE);
	}

	S bool(final boolean value) {
		return value ? newTrue() : newFalse();
	}

	S emptyDict() {
		return op(EMPTY_DICT);
	}

	S emptyList() {
		return op(EMPTY_LIST);
	}

	S emptyTuple() {
		return op(EMPTY_TUPLE);
	}

	S tuple() {
		return op(TUPLE);
	}

	S tuple1() {
		return op(TUPLE1);
	}

	S tuple2() {
		return op(TUPLE2);
	}

	S tuple3() {
		return op(TUPLE3);
	}

	S setItem() {
		return op(SETITEM);
	}

	S setItems() {
		return op(SETITEMS);
	}

	S append() {
		return op(APPEND);
	}

	S appends() {
		return op(APPENDS);
	}

	S reduce() {
		return op(REDUCE);
	}

	S build() {
		return op(BUILD);
	}

	S binPersId() {
		return op(BINPERSID);
	}

	S binPut(final int index) {
		return op(BINPUT).raw(index);
	}

	S longBinPut(final long index) {
		return op(LONG_BINPUT).le(index, 4);
	}

	S binGet(final int index) {
		return op(BINGET).raw(index);
	}

	S longBinGet(final long index) {
		return op(LONG_BINGET).le(index, 4);
	}

	/** Stores the top of the stack in memo slot {@code index}: BINPUT below 256, else LONG_BINPUT. */
	S put(final long index) {
		return index < 0x100 ? binPut((int) index) : longBinPut(index);
	}

	/** Pushes memo slot {@code index}: BINGET below 256, else LONG_BINGET. */
	S get(final long index) {
		return index < 0x100 ? binGet((int) index) : longBinGet(index);
	}

	/** GLOBAL 'module name' (protocol 0-3 form). */
	S global(final String module, final String name) {
		op(GLOBAL);
		raw((module + "\n").getBytes(StandardCharsets.UTF_8));
		return raw((name + "\n").getBytes(StandardCharsets.UTF_8));
	}

	/** BINUNICODE: what protocols 1-3 write for every str. */
	S str(final String s) {
		final byte[] b = s.getBytes(StandardCharsets.UTF_8);
		return op(BINUNICODE).le(b.length, 4).raw(b);
	}

	/**
	 * The smallest of BININT1, BININT2, BININT and LONG1, as CPython chooses: unsigned 1 and 2 byte
	 * forms, a signed 4 byte form, otherwise the minimal two's complement bytes.
	 */
	S integer(final long v) {
		if (v >= 0 && v < 0x100) return op(BININT1).raw((int) v);
		if (v >= 0 && v < 0x10000) return op(BININT2).le(v, 2);
		if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) return op(BININT).le(v, 4);
		final byte[] bigEndian = BigInteger.valueOf(v).toByteArray(); // minimal two's complement
		op(LONG1).raw(bigEndian.length);
		for (int i = bigEndian.length - 1; i >= 0; i--)
			out.write(bigEndian[i]);
		return self();
	}

	/** BINFLOAT: a big-endian IEEE double. */
	S binFloat(final double v) {
		return op(BINFLOAT).raw(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(v).array());
	}
}
