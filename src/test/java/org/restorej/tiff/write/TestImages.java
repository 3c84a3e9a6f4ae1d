package org.restorej.tiff.write;

import net.imglib2.RandomAccess;
import net.imglib2.type.NativeType;
import net.imglib2.type.numeric.RealType;

import org.restorej.tiff.SampleType;

/** A pattern every pixel of which a test can predict, written row by row as the engine writes. */
final class TestImages {

	private TestImages() {}

	/** The value of a pixel: distinct across x, y, channel, slice and frame, exact in the type. */
	static double value(final SampleType type, final long x, final long y, final long c, final long z,
		final long t)
	{
		return switch (type) {
			case UINT8 -> (x * 7 + y * 13 + c * 50 + z * 3 + t * 11) % 256;
			case UINT16 -> (x * 31 + y * 257 + c * 1000 + z * 77 + t * 5000) % 65536;
			case FLOAT32 -> (float) (x * 0.5 - y * 0.25 + c * 10 + z * 100 + t * 1000 + 0.125);
		};
	}

	/**
	 * Writes the pattern into the writer's image one row at a time, each row all channels, telling the
	 * writer after every row that the rows above are finished.
	 */
	static <T extends RealType<T> & NativeType<T>> void writeRows(final TiledTiffWriter<T> writer) {
		final TiffOutputSpec s = writer.spec();
		final RandomAccess<T> a = writer.output().randomAccess();
		for (int t = 0; t < s.frames(); t++)
			for (int z = 0; z < s.slices(); z++)
				for (long y = 0; y < s.height(); y++) {
					for (int c = 0; c < s.channels(); c++) {
						a.setPosition(new long[] { 0, y, c, z, t });
						for (long x = 0; x < s.width(); x++) {
							a.get().setReal(value(s.sampleType(), x, y, c, z, t));
							a.fwd(0);
						}
					}
					writer.rowsFinished(z, t, y + 1);
				}
	}
}
