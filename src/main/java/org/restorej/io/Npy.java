package org.restorej.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.restorej.RestoreJException;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1 to 3) holding float32 or float64 in C
 * order, the exchange format of the reference fixtures and of {@code restorej predict}.
 */
public final class Npy {

	private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

	private Npy() {}

	/** Thrown for a file that is not a float32/float64 C-order .npy array. */
	public static class NpyFormatException extends RestoreJException {
		public NpyFormatException(final Path file, final String problem) {
			super("Cannot read " + file + " as a NumPy array: " + problem +
				". Save it with numpy.save(path, array.astype(numpy.float32)).");
		}
	}

	public static NpyArray read(final Path file) throws IOException {
		final ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
		for (final byte b : MAGIC)
			if (!buf.hasRemaining() || buf.get() != b) throw new NpyFormatException(file, "no .npy header");
		final int major = buf.get();
		buf.get();
		final int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
		if (headerLength < 0 || headerLength > buf.remaining())
			throw new NpyFormatException(file, "truncated header");
		final byte[] headerBytes = new byte[headerLength];
		buf.get(headerBytes);
		final String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
		final String descr = group(DESCR, header, file);
		if ("True".equals(group(FORTRAN, header, file)))
			throw new NpyFormatException(file, "Fortran order is not supported");
		final long[] shape = parseShape(group(SHAPE, header, file));
		long count = 1;
		for (final long d : shape)
			count = Math.multiplyExact(count, d);
		final int itemSize = switch (descr) {
			case "<f4", "|f4" -> 4;
			case "<f8", "|f8" -> 8;
			default -> throw new NpyFormatException(file, "dtype " + descr + " (expected <f4 or <f8)");
		};
		if (count * itemSize != buf.remaining())
			throw new NpyFormatException(file, "expected " + count * itemSize + " data bytes, found " +
				buf.remaining());
		final double[] values = new double[Math.toIntExact(count)];
		for (int i = 0; i < values.length; i++)
			values[i] = itemSize == 4 ? buf.getFloat() : buf.getDouble();
		return new NpyArray(shape, values);
	}

	/**
	 * Writes a float32 array in C order (format version 1), through {@link OutputFile}: replacing
	 * {@code file} if it exists (as {@code predict} always has), but never leaving half a file.
	 */
	public static void writeFloat32(final Path file, final long[] shape, final float[] values)
		throws IOException
	{
		final StringBuilder dims = new StringBuilder();
		for (final long d : shape)
			dims.append(d).append(", ");
		if (shape.length > 1) dims.setLength(dims.length() - 1);
		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().trim() + "), }";
		// the magic, version and length take 10 bytes; the header ends in '\n' on a 64-byte boundary
		final int total = (10 + header.length() + 1 + 63) / 64 * 64;
		header = header + " ".repeat(total - 10 - header.length() - 1) + "\n";
		final ByteBuffer buf = ByteBuffer.allocate(total + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
		buf.put(header.getBytes(StandardCharsets.ISO_8859_1));
		for (final float v : values)
			buf.putFloat(v);
		try (OutputFile out = OutputFile.create(file, true)) {
			Files.write(out.temporary(), buf.array());
			out.commit();
		}
		catch (final java.io.UncheckedIOException e) {
			throw e.getCause();
		}
	}

	private static String group(final Pattern p, final String header, final Path file) {
		final Matcher m = p.matcher(header);
		if (!m.find()) throw new NpyFormatException(file, "header lacks " + p.pattern());
		return m.group(1);
	}

	private static long[] parseShape(final String text) {
		final List<Long> dims = new ArrayList<>();
		for (final String part : text.split(","))
			if (!part.isBlank()) dims.add(Long.parseLong(part.trim()));
		return dims.stream().mapToLong(Long::longValue).toArray();
	}
}
