package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import ij.IJ;
import ij.ImagePlus;
import ij.process.ShortProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.restorej.RestoreJException;
import org.restorej.array.NhwcArray;
import org.restorej.export.ModelExporter;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.model.ModelPathException;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.RunMonitor;
import org.restorej.restore.SmallModels;
import org.restorej.runtime.DisallowedOpException;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.LoadedModel;
import org.restorej.train.FineTuneSource;
import org.restorej.worker.WorkerImageRestorer;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Print;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Model folders from elsewhere are programs: a SavedModel that passes images through unchanged but
 * touches the host's files on the side is refused by every command before it runs, and no file is
 * touched. Each crafted model is first run by TensorFlow directly, to show that it does touch the file.
 */
class UntrustedModelFolderTest {

	@TempDir
	static Path dir;
	static Path image;

	/** A graph that returns its input and, as a control dependency, does something to {@code target}. */
	enum Crafted {
		WRITE_FILE("WriteFile", null, (tf, target) -> tf.io.writeFile(tf.constant(target.toString()), tf.constant(
			"written by a model"))),
		READ_FILE("ReadFile", null, (tf, target) -> tf.io.writeFile(tf.constant(target.toString()), tf.io.readFile(tf
			.constant(target.resolveSibling("secret.txt").toString())))),
		PRINT_TO_FILE("PrintV2", null, (tf, target) -> tf.print(tf.constant("printed by a model"), Print.outputStream(
			"file://" + target))),
		SAVE_V2("SaveV2", null, (tf, target) -> tf.train.save(tf.constant(target.toString().replaceFirst("\\.index$",
			"")), tf.constant(NdArrays.vectorOfObjects("x")), tf.constant(NdArrays.vectorOfObjects("")), List.of(tf.constant(1f)))),
		WRITE_FILE_IN_FUNCTION("WriteFile", "hidden", (tf, target) -> tf.io.writeFile(tf.constant(target.toString()), tf
			.constant("written by a function")));

		final String op;
		final String function;
		final BiFunction<Ops, Path, Op> sideEffect;

		Crafted(final String op, final String function, final BiFunction<Ops, Path, Op> sideEffect) {
			this.op = op;
			this.function = function;
			this.sideEffect = sideEffect;
		}

		/** A model folder like a real one (model.json, test data) whose SavedModel is this graph. */
		Path folder(final Path target) throws IOException {
			final Path folder = dir.resolve(name().toLowerCase() + "-" + target.getFileName());
			copyFolder(SmallModels.grey(), folder);
			final Path saved = folder.resolve(ModelExporter.SAVED_MODEL_DIR);
			ModelExporter.deleteRecursively(saved);
			try (Graph g = new Graph()) {
				final Ops tf = Ops.create(g);
				final Placeholder<TFloat32> input = tf.withName("input").placeholder(TFloat32.class, Placeholder.shape(Shape
					.of(-1, -1, -1, 1)));
				final Operand<TFloat32> passed;
				if (function == null) passed = tf.withControlDependencies(List.of(sideEffect.apply(tf, target))).identity(
					input);
				else {
					final ConcreteFunction f = ConcreteFunction.create(fn -> {
						final Placeholder<TFloat32> x = fn.placeholder(TFloat32.class);
						return Signature.builder().key(function).input("x", x).output("y", fn.withControlDependencies(List.of(
							sideEffect.apply(fn, target))).identity(x)).build();
					});
					@SuppressWarnings("unchecked")
					final Operand<TFloat32> called = (Operand<TFloat32>) tf.call(f, input);
					passed = called;
				}
				final Operand<TFloat32> output = tf.withName("output").identity(passed);
				// a variable, as every real export has, so that the saver is there too
				final Operand<TFloat32> v = tf.withName("weight").variable(tf.constant(1f));
				try (Session s = new Session(g)) {
					s.initialize();
					SavedModelBundle.exporter(saved.toString()).withTags("serve").withFunction(SessionFunction.create(Signature
						.builder().key(Signature.DEFAULT_KEY).input("input", input).output("output", output).build(), s))
						.export();
				}
			}
			// the identity's output is its input
			Files.copy(folder.resolve(ModelExporter.TEST_INPUT), folder.resolve(ModelExporter.TEST_OUTPUT),
				StandardCopyOption.REPLACE_EXISTING);
			return folder;
		}
	}

	@BeforeAll
	static void anImageAndASecret() throws IOException {
		Files.writeString(dir.resolve("secret.txt"), "a file the model copies out");
		image = dir.resolve("cells.tif");
		IJ.saveAsTiff(new ImagePlus("cells", new ShortProcessor(48, 40)), image.toString());
	}

	@ParameterizedTest
	@EnumSource(Crafted.class)
	void theCraftedModelTouchesItsFileWhenTensorFlowRunsItUnchecked(final Crafted crafted) throws IOException {
		final Path target = dir.resolve("unchecked-" + crafted + ".index");
		final Path folder = crafted.folder(target);
		try (SavedModelBundle b = SavedModelBundle.load(folder.resolve(ModelExporter.SAVED_MODEL_DIR).toString(),
			"serve"); TFloat32 x = TFloat32.tensorOf(Shape.of(1, 8, 8, 1)); Result r = b.function(Signature.DEFAULT_KEY)
				.call(Map.of("input", x)))
		{
			assertTrue(r.get("output").isPresent());
		}
		assertTrue(Files.exists(target), crafted + " should touch " + target);
	}

	@ParameterizedTest
	@EnumSource(Crafted.class)
	void restoreAndVerifyRefuseItAndTouchNothing(final Crafted crafted) throws IOException {
		final Path target = dir.resolve("checked-" + crafted + ".index");
		final Path folder = crafted.folder(target);
		final Path output = dir.resolve("restored-" + crafted + ".tif");

		for (final String[] command : List.of(new String[] { "restore", "--model", folder.toString(), image.toString(),
			output.toString() }, new String[] { "verify", "--model", folder.toString() }, new String[] { "predict", "--model",
				folder.toString(), "--input", folder.resolve(ModelExporter.TEST_INPUT).toString(), "--output", output
					.toString() }))
		{
			final CommandLineTest.Run run = CommandLineTest.run(command);
			assertEquals(1, run.exitCode(), command[0] + ": " + run.out() + run.err());
			assertTrue(run.err().contains("op " + crafted.op) && run.err().contains(folder.toString()) && run.err()
				.contains("re-import"), command[0] + ": " + run.err());
			if (crafted.function != null) assertTrue(run.err().contains("in function '"), run.err());
		}
		assertFalse(Files.exists(target), "nothing ran the model's " + crafted.op);
		assertFalse(Files.exists(output), "no output from a refused model");
	}

	@Test
	void theRefusalNamesTheNodeAndTheFunction() throws IOException {
		final Path folder = Crafted.WRITE_FILE_IN_FUNCTION.folder(dir.resolve("function-target"));
		final DisallowedOpException e = assertThrows(DisallowedOpException.class, () -> LoadedModel.load(folder,
			ExecutionOptions.cpu()));
		// the call site and the op inside the function
		assertTrue(e.findings().stream().anyMatch(f -> f.function() == null && f.op().endsWith("PartitionedCall")), e
			.getMessage());
		final DisallowedOpException.Finding inside = e.findings().stream().filter(f -> f.op().equals("WriteFile"))
			.findFirst().orElseThrow();
		assertTrue(inside.function().startsWith("hidden"), inside.toString());
		assertTrue(e.getMessage().contains("node '" + inside.node() + "' in function '" + inside.function() + "'"), e
			.getMessage());
		assertThrows(DisallowedOpException.class, () -> FineTuneSource.open(folder), "fine-tuning loads it the same way");
		assertFalse(Files.exists(dir.resolve("function-target")));
	}

	@Test
	void theWorkerOfFijiAndTheMacrosRefusesItToo() throws IOException {
		final Path target = dir.resolve("worker-target");
		final Path folder = Crafted.WRITE_FILE.folder(target);
		try (WorkerImageRestorer worker = new WorkerImageRestorer(folder)) {
			final RestoreJException e = assertThrows(RestoreJException.class, () -> worker.restore(IJ.openImage(image
				.toString()), RestoreSettings.defaults(), RunMonitor.SILENT));
			assertTrue(e.getMessage().contains("op WriteFile") && e.getMessage().contains(folder.toString()), e
				.getMessage());
		}
		assertFalse(Files.exists(target));
	}

	@Test
	void aModelJsonPathThatLeavesTheFolderIsRefused() throws IOException {
		final Path outside = dir.resolve("outside");
		copyFolder(SmallModels.grey(), outside);
		for (final String escape : List.of("../outside/saved_model", outside.resolve("saved_model").toString(),
			"link/saved_model"))
		{
			final Path folder = dir.resolve("escape-" + Math.abs(escape.hashCode()));
			copyFolder(SmallModels.grey(), folder);
			rewrite(folder, d -> new ModelDescription.SavedModel(escape, d.tag(), d.signature(), d.inputName(), d
				.outputName(), d.layout()));
			// after the rewrite, which reads the folder: a folder holding a link is refused as a whole
			Files.createSymbolicLink(folder.resolve("link"), outside);
			final CommandLineTest.Run run = CommandLineTest.run("verify", "--model", folder.toString());
			assertEquals(1, run.exitCode(), run.out());
			assertTrue(run.err().contains("savedModel.directory '" + escape + "'") && run.err().contains(
				"inside the model folder"), run.err());
			assertThrows(ModelPathException.class, () -> LoadedModel.load(folder, ExecutionOptions.cpu()));
		}
		final Path testData = dir.resolve("escape-test-data");
		copyFolder(SmallModels.grey(), testData);
		final ModelDescription d = ModelDescriptions.read(testData);
		ModelDescriptions.write(new ModelDescription(d.format(), d.name(), d.architecture(), d.config(), d.task(), d
			.input(), d.output(), d.valueRange(), d.size(), d.tiling(), d.savedModel(), d.source(), d.license(),
			new ModelDescription.TestData("../outside/test_input.npy", d.test().output(), 1)), testData);
		assertTrue(CommandLineTest.run("verify", "--model", testData.toString()).err().contains(
			"test.input '../outside/test_input.npy' leads out of the model folder"));
	}

	@Test
	void everyBundledModelAndAnImportPass() throws IOException {
		for (final String bundled : List.of("models/restormer-fluorescence-denoising", "models/ast-fluorescence-restoration"))
			assertEquals(0, CommandLineTest.run("verify", "--model", bundled).exitCode(), bundled);
		final Path imported = dir.resolve("imported");
		assertEquals(0, CommandLineTest.run("import", "models/demo/restormer-tiny-random.pth", "-o", imported.toString())
			.exitCode());
		try (LoadedModel m = LoadedModel.load(imported, ExecutionOptions.cpu())) {
			assertEquals(1, m.run(NhwcArray.zeros(1, 8, 8, m.description().input().count())).batch());
		}
	}

	private static void rewrite(final Path folder,
		final java.util.function.UnaryOperator<ModelDescription.SavedModel> change) throws IOException
	{
		final ModelDescription d = ModelDescriptions.read(folder);
		ModelDescriptions.write(new ModelDescription(d.format(), d.name(), d.architecture(), d.config(), d.task(), d
			.input(), d.output(), d.valueRange(), d.size(), d.tiling(), change.apply(d.savedModel()), d.source(), d
				.license(), d.test()), folder);
	}

	static void copyFolder(final Path from, final Path to) throws IOException {
		try (var files = Files.walk(from)) {
			for (final Path f : (Iterable<Path>) files::iterator) {
				final Path t = to.resolve(from.relativize(f).toString());
				if (Files.isDirectory(f)) Files.createDirectories(t);
				else Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
			}
		}
	}
}
