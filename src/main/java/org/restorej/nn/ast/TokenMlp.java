package org.restorej.nn.ast;

import java.util.Locale;

/** The feed-forward ("token MLP") variant of every AST block. */
public enum TokenMlp {

	/**
	 * Feature refinement feed-forward network ({@code token_mlp='frfn'}), used by all released models: a
	 * partial 3x3 conv on the first quarter of the channels, Linear C→2F + GELU, a depthwise-conv gate,
	 * Linear F→C.
	 */
	FRFN("frfn"),
	/** Locally-enhanced feed-forward ({@code token_mlp='leff'}): Linear, GELU, depthwise 3x3, GELU, Linear. */
	LEFF("leff");

	private final String officialName;

	TokenMlp(final String officialName) {
		this.officialName = officialName;
	}

	/** The value of the official constructor's {@code token_mlp} argument. */
	public String officialName() {
		return officialName;
	}

	/**
	 * Parses the official {@code token_mlp} value (case-insensitive).
	 *
	 * @throws IllegalArgumentException for {@code 'ffn'}/{@code 'mlp'} (plain MLP, not supported) and
	 *           anything unknown
	 */
	public static TokenMlp fromOfficialName(final String name) {
		final String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
		for (final TokenMlp t : values())
			if (t.officialName.equals(n)) return t;
		if (n.equals("ffn") || n.equals("mlp")) throw new IllegalArgumentException("AST token_mlp='" + name +
			"' (plain Linear-GELU-Linear feed-forward) is not supported; use 'frfn' (the released models) or 'leff'");
		throw new IllegalArgumentException("Unknown AST token_mlp '" + name + "'; expected 'frfn' or 'leff'");
	}
}
