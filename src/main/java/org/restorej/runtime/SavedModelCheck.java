package org.restorej.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.restorej.model.InvalidModelException;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;

/**
 * Checks a SavedModel's program before anything runs it: every op of every meta graph, including the
 * functions of the graph's library, must be one that RestoreJ's own exports use (the resource
 * {@code allowed-ops.txt}). The file is parsed as a protocol buffer; TensorFlow does not see it.
 *
 * <p>
 * The saver's own {@code SaveV2} and {@code RestoreV2} nodes are the one exception: loading runs the
 * restore op to read the {@code variables/} folder. They are accepted only in the exact form TensorFlow's
 * saver writes them (file name from the saver's placeholder, tensor names and slices from the saver's own
 * constant, variables as the values saved), and only if nothing that loading or a signature runs reaches the
 * save node, through data or control edges: otherwise loading would write the variables somewhere. Any other
 * save or restore node is refused.
 *
 * <p>
 * Then the graph must keep to the budgets its variables imply ({@link GraphBudget}).
 */
public final class SavedModelCheck {

	/** RestoreJ's exports, derived as {@code allowed-ops.txt} says. */
	public static final Set<String> ALLOWED_OPS = readAllowList();

	/** Only as the saver's own nodes. */
	static final Set<String> SAVER_OPS = Set.of("SaveV2", "RestoreV2");

	private SavedModelCheck() {}

	/**
	 * @throws DisallowedOpException naming each op outside the allow-list
	 * @throws InvalidModelException if {@code saved_model.pb} cannot be read as a SavedModel
	 */
	public static void check(final Path modelDir, final Path savedModelDir) {
		final Path pb = savedModelDir.resolve("saved_model.pb");
		final SavedModel model;
		try (InputStream in = Files.newInputStream(pb)) {
			model = SavedModel.parseFrom(in);
		}
		catch (final IOException e) {
			throw new InvalidModelException(pb, "it is not a SavedModel (" + e.getMessage() + ")");
		}
		final List<DisallowedOpException.Finding> refused = new ArrayList<>();
		for (final MetaGraphDef meta : model.getMetaGraphsList())
			refused.addAll(findings(meta));
		if (!refused.isEmpty()) throw new DisallowedOpException(modelDir, refused);
		for (final MetaGraphDef meta : model.getMetaGraphsList()) {
			final String problem;
			try {
				problem = GraphBudget.problem(meta.getGraphDef(), savedModelDir);
			}
			catch (final IOException e) {
				throw new InvalidModelException(pb, "its variables folder cannot be read (" + e.getMessage() + ")");
			}
			if (problem != null) throw new GraphBudgetException(modelDir, problem);
		}
	}

	/** The ops of a meta graph's nodes and library functions, sorted (how the allow-list was derived). */
	public static Set<String> ops(final Path savedModelDir) throws IOException {
		final Set<String> ops = new TreeSet<>();
		try (InputStream in = Files.newInputStream(savedModelDir.resolve("saved_model.pb"))) {
			for (final MetaGraphDef meta : SavedModel.parseFrom(in).getMetaGraphsList()) {
				meta.getGraphDef().getNodeList().forEach(n -> ops.add(n.getOp()));
				for (final FunctionDef f : meta.getGraphDef().getLibrary().getFunctionList())
					f.getNodeDefList().forEach(n -> ops.add(n.getOp()));
			}
		}
		return ops;
	}

	private static List<DisallowedOpException.Finding> findings(final MetaGraphDef meta) {
		final List<DisallowedOpException.Finding> refused = new ArrayList<>();
		final Map<String, NodeDef> nodes = new HashMap<>();
		for (final NodeDef n : meta.getGraphDef().getNodeList())
			nodes.put(n.getName(), n);
		final Set<String> saverNodes = saverNodes(meta, nodes);
		for (final NodeDef n : meta.getGraphDef().getNodeList())
			if (!ALLOWED_OPS.contains(n.getOp()) && !saverNodes.contains(n.getName())) refused.add(
				new DisallowedOpException.Finding(n.getOp(), n.getName(), null));
		// a function's nodes are checked whether or not anything calls it: a call site may hide in an attribute
		for (final FunctionDef f : meta.getGraphDef().getLibrary().getFunctionList())
			for (final NodeDef n : f.getNodeDefList())
				if (!ALLOWED_OPS.contains(n.getOp())) refused.add(new DisallowedOpException.Finding(n.getOp(), n
					.getName(), f.getSignature().getName()));
		return refused;
	}

	/**
	 * The saver's save and restore nodes, if they have exactly the form TensorFlow's saver writes
	 * ({@code save/Save: SaveV2(save/filename, save/Const, save/ZerosLike, variables...)}, {@code save/Restore:
	 * RestoreV2(save/filename, save/Const, save/ZerosLike)}, without control inputs) and the save node is
	 * reachable from nothing loading or a signature runs; else none, so that both are refused.
	 */
	private static Set<String> saverNodes(final MetaGraphDef meta, final Map<String, NodeDef> nodes) {
		final SaverDef saver = meta.getSaverDef();
		final String filename = nodeName(saver.getFilenameTensorName());
		final NodeDef filenameNode = nodes.get(filename);
		if (filenameNode == null || !filenameNode.getOp().equals("Placeholder") || filenameNode.getInputCount() > 0)
			return Set.of();
		final String scope = filename.contains("/") ? filename.substring(0, filename.lastIndexOf('/') + 1) : "";
		final String names = scope + "Const", slices = scope + "ZerosLike";
		final NodeDef namesNode = nodes.get(names), slicesNode = nodes.get(slices);
		if (namesNode == null || !namesNode.getOp().equals("Const") || namesNode.getInputCount() > 0 ||
			slicesNode == null || !slicesNode.getOp().equals("ZerosLike") || !slicesNode.getInputList().equals(List.of(
				names))) return Set.of();
		final List<String> fixed = List.of(filename, names, slices);
		final Set<String> accepted = new HashSet<>();
		final NodeDef restore = nodes.get(scope + "Restore");
		if (restore != null && restore.getOp().equals("RestoreV2") && restore.getInputList().equals(fixed)) accepted
			.add(restore.getName());
		final NodeDef save = nodes.get(scope + "Save");
		if (save != null && save.getOp().equals("SaveV2") && save.getInputCount() >= 3 && save.getInputList().subList(0,
			3).equals(fixed) && save.getInputList().subList(3, save.getInputCount()).stream().allMatch(v -> nodes.containsKey(
				v) && nodes.get(v).getOp().equals("VariableV2")) && !reachedAtLoadOrRun(meta, nodes).contains(save
					.getName())) accepted.add(save.getName());
		return accepted;
	}

	/**
	 * Every node that loading (the restore op, the init and main ops of the collections) or a signature may run
	 * depends on, through data and control inputs.
	 */
	private static Set<String> reachedAtLoadOrRun(final MetaGraphDef meta, final Map<String, NodeDef> nodes) {
		final ArrayDeque<String> open = new ArrayDeque<>();
		open.add(meta.getSaverDef().getRestoreOpName());
		meta.getCollectionDefMap().values().forEach(c -> open.addAll(c.getNodeList().getValueList()));
		for (final SignatureDef sig : meta.getSignatureDefMap().values()) {
			sig.getInputsMap().values().forEach(t -> open.add(t.getName()));
			sig.getOutputsMap().values().forEach(t -> open.add(t.getName()));
		}
		final Set<String> reached = new HashSet<>();
		while (!open.isEmpty()) {
			final String name = nodeName(open.poll().replaceFirst("^\\^", ""));
			if (!reached.add(name)) continue;
			final NodeDef n = nodes.get(name);
			if (n != null) open.addAll(n.getInputList());
		}
		return reached;
	}

	/** {@code save/filename:0} to {@code save/filename}. */
	private static String nodeName(final String tensor) {
		final int colon = tensor.lastIndexOf(':');
		return colon < 0 ? tensor : tensor.substring(0, colon);
	}

	private static Set<String> readAllowList() {
		try (InputStream in = SavedModelCheck.class.getResourceAsStream("allowed-ops.txt")) {
			if (in == null) throw new IllegalStateException("allowed-ops.txt is missing from the RestoreJ jar");
			final Set<String> ops = new TreeSet<>();
			for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				final String op = line.strip();
				if (!op.isEmpty() && !op.startsWith("#")) ops.add(op);
			}
			return Set.copyOf(ops);
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
