package org.restorej.bioimageio.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.restorej.bioimageio.NormalizationSteps;
import org.restorej.bioimageio.Rdf;
import org.restorej.model.ModelDescription;

/** The {@code rdf.yaml} of a RestoreJ model, as the maps {@link Rdf} writes. */
final class Description {

	/** The paper of each architecture, as the package cites it. */
	record Paper(String text, String doi, String url) {}

	static final Paper RESTORMER = new Paper("Zamir, S. W., Arora, A., Khan, S., Hayat, M., Khan, F. S., Yang, " +
		"M.-H.: Restormer: Efficient Transformer for High-Resolution Image Restoration. CVPR 2022, pp. 5728-5739.",
		"10.1109/CVPR52688.2022.00564", "https://arxiv.org/abs/2111.09881");
	static final Paper AST = new Paper("Zhou, S., Chen, D., Pan, J., Shi, J., Yang, J.: Adapt or Perish: Adaptive " +
		"Sparse Transformer with Attentive Feature Refinement for Image Restoration. CVPR 2024, pp. 2952-2963.", null,
		"https://openaccess.thecvf.com/content/CVPR2024/html/Zhou_Adapt_or_Perish_Adaptive_Sparse_Transformer_with_" +
			"Attentive_Feature_Refinement_CVPR_2024_paper.html");
	static final String REPOSITORY_NAME = "RestoreJ";

	private Description() {}

	static Paper paper(final ModelDescription d) {
		return "ast".equals(d.architecture()) ? AST : RESTORMER;
	}

	static Map<String, Object> of(final ModelDescription d, final PackageAxes axes,
		final NormalizationSteps.Steps steps, final Path dir, final List<String> attachments) throws IOException
	{
		final Paper paper = paper(d);
		final Map<String, Object> rdf = new LinkedHashMap<>();
		rdf.put("format_version", Rdf.FORMAT_VERSION);
		rdf.put("type", "model");
		rdf.put("name", name(d.name()));
		rdf.put("description", description(d));
		// the format's authors made the description: RestoreJ; the architecture's authors are cited
		rdf.put("authors", List.of(Map.of("name", REPOSITORY_NAME + " contributors")));
		final Map<String, Object> cite = new LinkedHashMap<>();
		cite.put("text", paper.text());
		if (paper.doi() != null) cite.put("doi", paper.doi());
		cite.put("url", paper.url());
		rdf.put("cite", List.of(cite));
		// the format takes SPDX identifiers only; a non-commercial academic license has none, so it stays
		// unset and the license travels as an attachment and in the description
		if (d.license() != null && d.license().commercialUse()) rdf.put("license", d.license().name());
		rdf.put("documentation", PackageWriter.DOCUMENTATION);
		rdf.put("covers", List.of(PackageWriter.COVER));
		rdf.put("tags", tags(d));
		if (!attachments.isEmpty()) {
			final List<Map<String, Object>> files = new ArrayList<>();
			for (final String a : attachments)
				files.add(PackageWriter.file(dir, a));
			rdf.put("attachments", files);
		}
		rdf.put("inputs", List.of(tensor(PackageAxes.INPUT, "Raw intensities (" + inputUnits(d) + ")", axes.input(),
			PackageWriter.TEST_INPUT, "preprocessing", steps.preprocessing(), dir)));
		rdf.put("outputs", List.of(tensor(PackageAxes.OUTPUT, !NormalizationSteps.mapsBack(steps.postprocessing())
			? "The network's output, in its value range" : "Restored intensities, in the input's units", axes.output(),
			PackageWriter.TEST_OUTPUT, "postprocessing", steps.postprocessing(), dir)));
		final Map<String, Object> weights = PackageWriter.file(dir, PackageWriter.WEIGHTS);
		weights.put("tensorflow_version", PackageWriter.TENSORFLOW_VERSION);
		weights.put("comment", "SavedModel written by TensorFlow Java 1.1.0 (TensorFlow " + PackageWriter
			.TENSORFLOW_VERSION + "), tag serve, signature serving_default with input 'input' and output 'output'.");
		rdf.put("weights", Map.of("tensorflow_saved_model_bundle", weights));
		rdf.put("config", Map.of("restorej", restorejConfig(d)));
		return rdf;
	}

	/** The format's name rule: letters, digits, underscore, minus, parentheses, spaces; 5 to 128 characters. */
	static String name(final String modelName) {
		String n = modelName.replaceAll("[^A-Za-z0-9_\\-() ]", "-");
		if (n.length() < 5) n = "RestoreJ " + n;
		return n.length() > 128 ? n.substring(0, 128) : n;
	}

	private static String description(final ModelDescription d) {
		String s = (d.architecture().equals("ast") ? "AST (Adaptive Sparse Transformer)" : "Restormer") + " for " + d
			.task() + ", exported by RestoreJ. ";
		if (d.license() != null) s += "Weights: " + d.license().name() + (d.license().commercialUse() ? ""
			: ", non-commercial use only") + ". ";
		s += d.valueRange() == null ? "" : d.valueRange().note();
		return s.length() > 1024 ? s.substring(0, 1021) + "..." : s;
	}

	private static String inputUnits(final ModelDescription d) {
		return d.valueRange() == null || d.valueRange().scale() <= 1 ? "float" : "0.." + (long) d.valueRange().scale();
	}

	private static List<String> tags(final ModelDescription d) {
		final Set<String> tags = new LinkedHashSet<>(List.of("restorej", d.architecture(), "transformer",
			"image-restoration", "2d", "tensorflow"));
		for (final String part : d.task().split("-"))
			if (!part.isBlank()) tags.add(part);
		if (d.task().contains("denois")) tags.add("denoising");
		if (d.task().contains("fluorescence")) tags.add("fluorescence-light-microscopy");
		return new ArrayList<>(tags);
	}

	private static Map<String, Object> tensor(final String id, final String description,
		final List<Map<String, Object>> axes, final String test, final String processingKey,
		final List<Map<String, Object>> processing, final Path dir) throws IOException
	{
		final Map<String, Object> t = new LinkedHashMap<>();
		t.put("id", id);
		t.put("description", description);
		t.put("axes", axes);
		t.put("test_tensor", PackageWriter.file(dir, test));
		t.put("data", Map.of("type", "float32"));
		if (!processing.isEmpty()) t.put(processingKey, processing);
		return t;
	}

	/**
	 * What RestoreJ needs beyond the format to run the package as the model folder runs: the declared
	 * normalisation (whose inverse the format cannot always express), value range, size handling, license.
	 */
	private static Map<String, Object> restorejConfig(final ModelDescription d) {
		final Map<String, Object> c = new LinkedHashMap<>();
		c.put("name", d.name());
		c.put("architecture", d.architecture());
		c.put("task", d.task());
		if (d.config() != null) c.put("config", d.config());
		if (d.source() != null) c.put("parameters", d.source().parameters());
		final Map<String, Object> n = new LinkedHashMap<>();
		n.put("method", d.normalization().method());
		if (d.normalization().min() != null) n.put("min", d.normalization().min());
		if (d.normalization().max() != null) n.put("max", d.normalization().max());
		if (d.normalization().low() != null) n.put("low", d.normalization().low());
		if (d.normalization().high() != null) n.put("high", d.normalization().high());
		if (d.normalization().scope() != null) n.put("scope", d.normalization().scope());
		if (d.normalization().perChannel() != null) n.put("perChannel", d.normalization().perChannel());
		n.put("output", d.normalization().output());
		if (d.normalization().clipsOutput()) n.put("clip", true);
		c.put("normalization", n);
		if (d.valueRange() != null) c.put("valueRange", Map.of("min", d.valueRange().min(), "max", d.valueRange().max(),
			"scale", d.valueRange().scale()));
		c.put("officialSizeHandling", d.size().officialHandling());
		if (d.tiling() != null) c.put("tileSize", d.tiling().tileSize());
		if (d.license() != null) {
			final Map<String, Object> l = new LinkedHashMap<>();
			l.put("name", d.license().name());
			l.put("url", d.license().url());
			l.put("commercialUse", d.license().commercialUse());
			l.put("notice", d.license().notice());
			c.put("license", l);
		}
		return c;
	}
}
