package org.restorej.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.restorej.model.ModelDescriptions;

/** {@code training.json} in a trained model folder: how it was made and how well it did. */
public final class TrainingSummary {

	public static final String FILE_NAME = "training.json";

	private TrainingSummary() {}

	public static void write(final Path modelDir, final List<String> arguments, final Trainer.Settings s,
		final String data, final Trainer.Outcome o, final TestSetEvaluation.Report test) throws IOException
	{
		final Map<String, Object> m = new LinkedHashMap<>();
		m.put("arguments", arguments);
		m.put("network", s.network().officialArguments());
		m.put("loss", s.loss().toString());
		m.put("optimizer", s.optimizer().toString());
		m.put("learningRate", s.learningRate().toString());
		m.put("patches", s.patches().toString());
		m.put("seed", s.seed());
		m.put("data", data);
		m.put("steps", o.steps());
		m.put("seconds", Math.round(o.seconds()));
		m.put("parameters", o.parameters());
		m.put("firstLoss", finite(o.firstLoss()));
		m.put("lastLoss", finite(o.lastLoss()));
		m.put("validationPsnr", finite(o.validationPsnr()));
		if (test != null) m.put("testSet", test);
		Files.writeString(modelDir.resolve(FILE_NAME), ModelDescriptions.toJson(m));
	}

	/** JSON has no NaN. */
	private static Double finite(final double v) {
		return Double.isFinite(v) ? v : null;
	}
}
