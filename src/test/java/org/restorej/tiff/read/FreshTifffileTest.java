package org.restorej.tiff.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.ExternalReaders;
import org.restorej.PythonRun;

import org.restorej.io.Npy;

/**
 * A fresh random tiled BigTIFF (Deflate, horizontal predictor, two pages) written by tifffile at test
 * time (see {@link ExternalReaders} for where tifffile comes from).
 */
class FreshTifffileTest {

	private static final String SCRIPT = String.join("\n", //
		"import sys, numpy, tifffile", //
		"rng = numpy.random.default_rng()", //
		"data = rng.integers(0, 65536, (2, 150, 200), dtype=numpy.uint16)", //
		"tifffile.imwrite(sys.argv[1], data, bigtiff=True, tile=(32, 48), compression='zlib', predictor=2)", //
		"numpy.save(sys.argv[2], data.reshape(1, 2, 1, 150, 200).astype(numpy.float32))", "");

	@TempDir
	Path dir;

	@Test
	void readsARandomTiledBigTiffFromTifffile() throws IOException, InterruptedException {
		final String python = ExternalReaders.python(ExternalReaders.TIFFFILE);
		final Path tif = dir.resolve("random.tif"), npy = dir.resolve("random.npy");
		final Path script = Files.writeString(dir.resolve("write.py"), SCRIPT);
		PythonRun.run(python, script.toString(), tif.toString(), npy.toString()).outputOrFail();
		try (TiffImage tiff = TiffImage.open(tif)) {
			assertTrue(tiff.info().bigTiff());
			assertTrue(tiff.info().tiled());
			assertEquals(48, tiff.info().blockWidth());
			assertEquals(32, tiff.info().blockHeight());
			assertEquals(8, tiff.info().compression());
			assertEquals(2, tiff.info().slices());
			TiffFixtures.assertEveryPixel(Npy.read(npy), tiff.image(), tif.toString());
		}
	}
}
