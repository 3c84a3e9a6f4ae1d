package org.restorej.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairedImageFoldersTest {

	private static final Degradation DEG = new Degradation(20, 1.5, PointSpreadFunction.NONE);

	@Test
	void sixteenBitTiffsRoundTripExactlyAndPairByName(@TempDir final Path dir) throws Exception {
		final SyntheticDataset ds = new SyntheticDataset(DEG, 48, 5, SyntheticDataset.Split.TRAIN);
		for (int i = 0; i < 2; i++) {
			final ImagePair p = ds.pair(i);
			TiffImages.write16Bit(p.degraded(), dir.resolve("low/cell" + i + ".tif"));
			TiffImages.write16Bit(p.clean(), dir.resolve("high/cell" + i + ".tif"));
		}
		final List<ImagePair> pairs = PairedImageFolders.load(dir);
		assertEquals(List.of("cell0.tif", "cell1.tif"), pairs.stream().map(ImagePair::name).toList());
		// generator output is on 16-bit levels, so writing and reading loses nothing
		assertArrayEquals(ds.pair(1).degraded().data(), pairs.get(1).degraded().data());
		assertArrayEquals(ds.pair(1).clean().data(), pairs.get(1).clean().data());
		assertEquals(65535, TiffImages.read(dir.resolve("low/cell0.tif")).scale());
	}

	@Test
	void anImageWithoutPartnerIsNamedInTheError(@TempDir final Path dir) throws Exception {
		final ImagePair p = new SyntheticDataset(DEG, 16, 5, SyntheticDataset.Split.TRAIN).pair(0);
		TiffImages.write16Bit(p.degraded(), dir.resolve("low/a.tif"));
		TiffImages.write16Bit(p.clean(), dir.resolve("high/a.tif"));
		TiffImages.write16Bit(p.clean(), dir.resolve("high/orphan.tif"));
		final DataException e = assertThrows(DataException.class, () -> PairedImageFolders.load(dir));
		assertTrue(e.getMessage().contains("orphan.tif"), e.getMessage());
	}

	@Test
	void aMissingSubFolderExplainsTheLayout(@TempDir final Path dir) throws Exception {
		Files.createDirectories(dir.resolve("low"));
		final DataException e = assertThrows(DataException.class, () -> PairedImageFolders.load(dir));
		assertTrue(e.getMessage().contains("'high'"), e.getMessage());
	}
}
