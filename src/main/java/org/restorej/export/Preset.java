package org.restorej.export;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.restorej.RestoreJException;
import org.restorej.model.ModelDescription;
import org.restorej.nn.Architectures;
import org.restorej.nn.NetworkConfig;

/**
 * One preset per official task: the network the official test scripts build for it and what its
 * channels and values mean.
 */
public enum Preset {

	RESTORMER_DERAINING("restormer-deraining", "deraining", restormer(3, 3, "WithBias", false)),
	RESTORMER_MOTION_DEBLURRING("restormer-motion-deblurring", "motion-deblurring",
		restormer(3, 3, "WithBias", false)),
	RESTORMER_SINGLE_IMAGE_DEFOCUS_DEBLURRING("restormer-single-image-defocus-deblurring",
		"defocus-deblurring", restormer(3, 3, "WithBias", false)),
	RESTORMER_DUAL_PIXEL_DEFOCUS_DEBLURRING("restormer-dual-pixel-defocus-deblurring",
		"dual-pixel-defocus-deblurring", restormer(6, 3, "WithBias", true)),
	RESTORMER_GAUSSIAN_COLOR_DENOISING("restormer-gaussian-color-denoising", "gaussian-color-denoising",
		restormer(3, 3, "BiasFree", false)),
	RESTORMER_GAUSSIAN_GRAY_DENOISING("restormer-gaussian-gray-denoising", "gaussian-gray-denoising",
		restormer(1, 1, "BiasFree", false)),
	RESTORMER_REAL_DENOISING("restormer-real-denoising", "real-denoising", restormer(3, 3, "BiasFree", false)),
	AST_SPAD_DERAINING("ast-spad-deraining", "deraining", astB()),
	AST_AGAN_RAINDROP("ast-agan-raindrop", "raindrop-removal", astB()),
	AST_DENSEHAZE_DEHAZING("ast-densehaze-dehazing", "dehazing", astB());

	private final String id;
	private final String task;
	private final Map<String, Object> officialArguments;

	Preset(final String id, final String task, final Map<String, Object> officialArguments) {
		this.id = id;
		this.task = task;
		this.officialArguments = officialArguments;
	}

	public String id() {
		return id;
	}

	public String architecture() {
		return id.substring(0, id.indexOf('-'));
	}

	public NetworkConfig network() {
		return Architectures.fromOfficialArguments(architecture(), officialArguments);
	}

	public ModelCard card() {
		final boolean ast = architecture().equals("ast");
		final boolean gray = this == RESTORMER_GAUSSIAN_GRAY_DENOISING;
		final List<String> in = switch (this) {
			case RESTORMER_DUAL_PIXEL_DEFOCUS_DEBLURRING -> List.of("left R", "left G", "left B", "right R",
				"right G", "right B");
			case RESTORMER_GAUSSIAN_GRAY_DENOISING -> List.of("grey");
			default -> ModelCard.RGB;
		};
		final ModelDescription.ValueRange range = this == RESTORMER_DUAL_PIXEL_DEFOCUS_DEBLURRING
			? new ModelDescription.ValueRange(0, 1, 65535, "16-bit dual-pixel views divided by 65535")
			: gray ? new ModelDescription.ValueRange(0, 1, 255, "8-bit grey divided by 255")
				: ModelCard.RGB_8BIT;
		// the official test scripts divide 8-bit images by 255 and the 16-bit dual-pixel views by 65535
		// (Restormer's test_*.py, AST's utils.load_img): the pixel type's range
		return new ModelCard(id, task, in, gray ? List.of("grey") : ModelCard.RGB, range,
			ast ? "square-canvas" : "reflect-pad", ModelCard.defaultTiling(architecture()), ast ? ModelCard.AST_LICENSE
				: ModelCard.RESTORMER_LICENSE, ModelDescription.Normalization.typeRange());
	}

	public static Preset byId(final String id) {
		for (final Preset p : values())
			if (p.id.equalsIgnoreCase(id)) return p;
		throw new RestoreJException("Unknown preset '" + id + "'. Presets: " + ids() + ".");
	}

	public static String ids() {
		return Arrays.stream(values()).map(Preset::id).collect(Collectors.joining(", "));
	}

	private static Map<String, Object> restormer(final int in, final int out, final String norm,
		final boolean dualPixel)
	{
		return Map.of("inp_channels", in, "out_channels", out, "dim", 48, "num_blocks", List.of(4, 6, 6, 8),
			"num_refinement_blocks", 4, "heads", List.of(1, 2, 4, 8), "ffn_expansion_factor", 2.66, "bias", false,
			"LayerNorm_type", norm, "dual_pixel_task", dualPixel);
	}

	/** AST_B as utils/model_utils.get_arch builds it for the released models (train_ps 128). */
	private static Map<String, Object> astB() {
		return Map.of("img_size", 128, "embed_dim", 32, "win_size", 8, "token_projection", "linear", "token_mlp",
			"frfn", "depths", List.of(1, 2, 8, 8, 2, 8, 8, 2, 1), "dd_in", 3);
	}
}
