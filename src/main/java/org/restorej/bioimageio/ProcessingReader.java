package org.restorej.bioimageio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescription.Normalization;

/**
 * A package's preprocessing and postprocessing as the normalisation RestoreJ's engine applies: the input
 * mapped by one affine map per channel (fixed, from percentiles, or from mean and deviation) into the value
 * range, the output either as the network gives it or back through the inverse of that map, optionally
 * clamped. Anything else is collected as an unsupported feature, by name.
 */
final class ProcessingReader {

	/** The declaration and the value range it maps to. */
	record Declared(Normalization normalization, ModelDescription.ValueRange range) {}

	private record Linear(double gain, double offset) {}

	private ProcessingReader() {}

	/**
	 * @param unsupported receives a sentence for every step RestoreJ cannot apply
	 * @return the declaration, or null if something was unsupported
	 */
	static Declared read(final List<Map<String, Object>> pre, final List<Map<String, Object>> post,
		final NormalizationSteps.AxisIds ids, final String inputId, final List<String> unsupported)
	{
		final int before = unsupported.size();
		final List<Map<String, Object>> in = withoutFloatCasts(pre, "preprocessing", unsupported);
		final List<Map<String, Object>> out = new ArrayList<>(withoutFloatCasts(post, "postprocessing", unsupported));
		double[] clip = null;
		if (!out.isEmpty() && "clip".equals(out.get(out.size() - 1).get("id"))) {
			final Map<String, Object> k = kwargs(out.remove(out.size() - 1));
			if (!(k.get("min") instanceof Number lo && k.get("max") instanceof Number hi) || k.containsKey(
				"min_percentile") || k.containsKey("max_percentile")) unsupported.add("postprocessing clip needs both " +
					"min and max as numbers (RestoreJ clamps to fixed bounds), not " + k);
			else clip = new double[] { lo.doubleValue(), hi.doubleValue() };
		}
		for (final Map<String, Object> s : in)
			if (!List.of("scale_linear", "fixed_zero_mean_unit_variance", "scale_range", "zero_mean_unit_variance")
				.contains(s.get("id"))) unsupported.add("preprocessing step " + s.get("id"));
		for (final Map<String, Object> s : out)
			if (!"scale_linear".equals(s.get("id"))) unsupported.add("postprocessing step " + s.get("id") + (s.get(
				"id").equals("clip") ? " before another step" : ""));
		if (unsupported.size() > before) return null;
		final Declared d = declare(in, out, clip, ids, inputId, unsupported);
		return unsupported.size() > before ? null : d;
	}

	private static Declared declare(final List<Map<String, Object>> in, final List<Map<String, Object>> out,
		final double[] clip, final NormalizationSteps.AxisIds ids, final String inputId, final List<String> unsupported)
	{
		final String kinds = in.stream().map(s -> String.valueOf(s.get("id"))).toList().toString();
		Linear affine = null;
		Normalization n;
		double low = 0, high = 1;
		if (in.isEmpty()) {
			n = Normalization.none();
			affine = new Linear(1, 0);
		}
		else if (in.size() == 1 && isFixed(in.get(0))) {
			affine = linear(in.get(0), unsupported);
			if (affine == null) return null;
			n = null;
		}
		else if (in.get(0).get("id").equals("scale_range") && (in.size() == 1 || in.size() == 2 && in.get(1).get("id")
			.equals("scale_linear")))
		{
			final Map<String, Object> k = kwargs(in.get(0));
			final Object ref = k.get("reference_tensor");
			if (ref != null && !ref.equals(inputId)) unsupported.add("scale_range with reference_tensor " + ref);
			final boolean[] scope = scope(k.get("axes"), ids, "scale_range", unsupported);
			if (scope == null || ref != null && !ref.equals(inputId)) return null;
			n = Normalization.percentile(number(k, "min_percentile", 0), number(k, "max_percentile", 100), scope[0]
				? Normalization.IMAGE : Normalization.PLANE, scope[1]);
			if (in.size() == 2) {
				final Linear then = linear(in.get(1), unsupported);
				if (then == null) return null;
				low = then.offset();
				high = then.gain() + then.offset();
			}
		}
		else if (in.size() == 1 && in.get(0).get("id").equals("zero_mean_unit_variance")) {
			final boolean[] scope = scope(kwargs(in.get(0)).get("axes"), ids, "zero_mean_unit_variance", unsupported);
			if (scope == null) return null;
			n = Normalization.standardize(scope[0] ? Normalization.IMAGE : Normalization.PLANE, scope[1]);
		}
		else {
			unsupported.add("preprocessing " + kinds + " (RestoreJ applies one of scale_linear, " +
				"fixed_zero_mean_unit_variance, scale_range (optionally followed by scale_linear), zero_mean_unit_variance)");
			return null;
		}
		if (affine != null && affine.gain() <= 0) {
			unsupported.add("preprocessing with a gain of " + affine.gain() + " (RestoreJ needs a positive one)");
			return null;
		}
		// the output: as the network gives it, or back through the inverse of a fixed input map
		boolean inverse = false;
		if (!out.isEmpty()) {
			final Linear back = out.size() == 1 ? linear(out.get(0), unsupported) : null;
			if (back == null) {
				if (out.size() != 1) unsupported.add("postprocessing of " + out.size() + " scale_linear steps");
				return null;
			}
			if (affine == null || !inverts(back, affine)) {
				unsupported.add("postprocessing scale_linear(gain " + back.gain() + ", offset " + back.offset() + ") that " +
					"is not the inverse of the preprocessing (RestoreJ maps the output back through that inverse, or not " +
					"at all)");
				return null;
			}
			inverse = !(affine.gain() == 1 && affine.offset() == 0);
		}
		if (affine != null) {
			// a fixed map: raw a and b become the network's a*g+o and b*g+o; with a clip, [a, b] are its bounds
			final double a, b;
			if (clip == null) {
				low = 0;
				high = 1;
			}
			else if (inverse) {
				low = clip[0] * affine.gain() + affine.offset();
				high = clip[1] * affine.gain() + affine.offset();
			}
			else {
				low = clip[0];
				high = clip[1];
			}
			a = (low - affine.offset()) / affine.gain();
			b = (high - affine.offset()) / affine.gain();
			if (!(b > a)) {
				unsupported.add("postprocessing clip with min " + clip[0] + " not below max " + clip[1]);
				return null;
			}
			n = affine.gain() == 1 && affine.offset() == 0 && n != null ? n : Normalization.fixedRange(a, b);
		}
		else if (clip != null) {
			if (n.method().equals(Normalization.PERCENTILE) && (clip[0] != low || clip[1] != high)) {
				unsupported.add("postprocessing clip to [" + clip[0] + ", " + clip[1] + "] after scale_range to [" + low +
					", " + high + "] (RestoreJ clamps to the range the input was mapped to)");
				return null;
			}
			low = clip[0];
			high = clip[1];
		}
		if (!inverse) n = n.withOutputAsIs();
		if (clip != null) n = n.withClip();
		return new Declared(n, new ModelDescription.ValueRange(low, high, 1, "bioimage.io package: preprocessing " +
			kinds + ", postprocessing " + (out.isEmpty() ? "none" : "the inverse scale_linear") + (clip == null ? ""
				: ", then clip to [" + clip[0] + ", " + clip[1] + "]")));
	}

	private static boolean isFixed(final Map<String, Object> step) {
		return step.get("id").equals("scale_linear") || step.get("id").equals("fixed_zero_mean_unit_variance");
	}

	/** A fixed step as one gain and offset: scalars, or one value per channel that are all equal. */
	private static Linear linear(final Map<String, Object> step, final List<String> unsupported) {
		final Map<String, Object> k = kwargs(step);
		final boolean zmuv = step.get("id").equals("fixed_zero_mean_unit_variance");
		final Double a = single(k.get(zmuv ? "mean" : "gain"), zmuv ? 0 : 1), b = single(k.get(zmuv ? "std" : "offset"),
			zmuv ? 1 : 0);
		if (a == null || b == null) {
			unsupported.add(step.get("id") + " with different values per channel (" + k + ")");
			return null;
		}
		return zmuv ? new Linear(1 / b, -a / b) : new Linear(a, b);
	}

	private static boolean inverts(final Linear back, final Linear forward) {
		return close(back.gain() * forward.gain(), 1) && close(back.gain() * forward.offset() + back.offset(), 0);
	}

	private static boolean close(final double a, final double b) {
		return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
	}

	private static Double single(final Object value, final double absent) {
		if (value == null) return absent;
		if (value instanceof Number n) return n.doubleValue();
		if (value instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(v -> v instanceof Number) && l.stream()
			.map(v -> ((Number) v).doubleValue()).distinct().count() == 1) return ((Number) l.get(0)).doubleValue();
		return null;
	}

	/**
	 * Which statistics the axes ask for: {@code [over the batch (RestoreJ: the whole stack), per channel]}.
	 * y and x must be among them; no axes means all of them.
	 */
	private static boolean[] scope(final Object axes, final NormalizationSteps.AxisIds ids, final String step,
		final List<String> unsupported)
	{
		if (axes == null) return new boolean[] { true, false };
		if (!(axes instanceof List<?> list) || !list.contains(ids.y()) || !list.contains(ids.x())) {
			unsupported.add(step + " over axes " + axes + " (RestoreJ takes statistics over y and x, optionally the " +
				"channels and the batch)");
			return null;
		}
		return new boolean[] { list.contains(ids.batch()), !list.contains(ids.channel()) };
	}

	private static double number(final Map<String, Object> k, final String key, final double absent) {
		return k.get(key) instanceof Number n ? n.doubleValue() : absent;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> kwargs(final Map<String, Object> step) {
		return step.get("kwargs") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
	}

	/** The steps without casts to float32 (RestoreJ computes in float32 anyway). */
	private static List<Map<String, Object>> withoutFloatCasts(final List<Map<String, Object>> steps,
		final String where, final List<String> unsupported)
	{
		final List<Map<String, Object>> kept = new ArrayList<>();
		for (final Map<String, Object> s : steps) {
			if (!"ensure_dtype".equals(s.get("id"))) kept.add(s);
			else if (!"float32".equals(kwargs(s).get("dtype"))) unsupported.add(where + " ensure_dtype " + kwargs(s).get(
				"dtype") + " (RestoreJ computes in float32)");
		}
		return kept;
	}
}
