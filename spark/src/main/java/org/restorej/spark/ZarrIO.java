package org.restorej.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgFactory;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

import org.restorej.RestoreJException;
import org.restorej.restore.RestoreSettings;

/**
 * STOP-GAP until the core's OME-Zarr reader and writer (org.restorej.zarr) is merged: the few Zarr v2
 * operations the Spark job needs, on NGFF 0.4 images with one multiscales entry, arrays in C order,
 * uint8/uint16/float32, no compressor or zlib. Images are seen in ImgLib2's order: the Zarr axes reversed
 * (x first). Every method that touches pixels works on regions, never on the whole image.
 */
final class ZarrIO {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

	private ZarrIO() {}

	/** One array of the image (a pyramid level): its shape and chunks in ImgLib2 order. */
	record Level(Path dir, long[] shape, int[] chunks, String dtype, boolean zlib, double fill) {

		long pixels() {
			long n = 1;
			for (final long s : shape)
				n *= s;
			return n;
		}
	}

	/** An OME-Zarr image: its levels and the axes of its multiscales metadata (ImgLib2 order, e.g. "XYC"). */
	record Image(Path root, String letters, List<Level> levels, JsonObject attributes) {

		Level level0() {
			return levels.get(0);
		}

		long width() {
			return level0().shape()[0];
		}

		long height() {
			return level0().shape()[1];
		}

		long channels() {
			final int c = letters.indexOf('C');
			return c < 0 ? 1 : level0().shape()[c];
		}
	}

	static Image open(final Path root) {
		try {
			final JsonObject attrs = JsonParser.parseString(Files.readString(root.resolve(".zattrs"))).getAsJsonObject();
			final JsonObject ms = attrs.getAsJsonArray("multiscales").get(0).getAsJsonObject();
			final JsonArray axes = ms.getAsJsonArray("axes");
			final StringBuilder letters = new StringBuilder();
			for (int i = axes.size() - 1; i >= 0; i--)
				letters.append(axes.get(i).getAsJsonObject().get("name").getAsString().toUpperCase(Locale.ROOT));
			final List<Level> levels = new ArrayList<>();
			for (final var d : ms.getAsJsonArray("datasets"))
				levels.add(level(root.resolve(d.getAsJsonObject().get("path").getAsString())));
			return new Image(root, letters.toString().replace('T', 'T'), levels, attrs);
		}
		catch (final NoSuchFileException e) {
			throw new RestoreJException(root + " is not an OME-Zarr image (no " + e.getFile() + "): give the folder " +
				"holding .zattrs with 'multiscales'.");
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Level level(final Path dir) throws IOException {
		final JsonObject a = JsonParser.parseString(Files.readString(dir.resolve(".zarray"))).getAsJsonObject();
		final JsonArray shape = a.getAsJsonArray("shape"), chunks = a.getAsJsonArray("chunks");
		final int n = shape.size();
		final long[] s = new long[n];
		final int[] c = new int[n];
		for (int i = 0; i < n; i++) {
			s[i] = shape.get(n - 1 - i).getAsLong();
			c[i] = chunks.get(n - 1 - i).getAsInt();
		}
		final String dtype = a.get("dtype").getAsString();
		if (!List.of("|u1", "<u2", "<f4").contains(dtype)) throw new RestoreJException("The Zarr array " + dir +
			" holds " + dtype + "; the Spark job reads uint8, little-endian uint16 and float32.");
		final boolean zlib = a.has("compressor") && !a.get("compressor").isJsonNull();
		if (zlib && !"zlib".equals(a.getAsJsonObject("compressor").get("id").getAsString()))
			throw new RestoreJException("The Zarr array " + dir + " is compressed with " + a.getAsJsonObject(
				"compressor").get("id") + "; this reader takes zlib or none.");
		final double fill = a.has("fill_value") && !a.get("fill_value").isJsonNull() ? a.get("fill_value").getAsDouble()
			: 0;
		return new Level(dir, s, c, dtype, zlib, fill);
	}

	@SuppressWarnings("unchecked")
	static <T extends RealType<T> & NativeType<T>> T type(final String dtype) {
		return (T) switch (dtype) {
			case "|u1" -> new UnsignedByteType();
			case "<u2" -> new UnsignedShortType();
			default -> new FloatType();
		};
	}

	static String dtype(final RealType<?> t) {
		return t instanceof UnsignedByteType ? "|u1" : t instanceof UnsignedShortType ? "<u2" : "<f4";
	}

	private static int bytes(final String dtype) {
		return dtype.equals("|u1") ? 1 : dtype.equals("<u2") ? 2 : 4;
	}

	/** The pixels {@code min .. min+size-1} (ImgLib2 order) of {@code level}, read chunk by chunk. */
	static <T extends RealType<T> & NativeType<T>> Img<T> read(final Level level, final long[] min,
		final long[] size)
	{
		final T type = type(level.dtype());
		final Img<T> out = new ArrayImgFactory<>(type).create(size);
		forChunks(level, min, size, (index, chunkMin, chunkSize) -> {
			final ByteBuffer data = readChunk(level, index);
			final long[] lo = new long[min.length], hi = new long[min.length];
			for (int d = 0; d < min.length; d++) {
				lo[d] = Math.max(min[d], chunkMin[d]) - min[d];
				hi[d] = Math.min(min[d] + size[d], chunkMin[d] + chunkSize[d]) - 1 - min[d];
			}
			final Cursor<T> c = Views.interval(out, lo, hi).localizingCursor();
			final long[] p = new long[min.length];
			while (c.hasNext()) {
				c.fwd();
				c.localize(p);
				if (data == null) {
					c.get().setReal(level.fill());
					continue;
				}
				// C order over the full chunk shape: the last ImgLib2 dimension varies slowest
				long offset = 0;
				for (int d = min.length - 1; d >= 0; d--)
					offset = offset * level.chunks()[d] + (p[d] + min[d] - chunkMin[d]);
				c.get().setReal(value(data, level.dtype(), (int) offset));
			}
		});
		return out;
	}

	private static double value(final ByteBuffer b, final String dtype, final int i) {
		return switch (dtype) {
			case "|u1" -> b.get(i) & 0xff;
			case "<u2" -> b.getShort(2 * i) & 0xffff;
			default -> b.getFloat(4 * i);
		};
	}

	private interface ChunkVisitor {
		void visit(long[] index, long[] chunkMin, long[] chunkSize);
	}

	private static void forChunks(final Level level, final long[] min, final long[] size, final ChunkVisitor v) {
		final int n = min.length;
		final long[] first = new long[n], last = new long[n], index = new long[n];
		for (int d = 0; d < n; d++) {
			first[d] = min[d] / level.chunks()[d];
			last[d] = (min[d] + size[d] - 1) / level.chunks()[d];
		}
		System.arraycopy(first, 0, index, 0, n);
		while (true) {
			final long[] chunkMin = new long[n], chunkSize = new long[n];
			for (int d = 0; d < n; d++) {
				chunkMin[d] = index[d] * level.chunks()[d];
				chunkSize[d] = level.chunks()[d];
			}
			v.visit(index.clone(), chunkMin, chunkSize);
			int d = 0;
			while (d < n && ++index[d] > last[d]) {
				index[d] = first[d];
				d++;
			}
			if (d == n) return;
		}
	}

	private static Path chunkFile(final Level level, final long[] index) {
		final StringBuilder name = new StringBuilder();
		for (int d = index.length - 1; d >= 0; d--)
			name.append(index[d]).append(d > 0 ? "." : "");
		return level.dir().resolve(name.toString());
	}

	private static ByteBuffer readChunk(final Level level, final long[] index) {
		final Path f = chunkFile(level, index);
		try {
			if (!Files.exists(f)) return null;
			byte[] raw = Files.readAllBytes(f);
			if (level.zlib()) {
				final Inflater inf = new Inflater();
				inf.setInput(raw);
				final int expected = bytes(level.dtype()) * java.util.Arrays.stream(level.chunks()).reduce(1, (a, b) -> a *
					b);
				final byte[] out = new byte[expected];
				int got = 0;
				while (got < expected && !inf.finished()) {
					final int k = inf.inflate(out, got, expected - got);
					if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
					got += k;
				}
				inf.end();
				if (got != expected) throw new RestoreJException("The Zarr chunk " + f + " holds " + got + " bytes, not " +
					expected + ": it is truncated or not zlib; rewrite the image.");
				raw = out;
			}
			return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
		}
		catch (final DataFormatException e) {
			throw new RestoreJException("The Zarr chunk " + f + " is not valid zlib data (" + e.getMessage() + "): " +
				"rewrite the image.");
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Writes {@code pixels} (whole chunks, partial only at the array's far edges) at {@code min}. */
	static <T extends RealType<T>> void write(final Level level, final long[] min, final RandomAccessibleInterval<T> pixels) {
		final long[] size = pixels.dimensionsAsLongArray();
		final int n = min.length, bytes = bytes(level.dtype());
		forChunks(level, min, size, (index, chunkMin, chunkSize) -> {
			int count = 1;
			for (final int c : level.chunks())
				count *= c;
			final ByteBuffer b = ByteBuffer.allocate(count * bytes).order(ByteOrder.LITTLE_ENDIAN);
			final long[] lo = new long[n], hi = new long[n];
			for (int d = 0; d < n; d++) {
				lo[d] = chunkMin[d] - min[d];
				hi[d] = Math.min(chunkMin[d] + chunkSize[d], level.shape()[d]) - 1 - min[d];
				if (lo[d] < 0 || hi[d] >= size[d]) throw new IllegalArgumentException("region at " + java.util.Arrays
					.toString(min) + " is not made of whole chunks of " + level.dir());
			}
			final Cursor<T> c = Views.interval(pixels, lo, hi).localizingCursor();
			final long[] p = new long[n];
			while (c.hasNext()) {
				c.fwd();
				c.localize(p);
				long offset = 0;
				for (int d = n - 1; d >= 0; d--)
					offset = offset * level.chunks()[d] + (p[d] - lo[d]);
				final double v = c.get().getRealDouble();
				switch (level.dtype()) {
					case "|u1" -> b.put((int) offset, (byte) v);
					case "<u2" -> b.putShort((int) (2 * offset), (short) v);
					default -> b.putFloat((int) (4 * offset), (float) v);
				}
			}
			writeChunk(chunkFile(level, index), b.array());
		});
	}

	/** Compressed, to a file of its own renamed over the chunk: a retried task's copy replaces the first's whole. */
	private static void writeChunk(final Path f, final byte[] raw) {
		final Deflater def = new Deflater(1);
		def.setInput(raw);
		def.finish();
		final ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
		final byte[] buf = new byte[1 << 16];
		while (!def.finished())
			out.write(buf, 0, def.deflate(buf));
		def.end();
		try {
			final Path tmp = Files.createTempFile(f.getParent(), "." + f.getFileName(), ".part");
			Files.write(tmp, out.toByteArray());
			Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Where an output is written until complete: beside it, hidden. */
	static Path temporary(final Path output) {
		return output.resolveSibling("." + output.getFileName() + ".partial");
	}

	/**
	 * Creates the output's metadata in {@code dir}: the input's axes and scale, {@code channels} channels,
	 * {@code dtype}, the input's XY chunks, a pyramid of 2x2 means down to one chunk.
	 */
	static Image create(final Path dir, final Image in, final long channels, final String dtype) {
		try {
			delete(dir);
			Files.createDirectories(dir);
			final Level l0 = in.level0();
			final long[] shape = l0.shape().clone();
			final int c = in.letters().indexOf('C');
			if (c >= 0) shape[c] = channels;
			final int[] chunks = new int[shape.length];
			for (int d = 0; d < shape.length; d++)
				chunks[d] = d < 2 ? l0.chunks()[d] : 1;
			final List<Level> levels = new ArrayList<>();
			long[] s = shape;
			for (int k = 0;; k++) {
				levels.add(writeArray(dir.resolve(Integer.toString(k)), s, chunks, dtype));
				if (s[0] <= chunks[0] && s[1] <= chunks[1]) break;
				s = s.clone();
				s[0] = (s[0] + 1) / 2;
				s[1] = (s[1] + 1) / 2;
			}
			final JsonObject attrs = in.attributes().deepCopy();
			final JsonObject ms = attrs.getAsJsonArray("multiscales").get(0).getAsJsonObject();
			final JsonArray inSets = ms.getAsJsonArray("datasets");
			final JsonArray sets = new JsonArray();
			for (int k = 0; k < levels.size(); k++) {
				final JsonObject set = new JsonObject();
				set.addProperty("path", Integer.toString(k));
				final JsonObject scale = inSets.get(0).getAsJsonObject().getAsJsonArray("coordinateTransformations").get(0)
					.getAsJsonObject().deepCopy();
				final JsonArray v = scale.getAsJsonArray("scale");
				final int n = v.size();
				v.set(n - 1, new com.google.gson.JsonPrimitive(v.get(n - 1).getAsDouble() * (1L << k)));
				v.set(n - 2, new com.google.gson.JsonPrimitive(v.get(n - 2).getAsDouble() * (1L << k)));
				final JsonArray ts = new JsonArray();
				ts.add(scale);
				set.add("coordinateTransformations", ts);
				sets.add(set);
			}
			ms.add("datasets", sets);
			Files.writeString(dir.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}\n");
			Files.writeString(dir.resolve(".zattrs"), GSON.toJson(attrs));
			return new Image(dir, in.letters(), levels, attrs);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/**
	 * A new OME-Zarr image of one level (no pixels yet) with axes {@code letters} (ImgLib2 order, e.g.
	 * "XYC"), chunks of {@code chunkSide} in X and Y and 1 elsewhere, a pixel size of 1.
	 */
	static Image createImage(final Path dir, final String letters, final long[] shape, final int chunkSide,
		final String dtype)
	{
		try {
			Files.createDirectories(dir);
			final int[] chunks = new int[shape.length];
			for (int d = 0; d < shape.length; d++)
				chunks[d] = d < 2 ? chunkSide : 1;
			final Level level = writeArray(dir.resolve("0"), shape, chunks, dtype);
			final JsonObject ms = new JsonObject();
			ms.addProperty("version", "0.4");
			final JsonArray axes = new JsonArray(), scale = new JsonArray();
			for (int d = letters.length() - 1; d >= 0; d--) {
				final char l = letters.charAt(d);
				final JsonObject a = new JsonObject();
				a.addProperty("name", Character.toString(Character.toLowerCase(l)));
				a.addProperty("type", l == 'C' ? "channel" : l == 'T' ? "time" : "space");
				axes.add(a);
				scale.add(1.0);
			}
			ms.add("axes", axes);
			final JsonObject transform = new JsonObject(), set = new JsonObject();
			transform.addProperty("type", "scale");
			transform.add("scale", scale);
			final JsonArray ts = new JsonArray(), sets = new JsonArray(), all = new JsonArray();
			ts.add(transform);
			set.addProperty("path", "0");
			set.add("coordinateTransformations", ts);
			sets.add(set);
			ms.add("datasets", sets);
			all.add(ms);
			final JsonObject attrs = new JsonObject();
			attrs.add("multiscales", all);
			Files.writeString(dir.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}\n");
			Files.writeString(dir.resolve(".zattrs"), GSON.toJson(attrs));
			return new Image(dir, letters, List.of(level), attrs);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Level writeArray(final Path dir, final long[] shape, final int[] chunks, final String dtype)
		throws IOException
	{
		Files.createDirectories(dir);
		final Map<String, Object> a = new LinkedHashMap<>();
		final int n = shape.length;
		final long[] zs = new long[n];
		final int[] zc = new int[n];
		for (int d = 0; d < n; d++) {
			zs[d] = shape[n - 1 - d];
			zc[d] = chunks[n - 1 - d];
		}
		a.put("zarr_format", 2);
		a.put("shape", zs);
		a.put("chunks", zc);
		a.put("dtype", dtype);
		a.put("compressor", Map.of("id", "zlib", "level", 1));
		a.put("fill_value", 0);
		a.put("order", "C");
		a.put("filters", null);
		Files.writeString(dir.resolve(".zarray"), new GsonBuilder().serializeNulls().setPrettyPrinting().create().toJson(
			a), StandardCharsets.UTF_8);
		return new Level(dir, shape, chunks, dtype, true, 0);
	}

	/** Level {@code block.level()} of {@code image} over the block: means of 2x2 pixels of the level above. */
	static <T extends RealType<T> & NativeType<T>> void downsample(final Image image, final OutputBlock block) {
		final Level to = image.levels().get(block.level()), from = image.levels().get(block.level() - 1);
		final int n = to.shape().length;
		final long[] min = new long[n], size = to.shape().clone(), fromMin = new long[n], fromSize = from.shape().clone();
		min[0] = block.x();
		min[1] = block.y();
		size[0] = block.width();
		size[1] = block.height();
		fromMin[0] = 2 * block.x();
		fromMin[1] = 2 * block.y();
		fromSize[0] = Math.min(2 * block.width(), from.shape()[0] - fromMin[0]);
		fromSize[1] = Math.min(2 * block.height(), from.shape()[1] - fromMin[1]);
		final Img<T> src = read(from, fromMin, fromSize);
		final T type = type(to.dtype());
		final Img<T> dst = new ArrayImgFactory<>(type).create(size);
		final boolean integer = !to.dtype().equals("<f4");
		final net.imglib2.RandomAccess<T> ra = src.randomAccess();
		final Cursor<T> c = dst.localizingCursor();
		final long[] p = new long[n];
		while (c.hasNext()) {
			c.fwd();
			c.localize(p);
			double sum = 0;
			int count = 0;
			for (int dy = 0; dy < 2; dy++)
				for (int dx = 0; dx < 2; dx++) {
					final long x = 2 * p[0] + dx, y = 2 * p[1] + dy;
					if (x >= fromSize[0] || y >= fromSize[1]) continue;
					final long[] q = p.clone();
					q[0] = x;
					q[1] = y;
					ra.setPosition(q);
					sum += ra.get().getRealDouble();
					count++;
				}
			c.get().setReal(integer ? Math.floor(sum / count + 0.5) : sum / count);
		}
		write(to, min, dst);
	}

	/** Renames the complete output into place (replacing an existing one only if asked). */
	static void commit(final Path temp, final Path output, final boolean overwrite) throws IOException {
		if (Files.exists(output)) {
			if (!overwrite) throw new org.restorej.imagej.OutputExistsException(output,
				"pass --overwrite to replace it, or choose another output.");
			delete(output);
		}
		Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE);
	}

	static void delete(final Path dir) {
		if (!Files.exists(dir)) return;
		try (Stream<Path> s = Files.walk(dir)) {
			for (final Path p : s.sorted(Comparator.reverseOrder()).toList())
				Files.deleteIfExists(p);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static String outputDtype(final Image in, final RestoreSettings s) {
		return s.outputType() == RestoreSettings.OutputType.SAME ? in.level0().dtype() : "<f4";
	}
}
