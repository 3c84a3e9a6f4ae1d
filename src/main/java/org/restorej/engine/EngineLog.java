package org.restorej.engine;

/**
 * Where the engine reports what it decided and what went wrong and was recovered (the device, the
 * tiling, tiles split after running out of memory), and warnings a user must see (a result that looks
 * off scale).
 */
@FunctionalInterface
public interface EngineLog {

	/** The JDK's platform logger {@code org.restorej.engine}, at INFO (warnings at WARNING). */
	EngineLog SYSTEM = new EngineLog() {

		@Override
		public void info(final String message) {
			System.getLogger("org.restorej.engine").log(System.Logger.Level.INFO, message);
		}

		@Override
		public void warning(final String message) {
			System.getLogger("org.restorej.engine").log(System.Logger.Level.WARNING, message);
		}
	};

	void info(String message);

	/** Something about the result the user must be told; by default a line of the log. */
	default void warning(final String message) {
		info("Warning: " + message);
	}
}
