package org.restorej.checkpoint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Assembles pickle byte streams opcode by opcode, for crafting checkpoints (benign and hostile) in
 * tests. Methods are named after the opcodes they emit; the torch helpers emit what torch.save
 * writes for a tensor.
 */
final class PickleWriter {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	static PickleWriter protocol(final int version) {
		return new PickleWriter().op(0x80).raw(version);
	}

	byte[] bytes() {
		return out.toByteArray();
	}

	PickleWriter op(final int opcode) {
		out.write(opcode);
		return this;
	}

	PickleWriter raw(final int... bytes) {
		for (final int b : bytes)
			out.write(b);
		return this;
	}

	PickleWriter raw(final byte[] bytes) {
		out.writeBytes(bytes);
		return this;
	}

	PickleWriter le(final long value, final int size) {
		for (int i = 0; i < size; i++)
			out.write((int) (value >>> (8 * i)) & 0xff);
		return this;
	}

	PickleWriter text(final String line) {
		return raw((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	// -- opcodes --

	PickleWriter mark() {
		return op('(');
	}

	PickleWriter stop() {
		return op('.');
	}

	PickleWriter none() {
		return op('N');
	}

	PickleWriter newTrue() {
		return op(0x88);
	}

	PickleWriter newFalse() {
		return op(0x89);
	}

	PickleWriter emptyDict() {
		return op('}');
	}

	PickleWriter emptyList() {
		return op(']');
	}

	PickleWriter emptyTuple() {
		return op(')');
	}

	PickleWriter tuple() {
		return op('t');
	}

	PickleWriter tuple1() {
		return op(0x85);
	}

	PickleWriter tuple2() {
		return op(0x86);
	}

	PickleWriter tuple3() {
		return op(0x87);
	}

	PickleWriter setItem() {
		return op('s');
	}

	PickleWriter setItems() {
		return op('u');
	}

	PickleWriter append() {
		return op('a');
	}

	PickleWriter appends() {
		return op('e');
	}

	PickleWriter reduce() {
		return op('R');
	}

	PickleWriter build() {
		return op('b');
	}

	PickleWriter newObj() {
		return op(0x81);
	}

	PickleWriter binPersId() {
		return op('Q');
	}

	PickleWriter memoize() {
		return op(0x94);
	}

	PickleWriter binPut(final int index) {
		return op('q').raw(index);
	}

	PickleWriter longBinPut(final long index) {
		return op('r').le(index, 4);
	}

	PickleWriter binGet(final int index) {
		return op('h').raw(index);
	}

	PickleWriter longBinGet(final long index) {
		return op('j').le(index, 4);
	}

	PickleWriter frame(final long length) {
		return op(0x95).le(length, 8);
	}

	/** GLOBAL 'module name' (protocol 0-3 form). */
	PickleWriter global(final String module, final String name) {
		return op('c').text(module).text(name);
	}

	/** STACK_GLOBAL (protocol 4 form): module and name pushed as strings first. */
	PickleWriter stackGlobal(final String module, final String name) {
		return shortStr(module).shortStr(name).op(0x93);
	}

	/** BINUNICODE. */
	PickleWriter str(final String s) {
		final byte[] b = s.getBytes(StandardCharsets.UTF_8);
		return op('X').le(b.length, 4).raw(b);
	}

	/** SHORT_BINUNICODE (protocol 4). */
	PickleWriter shortStr(final String s) {
		final byte[] b = s.getBytes(StandardCharsets.UTF_8);
		return op(0x8c).raw(b.length).raw(b);
	}

	/** The smallest of BININT1, BININT2, BININT, LONG1. */
	PickleWriter integer(final long v) {
		if (v >= 0 && v < 0x100) return op('K').raw((int) v);
		if (v >= 0 && v < 0x10000) return op('M').le(v, 2);
		if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) return op('J').le(v, 4);
		return op(0x8a).raw(8).le(v, 8);
	}

	PickleWriter binFloat(final double v) {
		return op('G').raw(ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putDouble(v).array());
	}

	/** MARK ints TUPLE. */
	PickleWriter intTuple(final long... values) {
		mark();
		for (final long v : values)
			integer(v);
		return tuple();
	}

	// -- what torch.save writes --

	/** {@code collections.OrderedDict()}. */
	PickleWriter emptyOrderedDict() {
		return global("collections", "OrderedDict").emptyTuple().reduce();
	}

	/** BINPERSID of {@code ('storage', torch.<storageClass>, key, location, numel)}. */
	PickleWriter storage(final String storageClass, final String key, final String location, final long numel) {
		return mark().str("storage").global("torch", storageClass).str(key).str(location).integer(numel).tuple()
			.binPersId();
	}

	/** {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}. */
	PickleWriter tensor(final String storageClass, final String key, final long storageNumel,
		final long offset, final long[] shape, final long[] stride)
	{
		return global("torch._utils", "_rebuild_tensor_v2").mark()
			.storage(storageClass, key, "cpu", storageNumel).integer(offset).intTuple(shape).intTuple(stride)
			.newFalse().emptyOrderedDict().tuple().reduce();
	}

	/** A contiguous float32 tensor over a whole storage. */
	PickleWriter floatTensor(final String key, final long... shape) {
		long numel = 1;
		for (final long d : shape)
			numel *= d;
		return tensor("FloatStorage", key, numel, 0, shape, contiguousStrides(shape));
	}

	static long[] contiguousStrides(final long... shape) {
		final long[] stride = new long[shape.length];
		long s = 1;
		for (int d = shape.length - 1; d >= 0; d--) {
			stride[d] = s;
			s *= shape[d];
		}
		return stride;
	}
}
