package org.restorej.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.RestoreJException;
import org.restorej.export.ModelExporter;
import org.restorej.model.InvalidModelException;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.restore.SmallModels;
import org.restorej.runtime.DisallowedOpException;
import org.restorej.runtime.ExecutionOptions;
import org.restorej.runtime.GraphBudgetException;
import org.restorej.runtime.LoadedModel;
import org.restorej.runtime.ModelRunException;
import org.restorej.runtime.SavedModelCheck;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.CollectionDef;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Model folders crafted to pass the op allow-list and still harm the host: graphs that declare allocations
 * far beyond their model's size, a saver rewired to write at load time, symbolic links inside the folder,
 * and configurations that would overflow or never finish building. Each is refused before TensorFlow sees it,
 * naming the folder or the value; what TensorFlow itself refuses is reported naming the folder.
 */
class HostileModelFolderTest {

	@TempDir
	static Path dir;
	static Path grey;

	@BeforeAll
	static void model() {
		grey = SmallModels.grey();
	}

	/** A copy of the small grey model whose first meta graph {@code change} edits. */
	private static Path mutated(final String name, final Consumer<MetaGraphDef.Builder> change) throws IOException {
		final Path folder = dir.resolve(name);
		UntrustedModelFolderTest.copyFolder(grey, folder);
		final Path pb = folder.resolve(ModelExporter.SAVED_MODEL_DIR).resolve("saved_model.pb");
		final SavedModel.Builder model = SavedModel.parseFrom(Files.readAllBytes(pb)).toBuilder();
		change.accept(model.getMetaGraphsBuilder(0));
		Files.write(pb, model.build().toByteArray());
		return folder;
	}

	private static Consumer<MetaGraphDef.Builder> adding(final NodeDef... nodes) {
		return meta -> {
			final GraphDef.Builder g = meta.getGraphDefBuilder();
			g.addNode(NodeDef.newBuilder().setName("two").setOp("Const").putAttr("dtype", type(DataType.DT_INT32))
				.putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder().setDtype(DataType.DT_INT32)
					.addIntVal(2)).build()));
			for (final NodeDef n : nodes)
				g.addNode(n);
		};
	}

	private static AttrValue type(final DataType t) {
		return AttrValue.newBuilder().setType(t).build();
	}

	private static TensorShapeProto shape(final long... dims) {
		final TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
		for (final long d : dims)
			s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
		return s.build();
	}

	private static NodeDef pack(final long n) {
		return NodeDef.newBuilder().setName("pack").setOp("Pack").addInput("two").addInput("two").putAttr("N", AttrValue
			.newBuilder().setI(n).build()).putAttr("T", type(DataType.DT_INT32)).putAttr("axis", AttrValue.newBuilder()
				.setI(0).build()).build();
	}

	private static NodeDef constant(final String name, final TensorProto value) {
		return NodeDef.newBuilder().setName(name).setOp("Const").putAttr("dtype", type(value.getDtype())).putAttr(
			"value", AttrValue.newBuilder().setTensor(value).build()).build();
	}

	@Test
	void attributesAndConstantsBeyondWhatTheVariablesImplyAreRefusedBeforeTensorFlow() throws IOException {
		// 2^30 made TensorFlow take 24 GB before it compared N with the two inputs; only the check sees that one
		final Path pack30 = mutated("pack-2^30", adding(pack(1L << 30)));
		final String m = assertThrows(GraphBudgetException.class, () -> SavedModelCheck.check(pack30, pack30.resolve(
			"saved_model"))).getMessage();
		assertTrue(m.contains(pack30.toString()) && m.contains("node 'pack' (Pack) attribute N is 1073741824 with 2 " +
			"inputs"), m);
		// through the loader with a value TensorFlow would survive if the check ever broke
		final Path pack20 = mutated("pack-2^20", adding(pack(1L << 20)));
		assertThrows(GraphBudgetException.class, () -> LoadedModel.load(pack20, ExecutionOptions.cpu()));
		final List<Path> refused = new ArrayList<>();
		refused.add(mutated("splat-constant", adding(constant("zeros", TensorProto.newBuilder().setDtype(
			DataType.DT_FLOAT).setTensorShape(shape(1 << 20, 1 << 20)).addFloatVal(0).build()))));
		refused.add(mutated("huge-integer", adding(constant("dims", TensorProto.newBuilder().setDtype(DataType.DT_INT32)
			.setTensorShape(shape(2)).addIntVal(Integer.MAX_VALUE).addIntVal(Integer.MAX_VALUE).build()))));
		refused.add(mutated("huge-placeholder", adding(NodeDef.newBuilder().setName("p").setOp("Placeholder").putAttr(
			"dtype", type(DataType.DT_FLOAT)).putAttr("shape", AttrValue.newBuilder().setShape(shape(1 << 16, 1 << 16,
				1 << 16)).build()).build())));
		refused.add(mutated("variable-without-weights", adding(NodeDef.newBuilder().setName("big").setOp("VariableV2")
			.putAttr("dtype", type(DataType.DT_FLOAT)).putAttr("shape", AttrValue.newBuilder().setShape(shape(1 << 14,
				1 << 12)).build()).build())));
		for (final Path folder : refused)
			assertThrows(GraphBudgetException.class, () -> SavedModelCheck.check(folder, folder.resolve("saved_model")),
				folder.toString());
		assertTrue(assertThrows(GraphBudgetException.class, () -> SavedModelCheck.check(refused.get(3), refused.get(3)
			.resolve("saved_model"))).getMessage().contains("its variables declare"));
	}

	@Test
	void theSaverIsAcceptedOnlyAsTensorFlowWritesItAndOnlyWhenLoadingCannotReachTheSave() throws IOException {
		SavedModelCheck.check(grey, grey.resolve("saved_model"));
		final Path rewired = mutated("saver-rewired", meta -> {
			meta.getGraphDefBuilder().addNode(constant("names", TensorProto.newBuilder().setDtype(DataType.DT_STRING)
				.setTensorShape(shape(1)).addStringVal(com.google.protobuf.ByteString.copyFromUtf8("x")).build()));
			node(meta, "save/Save").setInput(1, "names");
		});
		final Path controlled = mutated("save-before-restore", meta -> node(meta, "save/restore_all").addInput(
			"^save/Save"));
		final Path mainOp = mutated("save-as-main-op", meta -> meta.putCollectionDef("saved_model_main_op", CollectionDef
			.newBuilder().setNodeList(CollectionDef.NodeList.newBuilder().addValue("save/control_dependency")).build()));
		for (final Path folder : List.of(rewired, controlled, mainOp)) {
			final DisallowedOpException e = assertThrows(DisallowedOpException.class, () -> LoadedModel.load(folder,
				ExecutionOptions.cpu()), folder.toString());
			assertTrue(e.findings().stream().anyMatch(f -> f.node().equals("save/Save")), e.getMessage());
		}
	}

	@Test
	void aSymbolicLinkInsideAModelFolderIsRefusedAndNothingIsWrittenThroughIt() throws IOException {
		final Path other = dir.resolve("other");
		UntrustedModelFolderTest.copyFolder(grey, other);
		final Path linked = dir.resolve("linked-variables");
		UntrustedModelFolderTest.copyFolder(grey, linked);
		final Path variables = linked.resolve("saved_model/variables");
		ModelExporter.deleteRecursively(variables);
		Files.createSymbolicLink(variables, other.resolve("saved_model/variables"));
		final byte[] before = Files.readAllBytes(other.resolve("saved_model/variables/variables.index"));
		final String m = assertThrows(InvalidModelException.class, () -> LoadedModel.load(linked, ExecutionOptions
			.cpu())).getMessage();
		assertTrue(m.contains("symbolic link saved_model/variables"), m);
		final CommandLineTest.Run run = CommandLineTest.run("verify", "--model", linked.toString());
		assertEquals(1, run.exitCode());
		assertTrue(run.err().contains("symbolic link saved_model/variables"), run.err());
		assertEquals(List.of(before.length), List.of(Files.readAllBytes(other.resolve(
			"saved_model/variables/variables.index")).length));
	}

	@Test
	void whatTensorFlowRefusesAtLoadNamesTheModelFolder() throws IOException {
		final Path bogus = mutated("bogus-padding", meta -> {
			for (final NodeDef.Builder n : meta.getGraphDefBuilder().getNodeBuilderList())
				if (n.containsAttr("padding")) n.putAttr("padding", AttrValue.newBuilder().setS(com.google.protobuf.ByteString
					.copyFromUtf8("BOGUS")).build());
		});
		final ModelRunException e = assertThrows(ModelRunException.class, () -> LoadedModel.load(bogus, ExecutionOptions
			.cpu()));
		assertTrue(e.getMessage().contains("could not load the model folder " + bogus) && e.getMessage().contains(
			"import the model again"), e.getMessage());
	}

	@Test
	void configurationsBeyondTheBudgetsAreRefusedBeforeAGraphIsBuilt() throws IOException {
		final String[][] cases = { { "{\"dim\": 2147483647}", "dim is 2147483647, not from 1 to 1024" },
			{ "{\"dim\": 8, \"num_blocks\": [1000000000, 1, 1, 1]}", "num_blocks[0] is 1000000000" },
			{ "{\"dim\": 1099511627824}", "dim must be a whole number, not 1099511627824" },
			{ "{\"dim\": 1024, \"num_blocks\": [100, 100, 100, 100]}", "blocks, more than 512" } };
		for (final String[] c : cases) {
			final Path config = dir.resolve("config.json");
			Files.writeString(config, c[0]);
			final Path out = dir.resolve("imported-" + Math.abs(c[0].hashCode()));
			final CommandLineTest.Run run = CommandLineTest.run("import", "models/demo/restormer-tiny-random.pth",
				"--arch", "restormer", "--config", config.toString(), "-o", out.toString());
			assertEquals(1, run.exitCode(), c[0] + run.err());
			assertTrue(run.err().contains(c[1]), run.err());
			assertFalse(Files.exists(out) || Files.exists(out.resolveSibling(out.getFileName() + ".partial")));
		}
		// an options YAML may not alias lists or maps: that is how a few lines expand without bound
		final Path yaml = dir.resolve("aliased.yml");
		Files.writeString(yaml, "network_g:\n  dim: 8\n  blocks: &b [1, 1, 1, 1]\n  num_blocks: *b\n");
		final CommandLineTest.Run run = CommandLineTest.run("import", "models/demo/restormer-tiny-random.pth", "--arch",
			"restormer", "--config", yaml.toString(), "-o", dir.resolve("aliased").toString());
		assertEquals(1, run.exitCode());
		assertTrue(run.err().contains("Config file " + yaml + " is not valid YAML") && run.err().contains("aliases"), run
			.err());
	}

	@Test
	void modelJsonSizesThatWouldOverflowAreRefusedByName() throws IOException {
		final Path folder = dir.resolve("huge-tile");
		UntrustedModelFolderTest.copyFolder(grey, folder);
		final ModelDescription d = ModelDescriptions.read(folder);
		ModelDescriptions.write(new ModelDescription(d.format(), d.name(), d.architecture(), d.config(), d.task(), d
			.input(), d.output(), d.valueRange(), d.size(), new ModelDescription.Tiling(Integer.MAX_VALUE, 8), d
				.savedModel(), d.source(), d.license(), d.test(), d.normalization()), folder);
		final String m = assertThrows(RestoreJException.class, () -> ModelDescriptions.read(folder)).getMessage();
		assertTrue(m.contains("tiling.tileSize is 2147483647, not from 1 to 8192"), m);
		Files.writeString(folder.resolve(ModelDescription.FILE_NAME), " ".repeat(ModelDescriptions.MAX_BYTES + 1));
		assertTrue(assertThrows(InvalidModelException.class, () -> ModelDescriptions.read(folder)).getMessage()
			.contains("more than the " + ModelDescriptions.MAX_BYTES));
	}

	/**
	 * Seeded mutants of the graph's attributes (integers, lists, types, strings, flags, shapes, constants), each
	 * loaded and run: a RestoreJ error or a model that runs, nothing else. Integers stay small enough that a
	 * mutant the budgets let through cannot take the machine's memory.
	 */
	@Test
	void attributeMutantsEndInACleanErrorOrAModelThatRuns() throws IOException {
		final java.util.Random random = new java.util.Random(2909);
		final long[] integers = { -2, -1, 0, 3, 1000, 1L << 20, 1L << 40 };
		final DataType[] types = { DataType.DT_INT32, DataType.DT_STRING, DataType.DT_DOUBLE, DataType.DT_HALF };
		int clean = 0, fine = 0;
		final List<String> other = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			final String[] what = new String[1];
			final Path folder = mutated("attribute-" + i, meta -> {
				final List<NodeDef.Builder> nodes = meta.getGraphDefBuilder().getNodeBuilderList().stream().filter(n -> n
					.getAttrCount() > 0).toList();
				final NodeDef.Builder n = nodes.get(random.nextInt(nodes.size()));
				final String key = new ArrayList<>(new java.util.TreeSet<>(n.getAttrMap().keySet())).get(random
					.nextInt(n.getAttrCount()));
				final AttrValue v = n.getAttrMap().get(key);
				final AttrValue.Builder m = v.toBuilder();
				switch (v.getValueCase()) {
					case I -> m.setI(integers[random.nextInt(integers.length)]);
					case TYPE -> m.setType(types[random.nextInt(types.length)]);
					case S -> m.setS(com.google.protobuf.ByteString.copyFromUtf8("BOGUS"));
					case B -> m.setB(!v.getB());
					case SHAPE -> m.setShape(v.getShape().toBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(
						integers[random.nextInt(integers.length)])));
					case TENSOR -> m.setTensor(random.nextBoolean() ? v.getTensor().toBuilder().setDtype(types[random.nextInt(
						types.length)]) : v.getTensor().toBuilder().setTensorShape(shape(integers[random.nextInt(
							integers.length)])));
					case LIST -> {
						if (v.getList().getICount() > 0) m.getListBuilder().setI(random.nextInt(v.getList().getICount()),
							integers[random.nextInt(integers.length)]);
						else m.getListBuilder().addType(types[random.nextInt(types.length)]);
					}
					default -> m.setI(integers[random.nextInt(integers.length)]);
				}
				n.putAttr(key, m.build());
				what[0] = n.getName() + "." + key + " = " + m.build().toString().replace('\n', ' ');
			});
			try (LoadedModel model = LoadedModel.load(folder, ExecutionOptions.cpu())) {
				model.run(org.restorej.array.NhwcArray.zeros(1, 8, 8, 1));
				fine++;
			}
			catch (final RestoreJException e) {
				clean++;
			}
			catch (final RuntimeException | Error e) {
				other.add(what[0] + ": " + e);
			}
			ModelExporter.deleteRecursively(folder);
		}
		System.out.println("SavedModel attributes: 40 mutants, " + clean + " clean errors, " + fine + " ran, " + other
			.size() + " anything else");
		assertEquals(List.of(), other);
	}

	private static NodeDef.Builder node(final MetaGraphDef.Builder meta, final String name) {
		for (final NodeDef.Builder n : meta.getGraphDefBuilder().getNodeBuilderList())
			if (n.getName().equals(name)) return n;
		throw new AssertionError("no node " + name);
	}
}
