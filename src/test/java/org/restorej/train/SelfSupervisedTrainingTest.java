package org.restorej.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.array.NhwcArray;
import org.restorej.data.DataException;
import org.restorej.data.ImagePair;
import org.restorej.model.ModelDescription;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.process.ShortProcessor;

/** The self-supervised scheme's data: what the loss compares, and how noisy files become planes. */
class SelfSupervisedTrainingTest {

	/** Every pixel holds its own index, so a value names the pixel it came from. */
	private static NhwcArray indexed(final int h, final int w) {
		final float[] d = new float[h * w];
		for (int i = 0; i < d.length; i++)
			d[i] = i;
		return new NhwcArray(1, h, w, 1, d);
	}

	@Test
	void theTargetPixelIsNeverOneTheInputHoldsButItsNeighbourInTheSameCell() {
		final int h = 32, w = 24;
		final ImagePair p = NeighborSubsampledPatches.subsample(indexed(h, w), new SplittableRandom(7));
		assertEquals(h / 2, p.height());
		assertEquals(w / 2, p.width());
		final Set<Integer> inputs = new HashSet<>(), targets = new HashSet<>();
		for (int y = 0; y < h / 2; y++)
			for (int x = 0; x < w / 2; x++) {
				final int in = (int) p.degraded().get(0, y, x, 0), t = (int) p.clean().get(0, y, x, 0);
				inputs.add(in);
				targets.add(t);
				assertEquals(y, in / w / 2, "input from the cell's rows");
				assertEquals(x, in % w / 2, "input from the cell's columns");
				assertEquals(y, t / w / 2);
				assertEquals(x, t % w / 2);
				assertEquals(1, Math.abs(in / w - t / w) + Math.abs(in % w - t % w), "4-adjacent, not the same pixel");
			}
		targets.retainAll(inputs);
		assertEquals(Set.of(), targets, "no target pixel is an input pixel");
	}

	@Test
	void theSubSampledPairsChangeFromDrawToDraw() {
		final NeighborSubsampledPatches source = new NeighborSubsampledPatches(new NoisyImages(java.util.List.of(indexed(
			64, 64)), 1, 65535));
		assertEquals(32, source.maxPatch(), "a patch is cut from a crop twice its side");
		final SplittableRandom r = new SplittableRandom(3);
		final PatchSource.Patch a = source.draw(16, r), b = source.draw(16, r);
		assertEquals(16 * 16, a.degraded().length);
		assertNotEquals(java.util.Arrays.toString(a.degraded()), java.util.Arrays.toString(b.degraded()));
	}

	@Test
	void aTwoChannelStackGivesOnePlanePerSliceNormalisedOverTheWholeImage(@TempDir final Path dir) {
		final int w = 20, h = 10, slices = 3;
		final ImageStack stack = new ImageStack(w, h);
		for (int z = 0; z < slices; z++)
			for (int c = 0; c < 2; c++) {
				final short[] px = new short[w * h];
				for (int i = 0; i < px.length; i++)
					px[i] = (short) (100 + 1000 * c + 10 * z + i % 7);
				stack.addSlice(new ShortProcessor(w, h, px, null));
			}
		final ImagePlus imp = new ImagePlus("stack", stack);
		imp.setDimensions(2, slices, 1);
		IJ.saveAsTiff(imp, dir.resolve("stack.tif").toString());
		final NoisyImages images = NoisyImages.load(dir, ModelDescription.Normalization.percentile(0, 100,
			ModelDescription.Normalization.IMAGE, false));
		assertEquals(slices, images.planes().size());
		assertEquals(2, images.channels());
		assertEquals(65535, images.typeMax());
		// percentiles 0 and 100 over the whole stack: its darkest value maps to 0, its brightest to 1
		assertEquals(0, images.planes().get(0).get(0, 0, 0, 0), 1e-6);
		final float brightest = 100 + 1000 + 10 * (slices - 1) + 6;
		final NhwcArray last = images.planes().get(slices - 1);
		float max = 0;
		for (final float v : last.data())
			max = Math.max(max, v);
		assertEquals(1, max, 1e-6);
		assertEquals((1100 - 100) / (brightest - 100), images.planes().get(0).get(0, 0, 0, 1), 1e-6, "channel 1");
	}

	@Test
	void progressEstimatesTheTimeLeftAtTheLatestPace() {
		final Trainer.Progress p = new Trainer.Progress(100, 400, 64, 8, 1e-4, 0.01, 30.5, 0.5, 52, "held-out " +
			"self-supervised PSNR");
		assertEquals(150, p.secondsLeft(), 1e-9);
		assertTrue(p.toString().contains("step 100/400") && p.toString().contains("about 150 s left") && p.toString()
			.contains("held-out self-supervised PSNR 30.50 dB"), p.toString());
	}

	@Test
	void aCancelledRunWritesNoModelFolder(@TempDir final Path dir) throws Exception {
		CameraImages.tissue(96, 96, 20, 5).writeNoisy(dir.resolve("noisy/a.tif"));
		final TrainingOptions o = SelfSupervisedTraining.options(TrainingOptions.parse(
			"size=tiny steps=50 patches=16x2 threads=2"), true);
		final TrainingRun.Data data = SelfSupervisedTraining.data(dir.resolve("noisy"), o);
		assertEquals(1, data.validation().size(), "the bottom band of the single image is held out");
		final int[] polls = { 0 };
		assertThrows(org.restorej.engine.CancelledException.class, () -> TrainingRun.run(o, data,
			new TrainingRun.Output(dir.resolve("m"), null, false), null, p -> {}, l -> {}, () -> ++polls[0] > 3));
		try (var left = java.nio.file.Files.list(dir)) {
			assertEquals(java.util.List.of("noisy"), left.map(f -> f.getFileName().toString()).toList());
		}
	}

	@Test
	void refusesAFolderWithoutTiffsNamingIt(@TempDir final Path dir) {
		final DataException e = assertThrows(DataException.class, () -> NoisyImages.load(dir, SelfSupervisedTraining
			.SCRATCH_NORMALIZATION));
		assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("No TIFF"), e.getMessage());
	}

	@Test
	void startsFromTheBundledModelOfTheArchitectureFoundByName() {
		final TrainingOptions o = SelfSupervisedTraining.options(TrainingOptions.defaults(), false);
		assertTrue(Path.of(o.fineTune()).endsWith(SelfSupervisedTraining.RESTORMER_BASE), o.fineTune());
		assertEquals(SelfSupervisedTraining.DEFAULT_PATCHES, o.patches());
		assertEquals(null, SelfSupervisedTraining.options(TrainingOptions.defaults(), true).fineTune(), "from scratch");
		final TrainingOptions macro = SelfSupervisedTraining.options(java.util.Map.of("arch", "restormer"), false);
		assertEquals(SelfSupervisedTraining.DEFAULT_STEPS, macro.steps());
		assertEquals(SelfSupervisedTraining.FINE_TUNE_LR, macro.learningRate());
		assertEquals(SelfSupervisedTraining.SCRATCH_NORMALIZATION, SelfSupervisedTraining.normalizationOf(null));
	}

	@Test
	void normalisesAsTheStartingModelDeclaresButNotByThePixelTypesRange(@TempDir final Path dir) throws Exception {
		final ModelDescription bundled = org.restorej.model.ModelDescriptions.read(org.restorej.model.ModelLocator
			.resolve(SelfSupervisedTraining.RESTORMER_BASE));
		final ModelDescription.Normalization perPlane = ModelDescription.Normalization.percentile(2, 99.5,
			ModelDescription.Normalization.PLANE, true);
		org.restorej.model.ModelDescriptions.write(bundled.withNormalization(perPlane), dir);
		assertEquals(perPlane, SelfSupervisedTraining.normalizationOf(dir.toString()));
		org.restorej.model.ModelDescriptions.write(bundled.withNormalization(ModelDescription.Normalization.typeRange()),
			dir);
		assertEquals(SelfSupervisedTraining.SCRATCH_NORMALIZATION, SelfSupervisedTraining.normalizationOf(dir
			.toString()));
	}
}
