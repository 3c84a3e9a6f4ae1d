package org.restorej.bioimageio;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The resource description file of a bioimage.io model package ({@code rdf.yaml}) as nested maps and
 * lists, read with SnakeYAML's safe constructor (plain data only: no class is ever instantiated from the
 * file) and written in block style.
 */
public final class Rdf {

	/** The model description format written: the latest patch version of 0.5 when this was written. */
	public static final String FORMAT_VERSION = "0.5.7";
	public static final String FILE_NAME = "rdf.yaml";
	/** Other names bioimage.io tools give the description file. */
	public static final List<String> FILE_NAMES = List.of(FILE_NAME, "bioimageio.yaml");

	/** Descriptions are a few kilobytes; this bounds what reading one can allocate. */
	static final int MAX_CODE_POINTS = 4 * 1024 * 1024;

	private Rdf() {}

	/** Reads a description file; errors name {@code file} as the package. */
	public static Map<String, Object> read(final Path file) {
		return read(file, file);
	}

	/**
	 * Reads {@code file}, the description of the package {@code where} (which errors name: the file itself may
	 * sit in a temporary folder). Anchors and aliases are refused: the tools that write packages never use
	 * them, and an alias is how a few kilobytes of YAML expand to gigabytes of data (and of model.json).
	 */
	public static Map<String, Object> read(final Path file, final Path where) {
		final LoaderOptions options = new LoaderOptions();
		options.setMaxAliasesForCollections(0);
		options.setCodePointLimit(MAX_CODE_POINTS);
		final Yaml yaml = new Yaml(new SafeConstructor(options));
		try {
			try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				for (final Event e : yaml.parse(r))
					if (e instanceof AliasEvent || e instanceof NodeEvent n && n.getAnchor() != null)
						throw new InvalidPackageException(where, "its " + file.getFileName() + " uses the YAML anchor or " +
							"alias '" + ((NodeEvent) e).getAnchor() + "' at line " + (e.getStartMark().getLine() + 1) + " (RestoreJ " +
							"reads descriptions without anchors and aliases, as bioimage.io tools write them)");
			}
			try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				final Object o = yaml.load(r);
				if (!(o instanceof Map<?, ?> m)) throw new InvalidPackageException(where, "its " + file.getFileName() +
					" is not a YAML mapping");
				@SuppressWarnings("unchecked")
				final Map<String, Object> map = (Map<String, Object>) m;
				return map;
			}
		}
		catch (final IOException | YAMLException e) {
			throw new InvalidPackageException(where, "its " + file.getFileName() + " is not readable YAML (" + e
				.getMessage() + ")");
		}
	}

	public static void write(final Map<String, Object> rdf, final Path file) throws IOException {
		final DumperOptions o = new DumperOptions();
		o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		o.setIndicatorIndent(2);
		o.setIndentWithIndicator(true);
		o.setWidth(110);
		o.setDereferenceAliases(true);
		try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			new Yaml(new PlainNumbers(o), o).dump(rdf, w);
		}
	}

	/**
	 * Doubles as YAML 1.1 readers (PyYAML, which bioimageio.spec uses) recognise floats: a dot, and a sign after
	 * the exponent's {@code e} ({@code 1.0e+20}; Java's {@code 1.0E20} would be read as a string); no -0.0.
	 */
	private static final class PlainNumbers extends Representer {
		PlainNumbers(final DumperOptions o) {
			super(o);
			representers.put(Double.class, data -> {
				final double d = (Double) data;
				String text = Double.toString(d == 0 ? 0.0 : d).replace('E', 'e');
				if (text.contains("e") && !text.contains("e-")) text = text.replace("e", "e+");
				return representScalar(Tag.FLOAT, text);
			});
		}
	}
}
