package org.restorej.ij1;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.restorej.restore.RestoreSettings;

/**
 * A macro extension's options string: the restoration options ({@link RestoreSettings#parse}) and
 * the file options {@code overwrite}. The same {@code key=value} form as a recorded
 * {@code run(...)} line.
 */
record MacroOptions(RestoreSettings settings, boolean overwrite) {

	private static final Pattern OVERWRITE = Pattern.compile("(^|\\s)overwrite(=(true|false))?(?=\\s|$)");

	static MacroOptions parse(final String options) {
		final String text = options == null ? "" : options;
		final Matcher m = OVERWRITE.matcher(text);
		boolean overwrite = false;
		final StringBuilder rest = new StringBuilder();
		int last = 0;
		while (m.find()) {
			overwrite = m.group(3) == null || m.group(3).equals("true");
			rest.append(text, last, m.start()).append(' ');
			last = m.end();
		}
		rest.append(text.substring(last));
		return new MacroOptions(RestoreSettings.parse(rest.toString()), overwrite);
	}

	/** Options as keys and values, e.g. of the import function: {@code preset=NAME name=NAME overwrite}. */
	static Map<String, String> importOptions(final String options) {
		return RestoreSettings.keyValues(options == null ? "" : options);
	}
}
