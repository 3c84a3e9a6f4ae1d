package org.restorej.zarr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.restorej.tiff.SampleType;

/**
 * One Zarr v2 array: its {@code .zarray} (shape, chunks, dtype, compressor, fill value, separator) and
 * its chunks, read and written whole. Chunks are in C order over the full chunk shape (edge chunks
 * padded, as Zarr stores them); a missing chunk file reads as the fill value. Writing a chunk goes
 * through a temporary file renamed into place, so that several processes may write different chunks
 * at once and a retried write replaces a chunk whole.
 */
public final class ZarrArray {

	private final Path folder;
	private final long[] shape;
	private final int[] chunks;
	private final SampleType type;
	private final ByteOrder order;
	private final Compressor compressor;
	private final double fill;
	private final String separator;
	private final java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong(),
		written = new java.util.concurrent.atomic.AtomicLong();

	private ZarrArray(final Path folder, final long[] shape, final int[] chunks, final SampleType type,
		final ByteOrder order, final Compressor compressor, final double fill, final String separator)
	{
		this.folder = folder;
		this.shape = shape;
		this.chunks = chunks;
		this.type = type;
		this.order = order;
		this.compressor = compressor;
		this.fill = fill;
		this.separator = separator;
	}

	/** Reads {@code folder/.zarray}. */
	public static ZarrArray open(final Path folder) {
		final Path meta = folder.resolve(".zarray");
		final JsonObject a;
		try {
			a = JsonParser.parseString(Files.readString(meta)).getAsJsonObject();
		}
		catch (final NoSuchFileException e) {
			throw new InvalidZarrException(folder, "it is no Zarr array (no .zarray)", "Give an OME-Zarr image folder " +
				"(with .zattrs 'multiscales') or a Zarr v2 array.");
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot read " + meta + ": " + e.getMessage(), e);
		}
		catch (final JsonParseException | IllegalStateException e) {
			throw new InvalidZarrException(meta, "it is not valid JSON (" + e.getMessage() + ")", "Repair or re-save it.");
		}
		try {
			final int format = a.has("zarr_format") ? a.get("zarr_format").getAsInt() : 2;
			if (format != 2) throw new InvalidZarrException(folder, "it is Zarr format " + format, "RestoreJ reads Zarr " +
				"v2 (OME-Zarr / NGFF 0.4); convert it, e.g. with python zarr 2.");
			final JsonArray s = a.getAsJsonArray("shape"), c = a.getAsJsonArray("chunks");
			if (s.size() != c.size() || s.isEmpty()) throw new InvalidZarrException(meta, "shape " + s + " and chunks " + c +
				" do not match", "Repair .zarray.");
			final long[] shape = new long[s.size()];
			final int[] chunks = new int[c.size()];
			for (int d = 0; d < shape.length; d++) {
				shape[d] = s.get(d).getAsLong();
				chunks[d] = c.get(d).getAsInt();
				if (shape[d] < 0 || chunks[d] < 1) throw new InvalidZarrException(meta, "shape " + s + ", chunks " + c,
					"Repair .zarray.");
			}
			final String dtype = a.get("dtype").getAsString();
			final SampleType type = switch (dtype.substring(1)) {
				case "u1" -> SampleType.UINT8;
				case "u2" -> SampleType.UINT16;
				case "f4" -> SampleType.FLOAT32;
				default -> throw new InvalidZarrException(folder, "its data type is " + dtype + " (" + describe(dtype) + ")",
					"RestoreJ reads uint8, uint16 and float32 (|u1, <u2, >u2, <f4, >f4); convert it, e.g. with " +
						"numpy's astype in python zarr.");
			};
			final ByteOrder order = dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
			final String layout = present(a, "order") ? a.get("order").getAsString() : "C";
			if (!layout.equals("C")) throw new InvalidZarrException(folder, "its chunks are in " + layout + " order",
				"RestoreJ reads C order; re-save it with order='C'.");
			if (a.has("filters") && !a.get("filters").isJsonNull() && !a.getAsJsonArray("filters").isEmpty())
				throw new InvalidZarrException(folder, "it has filters " + a.get("filters"), "Re-save it without filters.");
			final JsonElement f = a.get("fill_value");
			final double fill = f == null || f.isJsonNull() ? 0 : f.getAsJsonPrimitive().isString() ? Double.parseDouble(f
				.getAsString()) : f.getAsDouble();
			final String separator = present(a, "dimension_separator") ? a.get("dimension_separator").getAsString() : ".";
			// chunk keys are the indices joined by it: anything else could name a file outside the array
			if (!separator.equals(".") && !separator.equals("/")) throw new InvalidZarrException(meta,
				"its dimension_separator is '" + separator + "' (Zarr v2 allows '.' or '/')", "Repair .zarray.");
			final long chunkBytes = Arrays.stream(chunks).asLongStream().reduce(type.bytes(), Math::multiplyExact);
			if (chunkBytes > maxChunkBytes()) throw new InvalidZarrException(meta, "its chunks " + c + " hold " +
				chunkBytes + " bytes each, more than RestoreJ reads at once (" + maxChunkBytes() + " bytes: a quarter of " +
				"the Java heap)", "Re-save it with smaller chunks (e.g. 1 x 1024 x 1024), or give Java more memory (-Xmx).");
			return new ZarrArray(folder, shape, chunks, type, order, Compressor.of(a.get("compressor"), folder), fill,
				separator);
		}
		catch (final NullPointerException | ClassCastException | IllegalStateException | NumberFormatException |
			ArithmeticException | StringIndexOutOfBoundsException | UnsupportedOperationException e) {
			throw new InvalidZarrException(meta, "it lacks or mistypes an entry (" + e + ")", "Repair .zarray.");
		}
	}

	/** Whether {@code key} has a value (null, as python zarr may write, means its default). */
	private static boolean present(final JsonObject o, final String key) {
		return o.has(key) && !o.get(key).isJsonNull();
	}

	/** The largest chunk read: a chunk is decoded whole, so a few must fit in the heap at once. */
	static long maxChunkBytes() {
		return Math.min(Integer.MAX_VALUE - 64, Runtime.getRuntime().maxMemory() / 4);
	}

	private static String describe(final String dtype) {
		return switch (dtype.substring(1, 2)) {
			case "i" -> "signed integers";
			case "u" -> "unsigned integers of " + dtype.substring(2) + " bytes";
			case "f" -> "floating point of " + dtype.substring(2) + " bytes";
			case "b" -> "booleans";
			default -> "not a numeric type RestoreJ reads";
		};
	}

	/** Creates {@code folder} with a {@code .zarray} (little-endian, C order, fill 0, separator "/"). */
	public static ZarrArray create(final Path folder, final long[] shape, final int[] chunks, final SampleType type,
		final Compressor compressor)
	{
		final JsonObject a = new JsonObject();
		a.addProperty("zarr_format", 2);
		a.add("shape", array(shape));
		final JsonArray c = new JsonArray();
		for (final int v : chunks)
			c.add(v);
		a.add("chunks", c);
		a.addProperty("dtype", switch (type) {
			case UINT8 -> "|u1";
			case UINT16 -> "<u2";
			case FLOAT32 -> "<f4";
		});
		a.add("compressor", compressor.json());
		a.addProperty("fill_value", 0);
		a.addProperty("order", "C");
		a.add("filters", null);
		a.addProperty("dimension_separator", "/");
		try {
			Files.createDirectories(folder);
			Files.writeString(folder.resolve(".zarray"), new GsonBuilder().setPrettyPrinting().serializeNulls().create()
				.toJson(a));
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot create the Zarr array " + folder + ": " + e.getMessage(), e);
		}
		return new ZarrArray(folder, shape.clone(), chunks.clone(), type, ByteOrder.LITTLE_ENDIAN, compressor, 0, "/");
	}

	static JsonArray array(final long[] values) {
		final JsonArray a = new JsonArray();
		for (final long v : values)
			a.add(v);
		return a;
	}

	public Path folder() {
		return folder;
	}

	public long[] shape() {
		return shape.clone();
	}

	public int[] chunks() {
		return chunks.clone();
	}

	public SampleType type() {
		return type;
	}

	public Compressor compressor() {
		return compressor;
	}

	public double fillValue() {
		return fill;
	}

	/** Bytes of chunk files read so far (as stored). */
	public long bytesRead() {
		return read.get();
	}

	/** Bytes of chunk files written so far by this object (as stored). */
	public long bytesWritten() {
		return written.get();
	}

	/** Number of chunks along each dimension. */
	public long[] chunkGrid() {
		final long[] g = new long[shape.length];
		for (int d = 0; d < g.length; d++)
			g[d] = (shape[d] + chunks[d] - 1) / chunks[d];
		return g;
	}

	/** Elements in one chunk. */
	public int chunkElements() {
		long n = 1;
		for (final int c : chunks)
			n *= c;
		if (n * type.bytes() > Integer.MAX_VALUE - 64) throw new InvalidZarrException(folder, "its chunks " + Arrays
			.toString(chunks) + " are larger than 2 GB", "Re-save it with smaller chunks.");
		return (int) n;
	}

	/** The file of chunk {@code index}. */
	public Path chunkFile(final long[] index) {
		final StringBuilder key = new StringBuilder();
		for (int d = 0; d < index.length; d++)
			key.append(d == 0 ? "" : separator).append(index[d]);
		return folder.resolve(key.toString());
	}

	/**
	 * The chunk at {@code index}: a {@code byte[]}, {@code short[]} or {@code float[]} of
	 * {@link #chunkElements()} in C order; the fill value where the chunk has no file.
	 *
	 * @throws InvalidZarrException if the chunk is corrupt, naming it
	 */
	public Object readChunk(final long[] index) {
		final Path file = chunkFile(index);
		final int n = chunkElements();
		final byte[] stored = stored(index, file, n * type.bytes());
		if (stored == null) return filled(n);
		read.addAndGet(stored.length);
		final byte[] raw;
		try {
			raw = compressor.decode(stored, n * type.bytes());
		}
		catch (final IOException | RuntimeException e) {
			throw new InvalidZarrException(file, "chunk " + Arrays.toString(index) + " does not decode with " + compressor +
				" (" + e.getMessage() + ")", "The file is damaged: restore it from a copy or re-save the image.", e);
		}
		if (raw.length != n * type.bytes()) throw new InvalidZarrException(file, "chunk " + Arrays.toString(index) +
			" holds " + raw.length + " bytes instead of " + n * type.bytes(), "The file is damaged: re-save the image.");
		final ByteBuffer b = ByteBuffer.wrap(raw).order(order);
		return switch (type) {
			case UINT8 -> raw;
			case UINT16 -> {
				final short[] s = new short[n];
				b.asShortBuffer().get(s);
				yield s;
			}
			case FLOAT32 -> {
				final float[] f = new float[n];
				b.asFloatBuffer().get(f);
				yield f;
			}
		};
	}

	/**
	 * The stored bytes of a chunk, or null if it has none. A chunk file or folder that is a link, or not a
	 * plain file, is refused (a link could lead outside the image, to a device that never ends); the read
	 * is bounded by the most any codec stores for {@code rawBytes}.
	 */
	private byte[] stored(final long[] index, final Path file, final int rawBytes) {
		final long limit = rawBytes + rawBytes / 8 + 4096L;
		try {
			for (Path p = file; !p.equals(folder); p = p.getParent()) {
				final BasicFileAttributes at = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
				if (at.isSymbolicLink() || p == file && !at.isRegularFile()) throw new InvalidZarrException(p, "chunk " +
					Arrays.toString(index) + " is stored through a " + (at.isSymbolicLink() ? "symbolic link" : "special file") +
					", which RestoreJ does not follow", "Copy the image with its chunk files as plain files (cp -rL).");
				if (p == file && at.size() > limit) throw new InvalidZarrException(file, "chunk " + Arrays.toString(index) +
					" stores " + at.size() + " bytes, more than any codec needs for its " + rawBytes, "The file is damaged: " +
						"restore it from a copy or re-save the image.");
			}
			try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
				final byte[] b = in.readNBytes((int) limit + 1);
				if (b.length > limit) throw new InvalidZarrException(file, "chunk " + Arrays.toString(index) + " grew while " +
					"read", "Do not modify the image while it is read.");
				return b;
			}
		}
		catch (final NoSuchFileException e) {
			return null;
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
		}
	}

	private Object filled(final int n) {
		return switch (type) {
			case UINT8 -> {
				final byte[] a = new byte[n];
				Arrays.fill(a, (byte) fill);
				yield a;
			}
			case UINT16 -> {
				final short[] a = new short[n];
				Arrays.fill(a, (short) fill);
				yield a;
			}
			case FLOAT32 -> {
				final float[] a = new float[n];
				Arrays.fill(a, (float) fill);
				yield a;
			}
		};
	}

	/** Writes chunk {@code index} whole ({@code data} as {@link #readChunk} returns it), atomically. */
	public void writeChunk(final long[] index, final Object data) {
		final int n = chunkElements();
		final ByteBuffer b = ByteBuffer.allocate(n * type.bytes()).order(order);
		switch (type) {
			case UINT8 -> b.put((byte[]) data, 0, n);
			case UINT16 -> b.asShortBuffer().put((short[]) data, 0, n);
			case FLOAT32 -> b.asFloatBuffer().put((float[]) data, 0, n);
		}
		writeRawChunk(index, b.array());
	}

	/** Writes chunk {@code index} from its raw bytes (C order, little-endian), atomically. */
	void writeRawChunk(final long[] index, final byte[] raw) {
		final Path file = chunkFile(index);
		try {
			final byte[] stored = compressor.encode(raw, type.bytes());
			Files.createDirectories(file.getParent());
			final Path temp = file.resolveSibling("." + file.getFileName() + "." + Long.toHexString(ThreadLocalRandom
				.current().nextLong()) + ".part");
			try {
				Files.write(temp, stored);
				written.addAndGet(stored.length);
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot write chunk " + Arrays.toString(index) + " of " + folder + ": " + e
				.getMessage(), e);
		}
	}
}
