package org.restorej.engine.normalize;

import org.restorej.model.ModelDescription;

/**
 * How raw intensities are brought to the range the network was trained on ({@code valueRange} of the
 * model description, usually [0, 1]) and back on the way out. Nothing is clamped here: clipping the
 * network's output is a separate, explicit option.
 */
public sealed interface Normalization {

	/** Raw values go to the network unchanged. */
	record None() implements Normalization {}

	/**
	 * Whatever the model declares in its {@code normalization} ({@link #declaredBy}): {@code normalize=auto}.
	 * The engine resolves it with the model it restores with ({@link #appliedWith}).
	 */
	record Declared() implements Normalization {}

	/** Raw {@code low} maps to the bottom of the model's range, raw {@code high} to its top. */
	record FixedRange(double low, double high) implements Normalization {
		public FixedRange {
			if (!(high > low)) throw new IllegalArgumentException("fixed range needs high > low: " + low + ", " + high);
		}
	}

	/**
	 * The pixel type's range, as the official models expect: 8-bit {@code [0, 255]}, 16-bit
	 * {@code [0, 65535]} (any integer type: 0, or its minimum if negative, to its maximum); float data
	 * are taken as already normalised.
	 */
	record TypeRange() implements Normalization {}

	/**
	 * The {@code low} and {@code high} percentiles (0..100) map to the model's range.
	 *
	 * @param scope over the whole image, or each Z plane / time frame separately
	 * @param perChannel each channel separately, or all channels together
	 */
	record Percentile(double low, double high, Scope scope, boolean perChannel) implements Normalization {
		public Percentile {
			if (!(low >= 0 && low < high && high <= 100)) throw new IllegalArgumentException(
				"percentiles need 0 <= low < high <= 100: " + low + ", " + high);
			if (scope == null) throw new IllegalArgumentException("scope is required");
		}
	}

	/**
	 * Mean 0 and standard deviation 1 (bioimage.io's zero_mean_unit_variance): {@code (v - mean) / std},
	 * whatever the model's value range; the statistics are taken as {@link Percentile}'s.
	 */
	record Standardize(Scope scope, boolean perChannel) implements Normalization {
		public Standardize {
			if (scope == null) throw new IllegalArgumentException("scope is required");
		}
	}

	/** Which pixels one set of percentiles (or mean and deviation) is taken over. */
	enum Scope {
		IMAGE, PLANE
	}

	/** The model's own declaration, resolved when the model is known: the default. */
	static Normalization declared() {
		return new Declared();
	}

	static Normalization none() {
		return new None();
	}

	static Normalization typeRange() {
		return new TypeRange();
	}

	static Normalization fixed(final double low, final double high) {
		return new FixedRange(low, high);
	}

	/** Percentiles over the whole image, all channels together. */
	static Normalization percentile(final double low, final double high) {
		return new Percentile(low, high, Scope.IMAGE, false);
	}

	/** What a model's {@code normalization} declaration (model.json) asks for: {@code normalize=auto}. */
	static Normalization declaredBy(final ModelDescription model) {
		return declaredBy(model.normalization());
	}

	/** What a {@code normalization} declaration asks for. */
	static Normalization declaredBy(final ModelDescription.Normalization n) {
		return switch (n.method()) {
			case ModelDescription.Normalization.NONE -> none();
			case ModelDescription.Normalization.RANGE -> fixed(n.min(), n.max());
			case ModelDescription.Normalization.PERCENTILE -> new Percentile(n.low(), n.high(), n.scope().equals(
				ModelDescription.Normalization.PLANE) ? Scope.PLANE : Scope.IMAGE, n.perChannel());
			case ModelDescription.Normalization.STANDARDIZE -> new Standardize(n.scope().equals(
				ModelDescription.Normalization.PLANE) ? Scope.PLANE : Scope.IMAGE, n.perChannel());
			default -> typeRange();
		};
	}

	/** {@code requested}, or the model's declaration if {@code requested} is {@link Declared}. */
	static Normalization appliedWith(final Normalization requested, final ModelDescription model) {
		return requested instanceof Declared ? declaredBy(model) : requested;
	}

	/** For people: e.g. {@code percentile 1..99.8 per plane, channels together}. */
	static String text(final Normalization n) {
		if (n instanceof Declared) return "as the model declares";
		return declaration(n).text();
	}

	/** {@code n} as a model would declare it ({@link #declaredBy} is its inverse). */
	static ModelDescription.Normalization declaration(final Normalization n) {
		if (n instanceof None) return ModelDescription.Normalization.none();
		if (n instanceof TypeRange) return ModelDescription.Normalization.typeRange();
		if (n instanceof FixedRange f) return ModelDescription.Normalization.fixedRange(f.low(), f.high());
		if (n instanceof Percentile p) return ModelDescription.Normalization.percentile(p.low(), p.high(), p.scope()
			== Scope.PLANE ? ModelDescription.Normalization.PLANE : ModelDescription.Normalization.IMAGE, p.perChannel());
		throw new IllegalArgumentException("resolve the model's declaration first: " + n);
	}
}
