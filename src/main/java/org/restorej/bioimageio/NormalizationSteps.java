package org.restorej.bioimageio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescription.Normalization;

/**
 * A model's declared normalisation as bioimage.io preprocessing and postprocessing steps, and back.
 * RestoreJ maps raw intensities to the network's value range and the network's output back through the
 * inverse of that map. The format expresses the forward map for every declaration, but the inverse only
 * when it is a fixed affine map ({@code type}, {@code range}): the inverse of a data-dependent map
 * (percentiles, mean and deviation) has no postprocessing step, so such packages return the network's
 * output as it is, and say so.
 */
public final class NormalizationSteps {

	/** The steps, and what the format could not express. */
	public record Steps(List<Map<String, Object>> preprocessing, List<Map<String, Object>> postprocessing,
		List<String> notExpressed) {}

	/** The axes ids of a package's input, for the {@code axes} of statistics. */
	public record AxisIds(String batch, String channel, String y, String x) {
		public static final AxisIds DEFAULT = new AxisIds("batch", "channel", "y", "x");
	}

	private NormalizationSteps() {}

	/**
	 * @param typeScale the raw pixel type's largest value the package assumes for {@code type} (the model's
	 *          {@code valueRange.scale}, e.g. 65535 for 16-bit data); 1 or less: data are float, as they are
	 */
	public static Steps of(final Normalization n, final ModelDescription.ValueRange range) {
		final double low = range == null ? 0 : range.min(), high = range == null ? 1 : range.max();
		final List<Map<String, Object>> pre = new ArrayList<>(), post = new ArrayList<>();
		final List<String> lost = new ArrayList<>();
		switch (n.method()) {
			case Normalization.TYPE, Normalization.RANGE -> {
				final double scale = range == null ? 1 : range.scale();
				final double from0 = n.method().equals(Normalization.RANGE) ? n.min() : 0;
				final double from1 = n.method().equals(Normalization.RANGE) ? n.max() : scale > 1 ? scale : 1;
				final double gain = (high - low) / (from1 - from0), offset = low - from0 * gain;
				if (gain != 1 || offset != 0) {
					pre.add(scaleLinear(gain, offset));
					if (n.invertsOutput()) post.add(scaleLinear(1 / gain, -offset / gain));
				}
				// the clamp to the value range, in the units the output comes out in
				if (n.clipsOutput()) post.add(n.invertsOutput() ? clip((low - offset) / gain, (high - offset) / gain)
					: clip(low, high));
				if (n.method().equals(Normalization.TYPE)) lost.add("the pixel type's range is written for " +
					(scale > 1 ? "integer data of 0.." + (long) scale : "float data") + " (RestoreJ takes it from each " +
					"image's type: 8-bit 0..255, 16-bit 0..65535, float as is)");
			}
			case Normalization.PERCENTILE -> {
				final Map<String, Object> k = new LinkedHashMap<>();
				k.put("axes", statisticsAxes(n, AxisIds.DEFAULT));
				k.put("min_percentile", n.low());
				k.put("max_percentile", n.high());
				pre.add(step("scale_range", k));
				if (low != 0 || high != 1) pre.add(scaleLinear(high - low, low));
				if (n.invertsOutput()) lost.add("the output's way back through the inverse of the percentile mapping " +
					"(it depends on the input's percentiles; format 0.5 has no such step): the package returns the " +
					"network's output, in [" + low + ", " + high + "]");
				if (n.clipsOutput()) post.add(clip(low, high));
				if (n.scope().equals(Normalization.IMAGE)) lost.add("percentiles over a whole stack: a package's " +
					"tensor is one plane, so they are taken per plane");
			}
			case Normalization.STANDARDIZE -> {
				pre.add(step("zero_mean_unit_variance", Map.of("axes", statisticsAxes(n, AxisIds.DEFAULT))));
				if (n.invertsOutput()) lost.add("the output's way back through the inverse of the standardisation " +
					"(it depends on the input's mean and deviation; format 0.5 has no such step): the package returns " +
					"the network's output");
				if (n.clipsOutput()) post.add(clip(low, high));
				if (n.scope().equals(Normalization.IMAGE)) lost.add("statistics over a whole stack: a package's tensor " +
					"is one plane, so they are taken per plane");
			}
			default -> {
				// none: raw values in, network values out
				if (n.clipsOutput()) post.add(clip(low, high));
			}
		}
		return new Steps(pre, post, lost);
	}

	/**
	 * Whether postprocessing steps bring the output back to the input's units (a fixed inverse map); otherwise
	 * the output is the network's, possibly clipped.
	 */
	public static boolean mapsBack(final List<Map<String, Object>> postprocessing) {
		return postprocessing.stream().anyMatch(s -> "scale_linear".equals(s.get("id")) || "fixed_zero_mean_unit_variance"
			.equals(s.get("id")));
	}

	/** The axes one set of statistics spans: y and x, and the channels too unless per channel. */
	static List<String> statisticsAxes(final Normalization n, final AxisIds ids) {
		return Boolean.TRUE.equals(n.perChannel()) ? List.of(ids.y(), ids.x()) : List.of(ids.channel(), ids.y(), ids
			.x());
	}

	static Map<String, Object> scaleLinear(final double gain, final double offset) {
		final Map<String, Object> k = new LinkedHashMap<>();
		k.put("gain", gain);
		k.put("offset", offset);
		return step("scale_linear", k);
	}

	static Map<String, Object> clip(final double min, final double max) {
		final Map<String, Object> k = new LinkedHashMap<>();
		k.put("min", min);
		k.put("max", max);
		return step("clip", k);
	}

	static Map<String, Object> step(final String id, final Map<String, Object> kwargs) {
		final Map<String, Object> s = new LinkedHashMap<>();
		s.put("id", id);
		s.put("kwargs", new LinkedHashMap<>(kwargs));
		return s;
	}
}
