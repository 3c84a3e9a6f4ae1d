package org.restorej.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a finished training run went, in plain values: what the worker sends back to the Fiji command
 * (which has no TensorFlow) and what the command line prints.
 *
 * @param model the model folder written
 * @param psnrBefore mean PSNR (dB, data range 1) of the degraded validation images against the clean ones,
 *          NaN without validation pairs
 * @param psnrAfter the same for the trained model's restorations
 */
public record TrainingReport(String model, long steps, double firstLoss, double lastLoss, double psnrBefore,
	double psnrAfter, double seconds)
{

	public String summary() {
		return String.format(Locale.ROOT, "Trained %s: %d steps in %.1f s, loss %.5f -> %.5f%s", model, steps, seconds,
			firstLoss, lastLoss, Double.isNaN(psnrAfter) ? ", no validation pairs" : String.format(Locale.ROOT,
				", validation PSNR %.2f dB before, %.2f dB after", psnrBefore, psnrAfter));
	}

	public Map<String, String> toMap() {
		final Map<String, String> m = new LinkedHashMap<>();
		m.put("model", model);
		m.put("steps", Long.toString(steps));
		m.put("firstLoss", Double.toString(firstLoss));
		m.put("lastLoss", Double.toString(lastLoss));
		m.put("psnrBefore", Double.toString(psnrBefore));
		m.put("psnrAfter", Double.toString(psnrAfter));
		m.put("seconds", Double.toString(seconds));
		return m;
	}

	public static TrainingReport fromMap(final Map<String, String> m) {
		return new TrainingReport(m.get("model"), Long.parseLong(m.get("steps")), Double.parseDouble(m.get(
			"firstLoss")), Double.parseDouble(m.get("lastLoss")), Double.parseDouble(m.get("psnrBefore")), Double
				.parseDouble(m.get("psnrAfter")), Double.parseDouble(m.get("seconds")));
	}
}
