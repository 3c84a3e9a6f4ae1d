package org.restorej.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.restorej.nn.Architectures;
import org.restorej.nn.NetworkConfig;
import org.restorej.nn.WeightSource;

/**
 * Guesses the architecture and constructor arguments a state dict was saved from, using only its keys
 * and shapes. Used to tell the user what an import detected and, when a configuration does not fit,
 * which one would.
 */
public final class CheckpointInspector {

	/** What the keys and shapes say: the architecture, its arguments and the presets that fit. */
	public record Detection(String architecture, Map<String, Object> officialArguments, List<String> presets,
		String summary)
	{
		public NetworkConfig network() {
			return Architectures.fromOfficialArguments(architecture, officialArguments);
		}
	}

	private static final String[] AST_LAYERS = { "encoderlayer_0", "encoderlayer_1", "encoderlayer_2",
		"encoderlayer_3", "conv", "decoderlayer_0", "decoderlayer_1", "decoderlayer_2", "decoderlayer_3" };

	private CheckpointInspector() {}

	/** The detection, or {@code null} if the keys belong to neither Restormer nor AST. */
	public static Detection detect(final WeightSource w) {
		if (w.shape("patch_embed.proj.weight") != null && w.shape("output.weight") != null) return restormer(w);
		if (w.shape("input_proj.proj.0.weight") != null && w.shape("output_proj.proj.0.weight") != null)
			return ast(w);
		return null;
	}

	/** A sentence for error messages: what the checkpoint looks like and how to import it. */
	public static String hint(final WeightSource w) {
		final Detection d = detect(w);
		if (d == null) return "the keys look like neither Restormer nor AST (first keys: " +
			w.keys().stream().limit(5).toList() + ")";
		final StringBuilder sb = new StringBuilder("the checkpoint looks like " + d.summary() + ".");
		if (d.architecture().equals("restormer") && ((Number) d.officialArguments().get("inp_channels"))
			.intValue() == 6) sb.append(" 6 input channels: this is a dual-pixel checkpoint.");
		if (!d.presets().isEmpty()) sb.append(" Try --preset ").append(String.join(" or --preset ", d.presets()))
			.append('.');
		else sb.append(" Try --arch ").append(d.architecture()).append(" with a --config holding ")
			.append(org.restorej.model.ModelDescriptions.toJson(d.officialArguments()).replaceAll("\\s+", " "));
		return sb.toString();
	}

	private static Detection restormer(final WeightSource w) {
		final long[] embed = w.shape("patch_embed.proj.weight");
		final int dim = (int) embed[0];
		final Map<String, Object> a = new LinkedHashMap<>();
		a.put("inp_channels", (int) embed[1]);
		a.put("out_channels", (int) w.shape("output.weight")[0]);
		a.put("dim", dim);
		final String[] levels = { "encoder_level1", "encoder_level2", "encoder_level3", "latent" };
		final List<Integer> blocks = new ArrayList<>(), heads = new ArrayList<>();
		for (final String level : levels) {
			blocks.add(count(w.keys(), level));
			final long[] t = w.shape(level + ".0.attn.temperature");
			heads.add(t == null ? 1 : (int) t[0]);
		}
		a.put("num_blocks", blocks);
		a.put("num_refinement_blocks", count(w.keys(), "refinement"));
		a.put("heads", heads);
		final long[] projectIn = w.shape("encoder_level1.0.ffn.project_in.weight");
		final double factor = projectIn == null ? 2.66 : expansion(dim, (int) projectIn[0] / 2);
		a.put("ffn_expansion_factor", factor);
		a.put("bias", w.shape("encoder_level1.0.attn.qkv.bias") != null);
		a.put("LayerNorm_type", w.shape("encoder_level1.0.norm1.body.bias") != null ? "WithBias" : "BiasFree");
		a.put("dual_pixel_task", w.shape("skip_conv.weight") != null);
		final List<String> presets = new ArrayList<>();
		for (final Preset p : Preset.values())
			if (p.architecture().equals("restormer") && sameValues(p.network().officialArguments(), a))
				presets.add(p.id());
		final String summary = String.format("Restormer with %d->%d channels, dim %d, blocks %s, %d refinement " +
			"blocks, heads %s, %s LayerNorm, %s, %s", a.get("inp_channels"), a.get("out_channels"), dim, blocks,
			a.get("num_refinement_blocks"), heads, a.get("LayerNorm_type"), (boolean) a.get("bias") ? "bias"
				: "no bias", (boolean) a.get("dual_pixel_task") ? "dual-pixel skip" : "global residual");
		return new Detection("restormer", a, presets, summary);
	}

	private static Detection ast(final WeightSource w) {
		final long[] in = w.shape("input_proj.proj.0.weight");
		final int embed = (int) in[0];
		final Map<String, Object> a = new LinkedHashMap<>();
		final List<Integer> depths = new ArrayList<>(), heads = new ArrayList<>();
		final int[] defaultHeads = { 1, 2, 4, 8, 16, 16, 8, 4, 2 };
		int bottleneckWindow = 8;
		for (int l = 0; l < AST_LAYERS.length; l++) {
			final String layer = AST_LAYERS[l];
			depths.add(count(w.keys(), layer + ".blocks"));
			final long[] table = w.shape(layer + ".blocks.0.attn.relative_position_bias_table");
			heads.add(table == null ? defaultHeads[l] : (int) table[1]);
			if (l == 4 && table != null) bottleneckWindow = (int) Math.round((Math.sqrt(table[0]) + 1) / 2);
		}
		final boolean frfn = w.shape(AST_LAYERS[0] + ".blocks.0.mlp.partial_conv3.weight") != null;
		// the window plan follows img_size; a bottleneck window below 8 reveals it, otherwise assume the
		// official 128 (larger sizes give the same weight shapes)
		a.put("img_size", bottleneckWindow < 8 ? bottleneckWindow * 16 : 128);
		a.put("embed_dim", embed);
		a.put("win_size", 8);
		a.put("token_projection", "linear");
		a.put("token_mlp", frfn ? "frfn" : "leff");
		a.put("depths", depths);
		a.put("num_heads", heads);
		a.put("dd_in", (int) in[1]);
		final List<String> presets = new ArrayList<>();
		for (final Preset p : Preset.values())
			if (p.architecture().equals("ast") && sameValues(p.network().officialArguments(), a))
				presets.add(p.id());
		final String summary = String.format("AST with embed_dim %d, depths %s, heads %s, %s feed-forward, " +
			"dd_in %d", embed, depths, heads, frfn ? "FRFN" : "LeFF", in[1]);
		return new Detection("ast", a, presets, summary);
	}

	/** Compares argument maps on the detected keys, numbers by value. */
	private static boolean sameValues(final Map<String, Object> full, final Map<String, Object> detected) {
		for (final Map.Entry<String, Object> e : detected.entrySet())
			if (!String.valueOf(normalise(full.get(e.getKey()))).equals(String.valueOf(normalise(e.getValue()))))
				return false;
		return true;
	}

	private static Object normalise(final Object v) {
		if (v instanceof Number n) return n.doubleValue() == Math.rint(n.doubleValue()) ? (Object) n.longValue()
			: (Object) n.doubleValue();
		if (v instanceof List<?> l) return l.stream().map(CheckpointInspector::normalise).toList();
		return v;
	}

	/** 2.66 (the official factor) when it gives this hidden width, else the smallest factor that does. */
	private static double expansion(final int dim, final int hidden) {
		if ((int) Math.floor(dim * 2.66) == hidden) return 2.66;
		return (double) hidden / dim;
	}

	/** Number of blocks {@code prefix.N.} among the keys. */
	private static int count(final Set<String> keys, final String prefix) {
		final Pattern p = Pattern.compile(Pattern.quote(prefix) + "\\.(\\d+)\\.");
		final Set<Integer> seen = new TreeSet<>();
		for (final String k : keys) {
			final Matcher m = p.matcher(k);
			if (m.lookingAt()) seen.add(Integer.parseInt(m.group(1)));
		}
		return seen.size();
	}
}
