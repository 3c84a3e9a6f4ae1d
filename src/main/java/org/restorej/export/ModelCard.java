package org.restorej.export;

import java.util.List;

import org.restorej.model.ModelDescription;

/**
 * What an export needs to know beyond the network itself: the task, what the channels hold, the value
 * range the weights expect and how raw data were normalised to it in training (the model's declaration,
 * which {@code normalize=auto} applies), tiling defaults and the license of the weights.
 */
public record ModelCard(String name, String task, List<String> inputMeaning, List<String> outputMeaning,
	ModelDescription.ValueRange valueRange, String officialSizeHandling, ModelDescription.Tiling tiling,
	ModelDescription.License license, ModelDescription.Normalization normalization)
{

	public ModelCard {
		if (normalization == null) normalization = ModelDescription.Normalization.typeRange();
	}

	/** A card whose weights take the pixel type's range (8-bit /255, 16-bit /65535), as the official ones. */
	public ModelCard(final String name, final String task, final List<String> inputMeaning,
		final List<String> outputMeaning, final ModelDescription.ValueRange valueRange,
		final String officialSizeHandling, final ModelDescription.Tiling tiling, final ModelDescription.License license)
	{
		this(name, task, inputMeaning, outputMeaning, valueRange, officialSizeHandling, tiling, license, null);
	}

	/** Restormer's code and released weights are for academic, non-commercial use only. */
	public static final ModelDescription.License RESTORMER_LICENSE = new ModelDescription.License(
		"Restormer academic non-commercial license", "https://github.com/swz30/Restormer/blob/main/LICENSE.md",
		false, "The official Restormer weights may be used for academic, non-commercial research only; " +
			"ask the authors before any commercial use.");

	/** AST's code and weights are Apache-2.0. */
	public static final ModelDescription.License AST_LICENSE = new ModelDescription.License("Apache-2.0",
		"https://www.apache.org/licenses/LICENSE-2.0", true,
		"The AST weights are under the Apache License 2.0: commercial use is allowed; keep the notice.");

	/**
	 * Tile size and halo to suggest: from the engine's measured tiled-vs-untiled curves (tile size matters
	 * most for both, halo beyond an eighth of the tile gains little); AST tiles are multiples of 128.
	 */
	static ModelDescription.Tiling defaultTiling(final String architecture) {
		return architecture.equals("ast") ? new ModelDescription.Tiling(384, 64) : new ModelDescription.Tiling(512,
			64);
	}

	static final ModelDescription.ValueRange RGB_8BIT = new ModelDescription.ValueRange(0, 1, 255,
		"8-bit RGB divided by 255");

	static final List<String> RGB = List.of("R", "G", "B");
}
