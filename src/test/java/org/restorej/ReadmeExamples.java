package org.restorej;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples of README.md, each the fenced block after a {@code <!-- example: NAME -->} line, with
 * its placeholders (the model name, the {@code /data/...} paths) replaced by what a test provides. A
 * test that runs them keeps README's copy-paste examples working.
 */
public final class ReadmeExamples {

	/** The model name the examples use. */
	public static final String MODEL = "restormer-fluorescence-denoising";

	private ReadmeExamples() {}

	public static String example(final String name) throws IOException {
		final String readme = Files.readString(readme());
		final Matcher m = Pattern.compile("<!-- example: " + Pattern.quote(name) + " -->\\s*```[a-z]*\\n(.*?)```",
			Pattern.DOTALL).matcher(readme);
		if (!m.find()) throw new IllegalStateException("README.md has no example '" + name + "'");
		return m.group(1);
	}

	/** The example with each key of {@code replacements} replaced by its value, longest keys first. */
	public static String example(final String name, final Map<String, String> replacements) throws IOException {
		String text = example(name);
		for (final String key : replacements.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList())
			text = text.replace(key, replacements.get(key));
		return text;
	}

	/** The clone's folder (README.md beside pom.xml), where README's commands run. */
	public static Path projectRoot() {
		return readme().getParent();
	}

	private static Path readme() {
		for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent())
			if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("pom.xml")))
				return dir.resolve("README.md");
		throw new IllegalStateException("README.md not found above " + Paths.get("").toAbsolutePath());
	}
}
