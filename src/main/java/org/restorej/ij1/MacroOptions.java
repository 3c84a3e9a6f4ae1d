package org.restorej.ij1;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.restorej.restore.OutputCompression;
import org.restorej.restore.RestoreSettings;
import org.restorej.restore.StreamingMode;

/**
 * A macro extension's options string: the restoration options ({@link RestoreSettings#parse}) and
 * the file options {@code overwrite}, {@code streaming=auto|on|off} and
 * {@code compression=auto|none|deflate} (named as the command line's {@code --streaming} and
 * {@code --compression}). The same {@code key=value} form as a recorded {@code run(...)} line.
 */
record MacroOptions(RestoreSettings settings, boolean overwrite, StreamingMode streaming,
	OutputCompression compression)
{

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
		final Map<String, String> values = new LinkedHashMap<>(RestoreSettings.keyValues(rest.toString()));
		final StreamingMode streaming = StreamingMode.parse(values.remove("streaming"));
		final OutputCompression compression = OutputCompression.parse(values.remove("compression"));
		return new MacroOptions(RestoreSettings.parse(values), overwrite, streaming, compression);
	}

	/** Options as keys and values, e.g. of the import function: {@code preset=NAME name=NAME overwrite}. */
	static Map<String, String> importOptions(final String options) {
		return RestoreSettings.keyValues(options == null ? "" : options);
	}
}
