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

class RealAcquisitionsTest {

	private static final Path SCENES = Path.of("models", RealAcquisitions.BUNDLED_SCENES);

	@Test
	void bundledScenesAreAcquiredAtEveryPhotonLevelTheSameWayEachTime() {
		final List<Acquisition> a = RealAcquisitions.acquire(SCENES);
		assertEquals(8 * HeldOutAcquisitions.PHOTON_LEVELS.size(), a.size(), "8 scenes at every level");
		assertEquals("aerial-0001ph", a.get(0).name());
		assertEquals(1000, a.get(HeldOutAcquisitions.PHOTON_LEVELS.size() - 1).camera().photons());
		assertTrue(a.stream().anyMatch(x -> x.camera().bits() == 8) && a.stream().anyMatch(x -> x.camera()
			.bits() == 16), "8- and 16-bit cameras");
		assertArrayEquals(a.get(10).noisy().data(), RealAcquisitions.acquire(SCENES).get(10).noisy().data());
		for (final Acquisition x : a) {
			float max = 0;
			for (final float v : x.noisy().data())
				max = Math.max(max, v);
			assertTrue(max <= x.camera().maxValue() && max > x.camera().offset(), x.name() + " uses the camera's range");
		}
	}

	@Test
	void pairsWrittenToAFolderAreReadBackWithTheirCameras(@TempDir final Path dir) {
		final List<Acquisition> a = RealAcquisitions.acquire(SCENES).subList(0, 3);
		RealAcquisitions.write(a, dir);
		final List<Acquisition> back = RealAcquisitions.read(dir);
		assertEquals(3, back.size());
		for (int i = 0; i < 3; i++) {
			assertEquals(a.get(i).camera(), back.get(i).camera());
			assertArrayEquals(a.get(i).noisy().data(), back.get(i).noisy().data());
			assertArrayEquals(a.get(i).clean().data(), back.get(i).clean().data());
		}
	}

	@Test
	void aPairWithoutItsCameraIsRefusedNamingTheFile(@TempDir final Path dir) throws Exception {
		RealAcquisitions.write(RealAcquisitions.acquire(SCENES).subList(0, 1), dir);
		Files.delete(dir.resolve("aerial-0001ph.json"));
		final DataException e = assertThrows(DataException.class, () -> RealAcquisitions.read(dir));
		assertTrue(e.getMessage().contains("aerial-0001ph-noisy.tif") && e.getMessage().contains("camera"), e.getMessage());
	}

	@Test
	void anIncompleteCameraIsRefusedNamingTheFields(@TempDir final Path dir) throws Exception {
		RealAcquisitions.write(RealAcquisitions.acquire(SCENES).subList(0, 1), dir);
		Files.writeString(dir.resolve("aerial-0001ph.json"), "{\"photons\": 10, \"gain\": 2}");
		final DataException e = assertThrows(DataException.class, () -> RealAcquisitions.read(dir));
		assertTrue(e.getMessage().contains("readNoise"), e.getMessage());
	}

	@Test
	void cleanScenesComeInProportionToTheirAreaScaledToTheirMaximum(@TempDir final Path dir) {
		final CleanImageScenes s = CleanImageScenes.load(SCENES, 128);
		assertEquals(8, s.count());
		final float[] crop = s.crop(64, new java.util.SplittableRandom(1));
		float max = 0;
		for (final float v : crop)
			max = Math.max(max, v);
		assertEquals(64 * 64, crop.length);
		assertEquals(1, max, 1e-6);
		assertThrows(DataException.class, () -> CleanImageScenes.load(dir, 128), "an empty folder");
	}
}
