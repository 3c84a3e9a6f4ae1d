package org.restorej.bioimageio.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.restorej.model.ModelDescription;

/**
 * The 0.5-style axes of a RestoreJ model's input and output: batch, y, x, channel, in the order of the
 * SavedModel's NHWC tensors. Sides are {@code min + n * step} with {@code step} the size rule's multiple;
 * the output's sides are the input's with the tiling suggestion's halo. The format requires a side minus
 * twice the halo to be positive, so {@code min} is the smallest multiple of the step above twice the halo.
 */
record PackageAxes(int step, int min, int halo, boolean square, List<String> inputChannels,
	List<String> outputChannels)
{
	static final String INPUT = "input", OUTPUT = "output";

	static PackageAxes of(final ModelDescription d) {
		final int step = Math.max(1, d.size().multiple());
		final int halo = d.tiling() == null ? 0 : d.tiling().halo();
		final int min = (2 * halo / step + 1) * step;
		return new PackageAxes(step, min, halo, d.size().square(), names(d.input()), names(d.output()));
	}

	/**
	 * Channel names: the model's meanings as identifiers (the format's rule: letters, digits, underscores, not
	 * starting with a digit), e.g. {@code left_R}, where they are distinct; else c0, c1, ...
	 */
	private static List<String> names(final ModelDescription.Channels c) {
		final List<String> names = new ArrayList<>();
		for (int i = 0; i < c.count(); i++)
			names.add(c.meaning() != null && c.meaning().size() == c.count() && !c.meaning().get(i).isBlank()
				? identifier(c.meaning().get(i)) : "c" + i);
		return names.stream().distinct().count() == names.size() ? names : names.stream().map(n -> "c" + names.indexOf(
			n)).toList();
	}

	private static String identifier(final String meaning) {
		final String s = meaning.trim().replaceAll("[^A-Za-z0-9_]+", "_");
		return Character.isDigit(s.charAt(0)) ? "c" + s : s;
	}

	/** The side of the test tensors: the smallest allowed one of at least 128 pixels. */
	int testSide() {
		int side = min;
		while (side < 128)
			side += step;
		return side;
	}

	List<Map<String, Object>> input() {
		final List<Map<String, Object>> axes = new ArrayList<>();
		axes.add(Map.of("type", "batch"));
		final Map<String, Object> size = new LinkedHashMap<>();
		size.put("min", min);
		size.put("step", step);
		axes.add(space("y", size));
		axes.add(space("x", square ? reference(INPUT, "y") : size));
		axes.add(channel(inputChannels));
		return axes;
	}

	List<Map<String, Object>> output() {
		final List<Map<String, Object>> axes = new ArrayList<>();
		axes.add(Map.of("type", "batch"));
		for (final String id : List.of("y", "x")) {
			final Map<String, Object> a = space(id, reference(INPUT, id));
			if (halo > 0) a.put("halo", halo);
			axes.add(a);
		}
		axes.add(channel(outputChannels));
		return axes;
	}

	private static Map<String, Object> space(final String id, final Object size) {
		final Map<String, Object> a = new LinkedHashMap<>();
		a.put("type", "space");
		a.put("id", id);
		a.put("size", size);
		return a;
	}

	private static Map<String, Object> reference(final String tensor, final String axis) {
		final Map<String, Object> r = new LinkedHashMap<>();
		r.put("tensor_id", tensor);
		r.put("axis_id", axis);
		return r;
	}

	private static Map<String, Object> channel(final List<String> names) {
		final Map<String, Object> a = new LinkedHashMap<>();
		a.put("type", "channel");
		a.put("channel_names", names);
		return a;
	}
}
