package org.restorej.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

import net.imglib2.RandomAccess;
import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.array.NhwcArray;
import org.restorej.io.Npy;
import org.restorej.io.OutputExistsException;
import org.restorej.model.ModelLocator;
import org.restorej.tiff.SampleType;
import org.restorej.tiff.write.TiffOutputSpec;
import org.restorej.tiff.write.TiledTiffWriter;
import org.restorej.train.DemoRestoration;

/**
 * Training, the demo and the metrics read files through {@link TiffImages}, that is RestoreJ's own
 * reader: BigTIFF and tiled TIFF too, which ImageJ 1's Opener (their reader before) cannot open. Their
 * TIFF outputs never replace an existing file unless asked.
 */
class TiffImagesTest {

	@TempDir
	Path dir;

	static Path resource(final String name) {
		try {
			return Paths.get(TiffImagesTest.class.getResource("/tiff/" + name).toURI());
		}
		catch (final URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void bigTiffAndTiledTiffReadScaledToWhatNetworksSee() throws IOException {
		for (final String name : List.of("bigtiff_bigendian_tiles16_deflate32946_u16", "tiles16_none_u16")) {
			final TiffImages.Loaded l = TiffImages.read(resource(name + ".tif"));
			assertEquals(65535, l.scale());
			assertEquals(16, l.bitDepth());
			final float[] raw = Npy.read(resource(name + ".npy")).floats();
			for (int i = 0; i < raw.length; i++)
				assertEquals(raw[i] / 65535, l.image().data()[i], 1e-7, name + " value " + i);
		}
		final TiffImages.Loaded signed = TiffImages.read(resource("kinds/int16.tif"));
		assertEquals(1, signed.scale(), "signed samples are read as float, as they are");
		assertArrayEquals(Npy.read(resource("kinds/int16.npy")).floats(), signed.image().data());
	}

	@Test
	void trainingPairsMayBeBigTiffOrTiled() throws IOException {
		Files.createDirectories(dir.resolve("low"));
		Files.createDirectories(dir.resolve("high"));
		Files.copy(resource("bigtiff_bigendian_tiles16_deflate32946_u16.tif"), dir.resolve("low/a.tif"));
		Files.copy(resource("tiles16_none_u16.tif"), dir.resolve("high/a.tif"));
		final List<ImagePair> pairs = PairedImageFolders.load(dir.resolve("low"), dir.resolve("high"));
		assertEquals(1, pairs.size());
		assertEquals(Npy.read(resource("tiles16_none_u16.npy")).floats()[7] / 65535, pairs.get(0).clean().data()[7],
			1e-7);
	}

	/** A 16-bit image in [0, 1] as a tiled, deflated BigTIFF written by RestoreJ's writer. */
	private static void writeTiledBigTiff(final NhwcArray image, final Path file) throws IOException {
		final TiffOutputSpec spec = TiffOutputSpec.of(image.width(), image.height(), 1, 1, 1, SampleType.UINT16)
			.withTileSize(16).withDeflate(true);
		try (TiledTiffWriter<UnsignedShortType> w = TiledTiffWriter.create(file, spec)) {
			final RandomAccess<UnsignedShortType> a = w.output().randomAccess();
			for (int y = 0; y < image.height(); y++)
				for (int x = 0; x < image.width(); x++) {
					a.setPosition(new long[] { x, y, 0, 0, 0 });
					a.get().set(Math.round(image.data()[y * image.width() + x] * 65535));
				}
			w.commit();
		}
	}

	private static NhwcArray crop(final NhwcArray a, final int side) {
		final float[] d = new float[side * side];
		for (int y = 0; y < side; y++)
			System.arraycopy(a.data(), y * a.width(), d, y * side, side);
		return new NhwcArray(1, side, side, 1, d);
	}

	@Test
	void theDemoReadsBigTiffAndRestoresItAsTheSameImageInClassicTiff() throws IOException {
		final Path model = ModelLocator.resolve(DemoRestoration.DEFAULT_MODEL);
		final Path samples = model.getParent();
		final NhwcArray noisy = crop(TiffImages.read(samples.resolve(DemoRestoration.SAMPLE_DEGRADED)).image(), 48);
		final NhwcArray clean = crop(TiffImages.read(samples.resolve(DemoRestoration.SAMPLE_CLEAN)).image(), 48);
		TiffImages.write16Bit(noisy, dir.resolve("classic/noisy.tif"));
		TiffImages.write16Bit(clean, dir.resolve("classic/clean.tif"));
		writeTiledBigTiff(noisy, dir.resolve("big/noisy.tif"));
		writeTiledBigTiff(clean, dir.resolve("big/clean.tif"));
		final DemoRestoration.Result classic = DemoRestoration.run(model, dir.resolve("classic/noisy.tif"), dir.resolve(
			"classic/clean.tif"), dir.resolve("out-classic"));
		final DemoRestoration.Result big = DemoRestoration.run(model, dir.resolve("big/noisy.tif"), dir.resolve(
			"big/clean.tif"), dir.resolve("out-big"));
		assertEquals(classic.before().psnr(), big.before().psnr(), 1e-9);
		assertEquals(classic.after().psnr(), big.after().psnr(), 1e-9);
		assertTrue(big.after().psnr() > big.before().psnr(), "restored: " + big);
		// the demo replaces its own results when run again
		DemoRestoration.run(model, dir.resolve("big/noisy.tif"), dir.resolve("big/clean.tif"), dir.resolve("out-big"));
	}

	@Test
	void outputsNeverReplaceAFileUnlessAsked() throws IOException {
		final NhwcArray a = new NhwcArray(1, 4, 5, 1, new float[20]);
		final Path out = dir.resolve("a.tif");
		TiffImages.write16Bit(a, out);
		final byte[] first = Files.readAllBytes(out);
		final NhwcArray b = new NhwcArray(1, 4, 5, 1, new float[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
			1, 1, 1 });
		final OutputExistsException e = assertThrows(OutputExistsException.class, () -> TiffImages.write16Bit(b, out));
		assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("exists"), e.getMessage());
		assertArrayEquals(first, Files.readAllBytes(out));
		TiffImages.write16Bit(b, out, true);
		assertEquals(1f, TiffImages.read(out).image().data()[3]);
		assertThrows(OutputExistsException.class, () -> TiffImages.write32Bit(b, out));
	}
}
