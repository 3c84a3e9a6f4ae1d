package org.restorej.checkpoint;

import java.nio.charset.StandardCharsets;

/**
 * Assembles pickle byte streams opcode by opcode, for crafting checkpoints (benign and hostile) in
 * tests. The opcodes {@code torch.save} uses come from {@link PickleOutput} (main code, shared with
 * {@link PthWriter}); this class adds the forms only hostile or newer-protocol files contain, and
 * torch helpers that write tensors without memoizing (what a hand-made file may do).
 */
final class PickleWriter extends PickleOutput<PickleWriter> {

	static PickleWriter protocol(final int version) {
		return new PickleWriter().proto(version);
	}

	PickleWriter text(final String line) {
		return raw((line + "\n").getBytes(StandardCharsets.UTF_8));
	}

	// -- opcodes torch.save does not write --

	PickleWriter newObj() {
		return op(PickleOpcodes.NEWOBJ);
	}

	PickleWriter memoize() {
		return op(PickleOpcodes.MEMOIZE);
	}

	PickleWriter frame(final long length) {
		return op(PickleOpcodes.FRAME).le(length, 8);
	}

	/** STACK_GLOBAL (protocol 4 form): module and name pushed as strings first. */
	PickleWriter stackGlobal(final String module, final String name) {
		return shortStr(module).shortStr(name).op(PickleOpcodes.STACK_GLOBAL);
	}

	/** SHORT_BINUNICODE (protocol 4). */
	PickleWriter shortStr(final String s) {
		final byte[] b = s.getBytes(StandardCharsets.UTF_8);
		return op(PickleOpcodes.SHORT_BINUNICODE).raw(b.length).raw(b);
	}

	/** MARK ints TUPLE. */
	PickleWriter intTuple(final long... values) {
		mark();
		for (final long v : values)
			integer(v);
		return tuple();
	}

	// -- what torch.save writes, without memo entries --

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
		return tensor("FloatStorage", key, PthWriter.numel(shape), 0, shape, contiguousStrides(shape));
	}

	static long[] contiguousStrides(final long... shape) {
		return PthWriter.contiguousStrides(shape);
	}
}
