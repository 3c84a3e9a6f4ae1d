package org.restorej.train;

import java.util.List;
import java.util.Locale;

import org.restorej.RestoreJException;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.ast.AstConfig;
import org.restorej.nn.ast.TokenMlp;
import org.restorej.nn.restormer.RestormerConfig;

/**
 * Network sizes for training on a CPU. {@code compact} is what the bundled models use (a few MB, trainable
 * in well under an hour on two cores); {@code tiny} is for tests and quick experiments; {@code official} is
 * the papers' full size (needs a GPU to train in reasonable time).
 */
public final class NetworkPresets {

	public static final List<String> SIZES = List.of("tiny", "compact", "official");

	private NetworkPresets() {}

	public static NetworkConfig of(final String architecture, final String size, final int channels) {
		final String a = architecture.toLowerCase(Locale.ROOT), s = size.toLowerCase(Locale.ROOT);
		final RestormerConfig.LayerNormType ln = RestormerConfig.LayerNormType.WITH_BIAS;
		return switch (a + "/" + s) {
			case "restormer/tiny" -> new RestormerConfig(channels, channels, 8, new int[] { 1, 1, 1, 1 }, 1,
				new int[] { 1, 2, 4, 8 }, 2.66, false, ln, false);
			case "restormer/compact" -> new RestormerConfig(channels, channels, 16, new int[] { 1, 1, 1, 1 }, 1,
				new int[] { 1, 2, 4, 8 }, 2.66, false, ln, false);
			case "restormer/official" -> RestormerConfig.official(channels, channels, ln, false);
			// img_size 32 / 64: windows of 8 at full resolution, size multiple 32 / 64 (see WindowPlan)
			case "ast/tiny" -> new AstConfig(32, 4, 8, TokenMlp.FRFN, new int[] { 1, 1, 1, 1, 1, 1, 1, 1, 2 },
				AstConfig.DEFAULT_NUM_HEADS, channels, channels, 2.0, true);
			case "ast/compact" -> new AstConfig(64, 8, 8, TokenMlp.FRFN, new int[] { 1, 1, 1, 1, 1, 1, 2, 2, 2 },
				AstConfig.DEFAULT_NUM_HEADS, channels, channels, 4.0, true);
			case "ast/official" -> new AstConfig(128, 32, 8, TokenMlp.FRFN, AstConfig.AST_B_DEPTHS,
				AstConfig.DEFAULT_NUM_HEADS, channels, channels, 4.0, true);
			default -> throw new RestoreJException("Unknown network '" + architecture + "' of size '" + size +
				"': use --arch restormer or ast and --size one of " + SIZES + ".");
		};
	}
}
