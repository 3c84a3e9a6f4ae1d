package org.restorej.runtime;

import java.nio.file.Path;
import java.util.List;

import org.restorej.RestoreJException;

/**
 * A model folder whose SavedModel holds ops that RestoreJ's own exports never use. A SavedModel is a
 * program: ops such as WriteFile, ReadFile, SaveV2 or PrintV2 reach the host's files, so such a folder is
 * refused before any session runs it.
 */
public class DisallowedOpException extends RestoreJException {

	/** One refused node: its op, its name, and the library function holding it (null: the main graph). */
	public record Finding(String op, String node, String function) {

		@Override
		public String toString() {
			return "op " + op + " (node '" + node + "'" + (function == null ? "" : " in function '" + function + "'") +
				")";
		}
	}

	private final transient List<Finding> findings;

	public DisallowedOpException(final Path modelDir, final List<Finding> findings) {
		super("The model folder " + modelDir + " is refused: its SavedModel runs " + describe(findings) +
			", which RestoreJ's own exports never use and which may read or write files on this computer. " +
			"Do not run model folders of unknown origin; re-import the model from its checkpoint instead " +
			"(restorej import CHECKPOINT.pth -o FOLDER, or Plugins > RestoreJ > Import Checkpoint).");
		this.findings = List.copyOf(findings);
	}

	/** What was refused, in graph order (main graph first, then the library's functions). */
	public List<Finding> findings() {
		return findings;
	}

	private static String describe(final List<Finding> findings) {
		final int shown = Math.min(findings.size(), 5);
		final StringBuilder b = new StringBuilder();
		for (int i = 0; i < shown; i++)
			b.append(i == 0 ? "" : i == shown - 1 && shown == findings.size() ? " and " : ", ").append(findings.get(i));
		if (findings.size() > shown) b.append(" and ").append(findings.size() - shown).append(" more");
		return b.toString();
	}
}
