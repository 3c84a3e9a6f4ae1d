package org.restorej.nn;

import java.util.List;
import java.util.Map;

import org.restorej.RestoreJException;
import org.restorej.nn.ast.AstConfig;
import org.restorej.nn.restormer.RestormerConfig;

/** The architectures RestoreJ builds, by the names used in model descriptions and on the command line. */
public final class Architectures {

	public static final List<String> NAMES = List.of("restormer", "ast");

	private Architectures() {}

	/** A network from the official PyTorch constructor's keyword arguments. */
	public static NetworkConfig fromOfficialArguments(final String architecture, final Map<String, ?> args) {
		try {
			return switch (architecture.toLowerCase()) {
				case "restormer" -> RestormerConfig.fromOfficialArguments(args);
				case "ast" -> AstConfig.fromOfficialArguments(args);
				default -> throw new UnknownArchitectureException(architecture);
			};
		}
		catch (final IllegalArgumentException | ClassCastException e) {
			throw new RestoreJException("Invalid " + architecture + " configuration " + args + ": " +
				e.getMessage() + ". Give the official constructor's keyword arguments (see README).", e);
		}
	}

	/** An architecture name RestoreJ does not know. */
	public static class UnknownArchitectureException extends RestoreJException {
		public UnknownArchitectureException(final String name) {
			super("Unknown architecture '" + name + "': use one of " + NAMES + ".");
		}
	}
}
