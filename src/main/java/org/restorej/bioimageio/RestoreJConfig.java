package org.restorej.bioimageio;

import java.util.List;
import java.util.Map;

import org.restorej.model.ModelDescription;

/**
 * What a package RestoreJ wrote keeps for RestoreJ under {@code config.restorej} (the format's free
 * {@code config}): the declared normalisation, whose inverse the format cannot always express, the value
 * range, the size handling and the license with its commercial-use flag. It is used only where the
 * package's own steps say the same thing, so a package edited elsewhere is read from its steps.
 */
final class RestoreJConfig {

	private RestoreJConfig() {}

	static Map<String, Object> of(final Map<String, Object> rdf) {
		return rdf.get("config") instanceof Map<?, ?> c && c.get("restorej") instanceof Map<?, ?> r ? PackageImport.cast(
			r) : Map.of();
	}

	static ProcessingReader.Declared declared(final Map<String, Object> rdf) {
		final Map<String, Object> c = of(rdf);
		if (!(c.get("normalization") instanceof Map<?, ?> nm) || !(c.get("valueRange") instanceof Map<?, ?> vm))
			return null;
		final Map<String, Object> n = PackageImport.cast(nm), v = PackageImport.cast(vm);
		final ModelDescription.Normalization declared = new ModelDescription.Normalization(string(n, "method"), number(n,
			"min"), number(n, "max"), number(n, "low"), number(n, "high"), string(n, "scope"), n.get(
				"perChannel") instanceof Boolean b ? b : null, string(n, "output"), n.get("clip") instanceof Boolean b
					? b : null);
		if (declared.problem() != null || number(v, "min") == null || number(v, "max") == null) return null;
		return new ProcessingReader.Declared(declared, new ModelDescription.ValueRange(number(v, "min"), number(v, "max"),
			number(v, "scale") == null ? 1 : number(v, "scale"), "as the RestoreJ model this package was exported from"));
	}

	/** The license: RestoreJ's record where present, else the package's SPDX identifier. */
	static ModelDescription.License license(final Map<String, Object> rdf, final Map<String, Object> own) {
		if (own.get("license") instanceof Map<?, ?> lm) {
			final Map<String, Object> l = PackageImport.cast(lm);
			return new ModelDescription.License(string(l, "name"), string(l, "url"), Boolean.TRUE.equals(l.get(
				"commercialUse")), string(l, "notice"));
		}
		final Object spdx = rdf.get("license");
		if (spdx == null) return new ModelDescription.License("unknown", "", false, "The package declares no " +
			"license: ask its authors before any use.");
		final boolean nonCommercial = spdx.toString().contains("-NC");
		return new ModelDescription.License(spdx.toString(), "https://spdx.org/licenses/" + spdx + ".html",
			!nonCommercial, "License of the bioimage.io package: " + spdx + (nonCommercial ? " (non-commercial)" : "") +
				".");
	}

	/** Equal as data: numbers by value (YAML reads 1 as an integer, RestoreJ writes 1.0). */
	static boolean sameData(final Object a, final Object b) {
		if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
		if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) return x.keySet().equals(y.keySet()) && x.keySet()
			.stream().allMatch(k -> sameData(x.get(k), y.get(k)));
		if (a instanceof List<?> x && b instanceof List<?> y) {
			if (x.size() != y.size()) return false;
			for (int i = 0; i < x.size(); i++)
				if (!sameData(x.get(i), y.get(i))) return false;
			return true;
		}
		return a == null ? b == null : a.equals(b);
	}

	private static String string(final Map<String, Object> m, final String key) {
		return m.get(key) instanceof String s ? s : null;
	}

	private static Double number(final Map<String, Object> m, final String key) {
		return m.get(key) instanceof Number n ? n.doubleValue() : null;
	}
}
