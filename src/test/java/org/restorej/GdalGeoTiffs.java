package org.restorej;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

/**
 * GeoTIFFs as GDAL writes and reads them (through {@link ExternalReaders#GDAL}): a georeferenced
 * input, and GDAL's own view of whether a restored file kept its georeferencing.
 */
public final class GdalGeoTiffs {

	private GdalGeoTiffs() {}

	/**
	 * A stripped (untiled, uncompressed) 16-bit GeoTIFF of {@code width} x {@code height} in UTM zone 33N,
	 * origin (500000, 4649776), 10 m pixels, NoData 0 and a dataset metadata item, as GDAL writes it.
	 */
	public static Path write(final Path file, final int width, final int height) throws Exception {
		final String said = python("""
			import sys, numpy as np
			from osgeo import gdal, osr
			w, h = int(sys.argv[2]), int(sys.argv[3])
			d = gdal.GetDriverByName('GTiff').Create(sys.argv[1], w, h, 1, gdal.GDT_UInt16)
			d.SetGeoTransform((500000.0, 10.0, 0.0, 4649776.0, 0.0, -10.0))
			s = osr.SpatialReference(); s.ImportFromEPSG(32633); d.SetProjection(s.ExportToWkt())
			b = d.GetRasterBand(1); b.SetNoDataValue(0)
			y, x = np.mgrid[0:h, 0:w]
			b.WriteArray((2000 + 1500 * np.sin(x / 5.0) * np.cos(y / 7.0)).astype(np.uint16))
			d.SetMetadataItem('SENSOR', 'moon-camera')
			d = None
			print('written')
			""", file.toString(), Integer.toString(width), Integer.toString(height));
		assertEquals("written", said);
		return file;
	}

	/**
	 * Asserts that GDAL reads the same coordinate system (not empty), origin and pixel size, NoData and
	 * dataset metadata in {@code restored} as in {@code input}.
	 */
	public static void assertSameGeoreferencing(final Path input, final Path restored) throws Exception {
		final String said = python("""
			import sys
			from osgeo import gdal
			a, b = gdal.Open(sys.argv[1]), gdal.Open(sys.argv[2])
			# the dataset's own metadata; GDAL also lists an ImageJ description as TIFFTAG_IMAGEDESCRIPTION
			own = lambda d: {k: v for k, v in d.GetMetadata().items() if not k.startswith('TIFFTAG_')}
			print(a.GetProjection() == b.GetProjection() and len(a.GetProjection()) > 0,
			      a.GetGeoTransform() == b.GetGeoTransform(),
			      a.GetRasterBand(1).GetNoDataValue() == b.GetRasterBand(1).GetNoDataValue(), own(a) == own(b))
			""", input.toString(), restored.toString());
		assertEquals("True True True True", said, restored + ": coordinate system, geotransform, NoData, metadata");
	}

	private static String python(final String code, final String... args) throws Exception {
		final String python = ExternalReaders.python(ExternalReaders.GDAL);
		final String[] command = new String[args.length + 3];
		command[0] = python;
		command[1] = "-c";
		command[2] = code;
		System.arraycopy(args, 0, command, 3, args.length);
		final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		final String said = new String(p.getInputStream().readAllBytes()).trim();
		assertEquals(0, p.waitFor(), said);
		return said;
	}
}
