package org.restorej.train;

/**
 * AdamW (Loshchilov and Hutter): Adam with weight decay applied to the weights directly, {@code w -= lr *
 * decay * w}, not through the gradient, as PyTorch's {@code torch.optim.AdamW} that both papers use.
 *
 * @param beta1 first-moment decay (0.9 in both papers)
 * @param beta2 second-moment decay (0.999)
 * @param epsilon added to the root of the second moment (1e-8)
 * @param weightDecay decoupled decay per unit learning rate (Restormer 1e-4, AST 0.02)
 * @param gradientClipNorm if positive, gradients are scaled so that their global L2 norm is at most this
 */
public record AdamW(double beta1, double beta2, double epsilon, double weightDecay, double gradientClipNorm) {

	public AdamW {
		if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException(
			"AdamW betas must be in [0, 1): " + beta1 + ", " + beta2);
		if (!(epsilon > 0) || weightDecay < 0) throw new IllegalArgumentException(
			"AdamW needs epsilon > 0 and weight decay >= 0");
	}

	/** The optimiser settings of the paper of each architecture. */
	public static AdamW of(final String architecture) {
		return new AdamW(0.9, 0.999, 1e-8, architecture.equals("ast") ? 0.02 : 1e-4, 0);
	}

	/** Bias corrections {@code beta^t} for the 1-based step {@code t}, as ApplyAdam takes them. */
	double beta1Power(final long t) {
		return Math.pow(beta1, t);
	}

	double beta2Power(final long t) {
		return Math.pow(beta2, t);
	}
}
