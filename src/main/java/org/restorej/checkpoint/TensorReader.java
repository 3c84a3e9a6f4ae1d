package org.restorej.checkpoint;

import java.nio.ByteBuffer;

/**
 * Reads a tensor's elements from its storage entry in row-major order of its shape. Contiguous
 * tensors are streamed in chunks; strided views read the storage span they cover and gather.
 */
final class TensorReader {

	private static final int CHUNK_BYTES = 1 << 20;
	private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
	/**
	 * The read buffer, one per thread and reused, so that reading a tensor allocates only its result
	 * (a fresh buffer per tensor would add up to the size of every tensor below 1 MiB).
	 */
	private static final ThreadLocal<byte[]> CHUNK = ThreadLocal.withInitial(() -> new byte[CHUNK_BYTES]);

	private TensorReader() {}

	/** Receives element {@code index} found at {@code byteIndex} in {@code bytes}. */
	private interface ElementSink {

		void accept(int index, ByteBuffer bytes, int byteIndex);

		/** Elements {@code first ..} packed from byte 0 of {@code bytes}; overridden for bulk copies. */
		default void acceptRun(final int first, final ByteBuffer bytes, final int count, final int elementSize) {
			for (int j = 0; j < count; j++)
				accept(first + j, bytes, j * elementSize);
		}
	}

	private interface FloatDecoder {

		float decode(ByteBuffer b, int at);
	}

	private interface LongDecoder {

		long decode(ByteBuffer b, int at);
	}

	static float[] readFloats(final TensorEntry t) {
		final FloatDecoder decoder = floatDecoder(t.dtype());
		final float[] out = new float[arrayLength(t)];
		final boolean bulk = t.dtype() == StorageType.FLOAT32;
		visit(t, out.length, new ElementSink() {

			@Override
			public void accept(final int index, final ByteBuffer bytes, final int byteIndex) {
				out[index] = decoder.decode(bytes, byteIndex);
			}

			@Override
			public void acceptRun(final int first, final ByteBuffer bytes, final int count, final int size) {
				if (bulk) bytes.asFloatBuffer().get(out, first, count); // the common case, copied in bulk
				else ElementSink.super.acceptRun(first, bytes, count, size);
			}
		});
		return out;
	}

	static long[] readLongs(final TensorEntry t) {
		if (t.dtype().isFloatingPoint())
			throw new CheckpointException(t.storage().archive().file(), "tensor '" + t.key() + "' holds " +
				t.dtype().dtypeName() + " values, which readLongs() does not convert; use readFloats()");
		final LongDecoder decoder = longDecoder(t.dtype());
		final long[] out = new long[arrayLength(t)];
		visit(t, out.length, (i, b, at) -> out[i] = decoder.decode(b, at));
		return out;
	}

	private static FloatDecoder floatDecoder(final StorageType type) {
		return switch (type) {
			case FLOAT32 -> ByteBuffer::getFloat;
			case FLOAT16 -> (b, at) -> HalfPrecision.float16ToFloat(b.getShort(at));
			case BFLOAT16 -> (b, at) -> HalfPrecision.bfloat16ToFloat(b.getShort(at));
			case FLOAT64 -> (b, at) -> (float) b.getDouble(at);
			case INT64 -> (b, at) -> b.getLong(at);
			case INT32 -> ByteBuffer::getInt;
			case INT16 -> ByteBuffer::getShort;
			case INT8 -> ByteBuffer::get;
			case UINT8 -> (b, at) -> b.get(at) & 0xff;
			case BOOL -> (b, at) -> b.get(at) != 0 ? 1 : 0;
		};
	}

	private static LongDecoder longDecoder(final StorageType type) {
		return switch (type) {
			case INT64 -> ByteBuffer::getLong;
			case INT32 -> ByteBuffer::getInt;
			case INT16 -> ByteBuffer::getShort;
			case INT8 -> ByteBuffer::get;
			case UINT8 -> (b, at) -> b.get(at) & 0xff;
			case BOOL -> (b, at) -> b.get(at) != 0 ? 1 : 0;
			default -> throw new IllegalArgumentException(type.toString());
		};
	}

	private static int arrayLength(final TensorEntry t) {
		final long n = t.numel();
		if (n > MAX_ARRAY)
			throw new CheckpointException(t.storage().archive().file(), "tensor '" + t.key() + "' has " + n +
				" elements, more than a Java array can hold");
		return (int) n;
	}

	private static void visit(final TensorEntry t, final int n, final ElementSink sink) {
		if (n == 0) return;
		if (t.isContiguous()) streamContiguous(t, n, sink);
		else gatherStrided(t, n, sink);
	}

	private static void streamContiguous(final TensorEntry t, final int n, final ElementSink sink) {
		final int size = t.dtype().elementSize();
		final CheckpointArchive archive = t.storage().archive();
		final int perChunk = Math.max(1, CHUNK_BYTES / size);
		final byte[] buffer = CHUNK.get();
		final ByteBuffer bytes = ByteBuffer.wrap(buffer).order(archive.byteOrder());
		try (var in = archive.openStorage(t.storage().key(), t.storageOffset() * size)) {
			for (int done = 0; done < n;) {
				final int m = Math.min(n - done, perChunk);
				in.readFully(buffer, m * size);
				sink.acceptRun(done, bytes, m, size);
				done += m;
			}
		}
	}

	/**
	 * Reads the storage span from the first to the last addressed element and walks the index
	 * space like an odometer. Strides are non-negative (checked when the tensor was unpickled), so
	 * the first element is at the storage offset.
	 */
	private static void gatherStrided(final TensorEntry t, final int n, final ElementSink sink) {
		final long[] shape = t.shape();
		final long[] stride = t.stride();
		final int size = t.dtype().elementSize();
		long last = 0;
		for (int d = 0; d < shape.length; d++)
			last += (shape[d] - 1) * stride[d];
		final long spanBytes = (last + 1) * size;
		final CheckpointArchive archive = t.storage().archive();
		if (spanBytes > MAX_ARRAY)
			throw new CheckpointException(archive.file(), "tensor '" + t.key() + "' is a strided view over " +
				spanBytes + " bytes of storage, too many to gather in memory");
		final byte[] span = new byte[(int) spanBytes];
		try (var in = archive.openStorage(t.storage().key(), t.storageOffset() * size)) {
			in.readFully(span, span.length);
		}
		final ByteBuffer bytes = ByteBuffer.wrap(span).order(archive.byteOrder());
		final long[] index = new long[shape.length];
		long position = 0;
		for (int i = 0; i < n; i++) {
			sink.accept(i, bytes, (int) (position * size));
			for (int d = shape.length - 1; d >= 0; d--) {
				index[d]++;
				position += stride[d];
				if (index[d] < shape[d]) break;
				position -= stride[d] * shape[d];
				index[d] = 0;
			}
		}
	}
}
