package org.restorej.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * What a SavedModel's graph may declare, derived from what it holds: its variables (their declared sizes
 * must fit in the {@code variables/} files, the one size on disk the graph cannot lie about), then every
 * constant, shape attribute and integer in the graph against budgets of that size. TensorFlow allocates from
 * such declarations before it runs anything (a Pack node's {@code N}, a constant's shape), and native memory
 * is not bounded by the JVM's {@code -Xmx}, so a graph that declares more than its model needs is refused
 * before TensorFlow reads it.
 *
 * @param elements the most elements a constant or shape may declare
 * @param integer the largest magnitude of an integer attribute or integer constant (axes, strides, shapes)
 */
record GraphBudget(long elements, long integer) {

	/** Floors: RestoreJ's smallest exports still hold masks and shape constants of this size. */
	static final long MIN_ELEMENTS = 1 << 22, MIN_INTEGER = 1 << 16;

	/** Budgets for a graph whose variables declare {@code parameters} floats, the widest side {@code widest}. */
	static GraphBudget of(final long parameters, final long widest) {
		return new GraphBudget(Math.max(MIN_ELEMENTS, parameters), Math.max(MIN_INTEGER, 4 * widest));
	}

	/**
	 * @return the problem, or null if the graph keeps to budgets derived from its variables
	 */
	static String problem(final GraphDef graph, final Path savedModelDir) throws IOException {
		long parameters = 0, widest = 0;
		for (final NodeDef n : graph.getNodeList())
			if (n.getOp().equals("VariableV2")) {
				final TensorShapeProto shape = n.getAttrOrDefault("shape", AttrValue.getDefaultInstance()).getShape();
				long size = 1;
				for (final TensorShapeProto.Dim d : shape.getDimList()) {
					if (d.getSize() < 0) return "variable '" + n.getName() + "' has the shape " + dims(shape);
					size = multiply(size, d.getSize());
					widest = Math.max(widest, d.getSize());
				}
				parameters = size > Long.MAX_VALUE - parameters ? Long.MAX_VALUE : parameters + size;
			}
		final long stored = variableBytes(savedModelDir);
		if (parameters > stored / Float.BYTES) return "its variables declare " + parameters + " values, but its " +
			"variables folder holds only " + stored + " bytes";
		final GraphBudget budget = of(parameters, widest);
		for (final NodeDef n : graph.getNodeList()) {
			final String p = budget.problem(n);
			if (p != null) return p;
		}
		for (final FunctionDef f : graph.getLibrary().getFunctionList())
			for (final NodeDef n : f.getNodeDefList()) {
				final String p = budget.problem(n);
				if (p != null) return p + " in function '" + f.getSignature().getName() + "'";
			}
		return null;
	}

	private String problem(final NodeDef n) {
		final long dataInputs = n.getInputList().stream().filter(i -> !i.startsWith("^")).count();
		for (final Map.Entry<String, AttrValue> a : n.getAttrMap().entrySet()) {
			final String where = "node '" + n.getName() + "' (" + n.getOp() + ") attribute " + a.getKey();
			final AttrValue v = a.getValue();
			// N counts a list input: TensorFlow sizes the list by it before comparing it with the inputs
			if (a.getKey().equals("N") && v.getValueCase() == AttrValue.ValueCase.I && (v.getI() < 0 || v
				.getI() > dataInputs)) return where + " is " + v.getI() + " with " + dataInputs + " inputs";
			if (v.getValueCase() == AttrValue.ValueCase.I && magnitude(v.getI()) > integer) return where + " is " + v
				.getI();
			for (final long i : v.getList().getIList())
				if (magnitude(i) > integer) return where + " holds " + i;
			final String shapes = shapes(where, v.getValueCase() == AttrValue.ValueCase.SHAPE ? List.of(v.getShape())
				: v.getList().getShapeList());
			if (shapes != null) return shapes;
			for (final TensorProto t : v.getValueCase() == AttrValue.ValueCase.TENSOR ? List.of(v.getTensor()) : v
				.getList().getTensorList())
			{
				final String p = tensor(where, t);
				if (p != null) return p;
			}
		}
		return null;
	}

	private String shapes(final String where, final List<TensorShapeProto> shapes) {
		for (final TensorShapeProto s : shapes) {
			long size = 1;
			for (final TensorShapeProto.Dim d : s.getDimList()) {
				if (d.getSize() < -1) return where + " has the shape " + dims(s);
				if (d.getSize() > 0) size = multiply(size, d.getSize());
			}
			if (size > elements) return where + " declares the shape " + dims(s) + ", more than " + elements +
				" elements";
		}
		return null;
	}

	private String tensor(final String where, final TensorProto t) {
		final String shape = shapes(where, List.of(t.getTensorShape()));
		if (shape != null) return shape;
		for (final TensorShapeProto.Dim d : t.getTensorShape().getDimList())
			if (d.getSize() < 0) return where + " has the shape " + dims(t.getTensorShape());
		final boolean int32 = t.getDtype() == DataType.DT_INT32, int64 = t.getDtype() == DataType.DT_INT64;
		if (!int32 && !int64) return null;
		final ByteBuffer content = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
		long largest = 0;
		while (content.remaining() >= (int32 ? 4 : 8))
			largest = Math.max(largest, magnitude(int32 ? content.getInt() : content.getLong()));
		for (final int i : t.getIntValList())
			largest = Math.max(largest, magnitude(i));
		for (final long i : t.getInt64ValList())
			largest = Math.max(largest, magnitude(i));
		return largest > integer ? where + " holds the integer " + largest + ", more than " + integer : null;
	}

	private static long variableBytes(final Path savedModelDir) throws IOException {
		final Path variables = savedModelDir.resolve("variables");
		if (!Files.isDirectory(variables)) return 0;
		try (Stream<Path> files = Files.list(variables)) {
			long sum = 0;
			for (final Path f : files.filter(Files::isRegularFile).toList())
				sum += Files.size(f);
			return sum;
		}
	}

	private static long magnitude(final long v) {
		return v == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(v);
	}

	/** A product that saturates instead of overflowing (only compared with budgets). */
	private static long multiply(final long a, final long b) {
		return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
	}

	private static String dims(final TensorShapeProto s) {
		return s.getUnknownRank() ? "[?]" : s.getDimList().stream().map(d -> Long.toString(d.getSize())).toList()
			.toString();
	}
}
