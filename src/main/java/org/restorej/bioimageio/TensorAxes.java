package org.restorej.bioimageio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.restorej.model.ModelDescription;

/**
 * A package tensor's axes as RestoreJ runs them: batch, y, x, channel (NHWC, the SavedModel's layout), sides
 * of {@code min + n * step} (x possibly equal to y), and for an output the halo. Other layouts, fixed sides
 * and resampling outputs are collected as unsupported features.
 */
record TensorAxes(NormalizationSteps.AxisIds ids, int min, int step, boolean square, List<String> channelNames,
	int halo)
{
	boolean accepts(final int height, final int width) {
		return height >= min && (height - min) % step == 0 && width >= min && (width - min) % step == 0 && (!square ||
			height == width);
	}

	/** The largest side a package may declare for its axes or tiles: tiles of it still count in int and long. */
	static final int MAX_SIDE = ModelDescription.Tiling.MAX_TILE;

	static TensorAxes input(final List<Map<String, Object>> axes, final List<String> unsupported, final Path where) {
		if (!layout(axes, "input", unsupported)) return null;
		final String y = id(axes.get(1)), x = id(axes.get(2));
		int min = 1, step = 1;
		boolean square = false;
		final Object ys = axes.get(1).get("size"), xs = axes.get(2).get("size");
		if (ys == null) throw new InvalidPackageException(where, "inputs[0].axes[1].size (the y axis's size) is " +
			"missing");
		if (ys instanceof Map<?, ?> m && m.containsKey("min") && m.containsKey("step")) {
			min = whole(m.get("min"), "inputs[0].axes[1].size.min", 1, MAX_SIDE, where);
			step = whole(m.get("step"), "inputs[0].axes[1].size.step", 1, MAX_SIDE, where);
			if (min % step != 0) unsupported.add("input sides of " + min + " + n * " + step + " (RestoreJ's size rule is " +
				"a multiple: min must be a multiple of step)");
		}
		else unsupported.add("input y size " + ys + " (RestoreJ needs min and step; fixed sizes are not supported)");
		if (xs instanceof Map<?, ?> m && m.get("axis_id") != null) {
			if (!y.equals(m.get("axis_id")) || m.get("offset") instanceof Number o && o.doubleValue() != 0) unsupported.add(
				"input x size " + xs);
			square = true;
		}
		else if (!Objects.equals(ys, xs)) unsupported.add("input x size " + xs + " different from y's " + ys + " (RestoreJ has " +
			"one size rule for both)");
		return new TensorAxes(new NormalizationSteps.AxisIds(id(axes.get(0)), id(axes.get(3)), y, x), min, step, square,
			names(axes.get(3)), 0);
	}

	static TensorAxes output(final List<Map<String, Object>> axes, final String inputId, final TensorAxes input,
		final List<String> unsupported, final Path where)
	{
		if (!layout(axes, "output", unsupported) || input == null) return null;
		int halo = 0;
		for (int a = 1; a <= 2; a++) {
			final Map<String, Object> axis = axes.get(a);
			final String wanted = a == 1 ? input.ids().y() : input.ids().x();
			if (!(axis.get("size") instanceof Map<?, ?> ref && inputId.equals(ref.get("tensor_id")) && wanted.equals(ref
				.get("axis_id")) && !(ref.get("offset") instanceof Number o && o.doubleValue() != 0))) unsupported.add(
					"output " + id(axis) + " size " + axis.get("size") + " (RestoreJ's outputs have the input's sides)");
			if (axis.get("scale") instanceof Number s && s.doubleValue() != 1) unsupported.add("output " + id(axis) +
				" scale " + s + " (RestoreJ's outputs have the input's pixel size)");
			if (axis.containsKey("halo")) halo = Math.max(halo, whole(axis.get("halo"), "outputs[0].axes[" + a + "].halo", 0,
				MAX_SIDE, where));
		}
		return new TensorAxes(input.ids(), input.min(), input.step(), input.square(), names(axes.get(3)), halo);
	}

	/**
	 * A whole number field of the package in {@code [low, high]}, refused by name otherwise (a float, a string,
	 * or a value such as 2^40 that would silently truncate to an int).
	 */
	static int whole(final Object value, final String field, final int low, final int high, final Path where) {
		if (!(value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger ||
			value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) || ((Number) value)
				.doubleValue() < low || ((Number) value).doubleValue() > high) throw new InvalidPackageException(where,
					field + " is " + value + ", not a whole number from " + low + " to " + high);
		return ((Number) value).intValue();
	}

	/** Whether the axes are batch, y, x, channel; else says which they are. */
	private static boolean layout(final List<Map<String, Object>> axes, final String which,
		final List<String> unsupported)
	{
		final List<String> seen = new ArrayList<>();
		for (final Map<String, Object> a : axes)
			seen.add(a.get("type") + ("space".equals(a.get("type")) ? " " + id(a) : ""));
		if (seen.equals(List.of("batch", "space y", "space x", "channel"))) return true;
		unsupported.add(which + " axes " + seen + (seen.equals(List.of("batch", "channel", "space y", "space x"))
			? " (NCHW; RestoreJ runs NHWC: batch, y, x, channel)" : " (RestoreJ runs batch, y, x, channel)"));
		return false;
	}

	private static String id(final Map<String, Object> axis) {
		final Object id = axis.get("id");
		return id != null ? id.toString() : switch (String.valueOf(axis.get("type"))) {
			case "batch" -> "batch";
			case "channel" -> "channel";
			default -> "x";
		};
	}

	private static List<String> names(final Map<String, Object> channel) {
		final List<String> names = new ArrayList<>();
		if (channel.get("channel_names") instanceof List<?> l) for (final Object o : l)
			names.add(String.valueOf(o));
		return names;
	}
}
