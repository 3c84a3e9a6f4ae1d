package org.restorej.restore.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.restorej.tiff.SampleType;

/** How much of a streamed input is kept in memory: set by its width and planes, never by its height. */
class StreamedInputTest {

	private static final long HEAP = 8L << 30;

	@Test
	void aWideImageCachesOneBandOfRowsAcrossItsWidth() {
		// 1024 rows plus two rows of 256-row tiles, 40000 pixels wide, 16-bit
		assertEquals((1024 + 512) * 40000L * 2, StreamedInput.cacheBytes(40000, 1, SampleType.UINT16, 256, HEAP));
	}

	@Test
	void everyPlaneABandReadsCounts() {
		assertEquals(3 * StreamedInput.cacheBytes(40000, 1, SampleType.FLOAT32, 256, HEAP), StreamedInput.cacheBytes(
			40000, 3, SampleType.FLOAT32, 256, HEAP));
	}

	@Test
	void aNarrowImageKeepsTheFloorAndNoImageMoreThanAQuarterOfTheHeap() {
		assertEquals(16L << 20, StreamedInput.cacheBytes(512, 1, SampleType.UINT8, 16, HEAP));
		assertEquals(HEAP / 4, StreamedInput.cacheBytes(1_000_000, 4, SampleType.FLOAT32, 1024, HEAP));
	}
}
