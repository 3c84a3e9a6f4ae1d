package org.restorej.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import net.imglib2.RandomAccess;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.restorej.ExternalReaders;
import org.restorej.PythonRun;
import org.restorej.io.Npy;
import org.restorej.io.NpyArray;
import org.restorej.tiff.PixelCalibration;
import org.restorej.tiff.SampleType;

/**
 * OME-Zarr both ways against Debian's python zarr 2: images it writes (every compressor, dtype, odd
 * chunkings with partial edge chunks, a missing chunk, the "/" separator, 2D to 5D axes) are read
 * pixel for pixel; images RestoreJ writes are read back by it, pixels, pyramid and scale.
 */
class PythonZarrTest {

	@TempDir
	static Path fixtures;

	@TempDir
	Path dir;

	@BeforeAll
	static void pythonWritesTheFixtures() throws IOException, InterruptedException {
		final String python = ExternalReaders.python(ExternalReaders.ZARR);
		final Path script = fixtures.resolve("make_fixtures.py");
		try (InputStream in = PythonZarrTest.class.getResourceAsStream("/zarr/make_fixtures.py")) {
			Files.copy(in, script);
		}
		PythonRun.run(python, script.toString(), fixtures.toString()).outputOrFail();
	}

	@ParameterizedTest
	@ValueSource(strings = { "none-u8-yx", "zlib-u16-czyx", "gzip-f32-zyx", "zstd-u16-yx", "blosc-lz4-shuffle-u16",
		"blosc-lz4-bitshuffle-u16", "blosc-lz4-noshuffle-u8", "blosc-zstd-shuffle-f32", "blosc-zlib-bitshuffle-f32",
		"blosc-lz4-blocks-u16", "blosc-lz4-short-last-block-u16", "big-endian-u16", "slash-separator-u16", "missing-chunk-u16" })
	void readsEveryPixelPythonZarrWrote(final String name) throws IOException {
		final NpyArray expected = Npy.read(fixtures.resolve(name + ".npy"));
		try (OmeZarrImage zarr = OmeZarrImage.open(fixtures.resolve(name + ".zarr"), 1 << 16)) {
			final OmeZarrInfo info = zarr.info();
			assertEquals(expected.rank(), info.axes().length());
			assertEveryPixel(expected, info.axes(), zarr.image(), name);
			assertTrue(zarr.cachedBytes() <= 1 << 16, "the cache keeps to its budget");
		}
	}

	@Test
	void takesTheCalibrationFromTheScaleAndUnit() {
		final OmeZarrInfo info = OmeZarrInfo.read(fixtures.resolve("zlib-u16-czyx.zarr"));
		assertEquals("czyx", info.axes());
		assertEquals(List.of(50L, 37L, 2, 3, 1), List.of(info.width(), info.height(), info.channels(), info.slices(), info
			.frames()));
		assertEquals(SampleType.UINT16, info.sampleType());
		assertEquals(new PixelCalibration(0.3, 0.3, 2.0, 0, "\u00b5m"), info.calibration());
		assertTrue(info.compressor().startsWith("zlib"), info.compressor());
		final OmeZarrInfo planar = OmeZarrInfo.read(fixtures.resolve("none-u8-yx.zarr"));
		assertEquals(0.25, planar.calibration().pixelWidth());
		assertEquals(0.5, planar.calibration().pixelHeight());
	}

	@ParameterizedTest
	@ValueSource(strings = { "UINT8", "UINT16", "FLOAT32" })
	void pythonZarrReadsWhatRestoreJWrites(final String typeName) throws IOException, InterruptedException {
		final SampleType type = SampleType.valueOf(typeName);
		// 600 x 300, 2 channels, 2 slices: a pyramid of 3 levels with chunks of 256 (600 -> 300 -> 150)
		final ZarrOutputSpec spec = ZarrOutputSpec.of(600, 300, 2, 2, 1, type).withCalibration(new PixelCalibration(0.5,
			0.5, 2, 0, "\u00b5m"));
		final Path out = dir.resolve("written.zarr");
		try (OmeZarrWriter<?> writer = OmeZarrWriter.create(out, spec)) {
			fill(writer.output());
			for (int z = 0; z < 2; z++)
				writer.rowsFinished(z, 0, 256);
			assertFalse(Files.exists(out), "nothing under the target's name before the commit");
			writer.commit();
		}
		assertTrue(Files.isDirectory(out));
		try (var entries = Files.list(dir)) {
			assertEquals(List.of(out), entries.toList(), "no temporary folder left");
		}
		final String check = """
			import sys, json, numpy as np, zarr
			g = zarr.open_group(sys.argv[1], mode='r')
			ms = g.attrs['multiscales'][0]
			a = g['0'][...]
			c, z, y, x = np.meshgrid(*[np.arange(n) for n in a.shape], indexing='ij')
			want = (x * 7 + y * 13 + c * 101 + z * 31) % %MOD%
			l1 = g['1'][...].astype(np.float64)
			ref = a.astype(np.float64).reshape(2, 2, 150, 2, 300, 2).mean(axis=(3, 5))
			print(json.dumps({'axes': ''.join(e['name'] for e in ms['axes']), 'dtype': str(a.dtype),
			  'equal': bool((a.astype(np.float64) == want).all()), 'levels': [list(g[d['path']].shape) for d in ms['datasets']],
			  'scale': [d['coordinateTransformations'][0]['scale'] for d in ms['datasets']],
			  'unit': ms['axes'][-1].get('unit'), 'level1': float(np.abs(l1 - ref).max())}))
			""".replace("%MOD%", type == SampleType.UINT8 ? "256" : "65536");
		final Path script = Files.writeString(dir.resolve("check.py"), check);
		final String python = ExternalReaders.python(ExternalReaders.ZARR);
		final String result = PythonRun.run(python, script.toString(), out.toString()).outputOrFail().trim();
		assertTrue(result.contains("\"axes\": \"czyx\""), result);
		assertTrue(result.contains("\"equal\": true"), result);
		assertTrue(result.contains("\"levels\": [[2, 2, 300, 600], [2, 2, 150, 300], [2, 2, 75, 150]]"), result);
		assertTrue(result.contains("[1.0, 2.0, 0.5, 0.5], [1.0, 2.0, 1.0, 1.0], [1.0, 2.0, 2.0, 2.0]"), result);
		assertTrue(result.contains("\"unit\": \"micrometer\""), result);
		// level 1 is the mean of 2x2 pixels, rounded for integers
		final double tolerance = type == SampleType.FLOAT32 ? 1e-3 : 0.5;
		final double level1 = Double.parseDouble(result.replaceAll(".*\"level1\": ([0-9.e-]+).*", "$1"));
		assertTrue(level1 <= tolerance, result);
		// and RestoreJ reads its own output back, calibration included
		try (OmeZarrImage back = OmeZarrImage.open(out)) {
			assertEquals(new PixelCalibration(0.5, 0.5, 2, 0, "\u00b5m"), back.info().calibration());
			assertEquals(3, back.info().levels());
		}
	}

	private static <T extends RealType<T>> void fill(final RandomAccessibleInterval<T> image) {
		final RandomAccess<T> a = image.randomAccess();
		final long mod = image.getType() instanceof UnsignedShortType ? 65536 : image.getType().getMaxValue() > 300 ? 65536
			: 256;
		for (int z = 0; z < image.dimension(3); z++)
			for (int c = 0; c < image.dimension(2); c++)
				for (int y = 0; y < image.dimension(1); y++)
					for (int x = 0; x < image.dimension(0); x++) {
						a.setPosition(new long[] { x, y, c, z, 0 });
						a.get().setReal((x * 7L + y * 13L + c * 101L + z * 31L) % mod);
					}
	}

	@Test
	void refusesATypeItDoesNotReadNamingTheArrayAndTheRemedy() throws IOException {
		final Path zarr = Files.createDirectories(dir.resolve("int16.zarr/0"));
		Files.writeString(zarr.getParent().resolve(".zattrs"), "{\"multiscales\": [{\"version\": \"0.4\", \"axes\": " +
			"[{\"name\": \"y\"}, {\"name\": \"x\"}], \"datasets\": [{\"path\": \"0\"}]}]}");
		Files.writeString(zarr.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [4, 4], \"chunks\": [4, 4], " +
			"\"dtype\": \"<i2\", \"compressor\": null, \"fill_value\": 0, \"order\": \"C\", \"filters\": null}");
		final InvalidZarrException e = assertThrows(InvalidZarrException.class, () -> OmeZarrImage.open(zarr
			.getParent()));
		assertTrue(e.getMessage().contains(zarr.toString()) && e.getMessage().contains("<i2") && e.getMessage()
			.contains("uint16"), e.getMessage());
		Files.writeString(zarr.resolve(".zarray"), Files.readString(zarr.resolve(".zarray")).replace("<i2", "<u2")
			.replace("\"C\"", "\"F\""));
		assertTrue(assertThrows(InvalidZarrException.class, () -> OmeZarrImage.open(zarr.getParent())).getMessage()
			.contains("F order"));
	}

	@Test
	void aCorruptChunkFailsNamingItsFile() throws IOException {
		final Path copy = dir.resolve("broken.zarr");
		copyTree(fixtures.resolve("zstd-u16-yx.zarr"), copy);
		final Path chunk = copy.resolve("0/1.0");
		final byte[] bytes = Files.readAllBytes(chunk);
		Files.write(chunk, java.util.Arrays.copyOf(bytes, bytes.length / 2));
		try (OmeZarrImage zarr = OmeZarrImage.open(copy)) {
			final RandomAccess<?> a = zarr.image().randomAccess();
			a.setPosition(new long[] { 0, 40, 0, 0, 0 });
			final InvalidZarrException e = assertThrows(InvalidZarrException.class, a::get);
			assertTrue(e.getMessage().contains(chunk.toString()), e.getMessage());
		}
	}

	@Test
	void aFolderWithoutMultiscalesIsRefusedWithTheRemedy() throws IOException {
		final Path plain = Files.createDirectories(dir.resolve("plain.zarr"));
		final InvalidZarrException e = assertThrows(InvalidZarrException.class, () -> OmeZarrImage.open(plain));
		assertTrue(e.getMessage().contains(plain.toString()) && e.getMessage().contains("NGFF"), e.getMessage());
	}

	@Test
	void chunksWrittenByOtherProcessesSurviveTheCommit() throws IOException {
		final Path out = dir.resolve("from-tasks.zarr");
		final ZarrOutputSpec spec = ZarrOutputSpec.of(300, 300, 1, 1, 1, SampleType.UINT16);
		try (OmeZarrWriter<?> writer = OmeZarrWriter.create(out, spec)) {
			// a Spark task: chunk (1, 0) of level 0, written into the temporary folder through its own ZarrArray
			final short[] chunk = new short[256 * 256];
			java.util.Arrays.fill(chunk, (short) 1234);
			ZarrArray.open(writer.level0().folder()).writeChunk(OmeZarrWriter.chunkIndex(spec, 1, 0, 0, 0, 0), chunk);
			writer.commit();
		}
		try (OmeZarrImage back = OmeZarrImage.open(out)) {
			final RandomAccess<? extends RealType<?>> a = back.<UnsignedShortType> image().randomAccess();
			a.setPosition(new long[] { 256, 0, 0, 0, 0 });
			assertEquals(1234, a.get().getRealDouble(), "the task's chunk is not overwritten by the writer's empty rows");
			a.setPosition(new long[] { 0, 0, 0, 0, 0 });
			assertEquals(0, a.get().getRealDouble(), "an unwritten chunk reads as the fill value");
		}
	}

	@Test
	void anAbandonedWriterLeavesNothing() {
		final Path out = dir.resolve("abandoned.zarr");
		try (OmeZarrWriter<?> writer = OmeZarrWriter.create(out, ZarrOutputSpec.of(300, 300, 1, 1, 1,
			SampleType.UINT16))) {
			writer.rowsFinished(0, 0, 256);
		}
		assertFalse(Files.exists(out));
		assertEquals(0, dir.toFile().list().length, "the temporary folder is gone");
	}

	static void assertEveryPixel(final NpyArray expected, final String axes, final RandomAccessibleInterval<?> image,
		final String name)
	{
		final int n = axes.length();
		final long[] shape = expected.shape();
		final long[] stride = new long[n];
		long step = 1;
		for (int d = n - 1; d >= 0; d--) {
			stride[d] = step;
			step *= shape[d];
		}
		@SuppressWarnings("unchecked")
		final RandomAccess<? extends RealType<?>> a = ((RandomAccessibleInterval<? extends RealType<?>>) image)
			.randomAccess();
		final long[] p = new long[5];
		final double[] v = expected.values();
		for (long i = 0; i < v.length; i++) {
			long rest = i;
			for (int d = 0; d < n; d++) {
				p[OmeZarrInfo.XYCZT.indexOf(axes.charAt(d))] = rest / stride[d];
				rest %= stride[d];
			}
			a.setPosition(p);
			final double got = a.get().getRealDouble();
			if (Double.compare(got, v[(int) i]) != 0) throw new AssertionError(name + ": pixel " + java.util.Arrays
				.toString(p) + " (x, y, c, z, t) is " + got + ", python zarr wrote " + v[(int) i]);
		}
	}

	private static void copyTree(final Path from, final Path to) throws IOException {
		try (var s = Files.walk(from)) {
			for (final Path p : (Iterable<Path>) s::iterator) {
				final Path t = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p)) Files.createDirectories(t);
				else Files.copy(p, t);
			}
		}
	}
}
