package org.restorej.engine;

/**
 * Where the engine reports what it decided and what went wrong and was recovered (the device, the
 * tiling, tiles split after running out of memory).
 */
@FunctionalInterface
public interface EngineLog {

	/** The JDK's platform logger {@code org.restorej.engine}, at INFO. */
	EngineLog SYSTEM = message -> System.getLogger("org.restorej.engine").log(System.Logger.Level.INFO, message);

	void info(String message);
}
