package org.restorej.bioimageio.export;

import org.restorej.bioimageio.NormalizationSteps;
import org.restorej.model.ModelDescription;

/** The package's markdown: its documentation (with the Validation section the format asks for) and license note. */
final class Documentation {

	private Documentation() {}

	static String readme(final ModelDescription d, final PackageAxes axes, final NormalizationSteps.Steps steps) {
		final StringBuilder s = new StringBuilder();
		s.append("# ").append(d.name()).append("\n\n");
		s.append(d.architecture().equals("ast") ? "AST, the Adaptive Sparse Transformer" : "Restormer").append(
			" for ").append(d.task()).append(", exported from RestoreJ as a bioimage.io ")
			.append("model package.\n\n");
		s.append("Paper: ").append(Description.paper(d).text()).append(" ").append(Description.paper(d).url())
			.append("\n\n");
		if (d.source() != null) s.append("Weights: ").append(d.source().checkpoint()).append(d.source().sha256() == null
			? "" : " (sha256 " + d.source().sha256() + ")").append(String.format(", %,d parameters.%n%n", d.source()
				.parameters()));
		s.append("## Inputs and outputs\n\n");
		s.append("One input and one output, float32, axes batch, y, x, channel (the SavedModel's NHWC). Input ")
			.append("channels: ").append(axes.inputChannels()).append("; output channels: ").append(axes.outputChannels())
			.append(". Height and width are ").append(axes.min()).append(" + n * ").append(axes.step()).append(
				" pixels").append(axes.square() ? ", and equal" : "").append(". The network itself accepts any multiple ")
			.append("of ").append(axes.step()).append("; the smallest side is larger because the output declares a ")
			.append("halo of ").append(axes.halo()).append(" pixels (RestoreJ's tiling suggestion), which the format ")
			.append("requires to leave at least one pixel.\n\n");
		if (d.valueRange() != null) s.append("Values: ").append(d.valueRange().note()).append(".\n\n");
		s.append("## Normalisation\n\n");
		s.append("RestoreJ declares `").append(d.normalization().method()).append("` for this model. ");
		if (steps.preprocessing().isEmpty()) s.append("No preprocessing: raw values go to the network. ");
		else s.append("The preprocessing maps raw intensities to the network's value range. ");
		s.append(!NormalizationSteps.mapsBack(steps.postprocessing()) ? "The output is the network's, in its value " +
			"range" + (d.normalization().clipsOutput() ? " (clipped to it)." : ".") : "The postprocessing maps the " +
				"network's output back to the input's units" + (d.normalization().clipsOutput() ? ", clipped to the " +
					"value range's image there." : "."));
		s.append("\n\n");
		if (!steps.notExpressed().isEmpty()) {
			s.append("Not expressible in the format (RestoreJ does it when it runs this package):\n\n");
			for (final String n : steps.notExpressed())
				s.append("- ").append(n).append("\n");
			s.append("\n");
		}
		s.append("## Validation\n\n");
		s.append("`test_input.npy` and `test_output.npy` (byxc) are a smooth synthetic image and the output this ")
			.append("package's SavedModel computed for it at export; `restorej verify --model PACKAGE.zip` re-runs ")
			.append("it (RestoreJ's tolerance: 1e-4 in the network's range). To validate the model on unseen data, ")
			.append("restore held-out pairs of degraded and clean images that were not used for training, and ")
			.append("report PSNR and SSIM of the restored image against the clean one beside the same figures for the ")
			.append("degraded image (`restorej metrics`). ");
		if (d.source() != null && d.source().checkpoint() != null && d.source().checkpoint().startsWith(
			"trained by RestoreJ")) s.append("RestoreJ's model card (MODEL_CARD.md of the model folder) gives the ")
				.append("figures measured on its synthetic test set.");
		s.append("\n\n## License of the weights\n\n");
		if (d.license() != null) s.append(d.license().name()).append(" (").append(d.license().url()).append(
			"), commercial use ").append(d.license().commercialUse() ? "allowed" : "NOT allowed").append(". ").append(d
				.license().notice()).append("\n");
		return s.toString();
	}

	/** Why the rdf has no license field, and where the license is. */
	static String weightsLicense(final ModelDescription d) {
		return "# License of the weights\n\n" + d.license().name() + ": " + d.license().url() + "\n\n" +
			"Commercial use is not allowed. " + d.license().notice() + "\n\n" +
			"This license has no SPDX identifier, and the bioimage.io format takes only SPDX identifiers in its " +
			"`license` field, so that field is left empty: read the license at the address above before use.\n";
	}
}
