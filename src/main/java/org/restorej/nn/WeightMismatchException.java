package org.restorej.nn;

import java.util.List;

import org.restorej.RestoreJException;

/**
 * The checkpoint and the network disagree: keys missing on either side, or shapes that differ. The
 * message lists them and, where one can be guessed, the configuration the checkpoint was made for.
 */
public class WeightMismatchException extends RestoreJException {

	private final List<String> missing;
	private final List<String> unexpected;
	private final List<String> wrongShape;

	public WeightMismatchException(final String source, final List<String> missing,
		final List<String> unexpected, final List<String> wrongShape, final String hint)
	{
		super(message(source, missing, unexpected, wrongShape, hint));
		this.missing = List.copyOf(missing);
		this.unexpected = List.copyOf(unexpected);
		this.wrongShape = List.copyOf(wrongShape);
	}

	public List<String> missing() {
		return missing;
	}

	public List<String> unexpected() {
		return unexpected;
	}

	public List<String> wrongShape() {
		return wrongShape;
	}

	private static String message(final String source, final List<String> missing,
		final List<String> unexpected, final List<String> wrongShape, final String hint)
	{
		final StringBuilder sb = new StringBuilder("The weights in " + source +
			" do not fit the chosen network configuration.");
		appendList(sb, "missing from the checkpoint", missing);
		appendList(sb, "in the checkpoint but not in the network", unexpected);
		appendList(sb, "with a different shape", wrongShape);
		if (hint != null && !hint.isBlank()) sb.append("\nHint: ").append(hint);
		else sb.append("\nCheck the --preset or --config given to import; 'restorej import' without them detects the configuration from the checkpoint.");
		return sb.toString();
	}

	private static void appendList(final StringBuilder sb, final String what, final List<String> keys) {
		if (keys.isEmpty()) return;
		sb.append("\n").append(keys.size()).append(" key(s) ").append(what).append(": ");
		final int shown = Math.min(keys.size(), 12);
		sb.append(String.join(", ", keys.subList(0, shown)));
		if (shown < keys.size()) sb.append(", ... (").append(keys.size() - shown).append(" more)");
	}
}
