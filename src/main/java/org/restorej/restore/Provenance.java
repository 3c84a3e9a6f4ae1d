package org.restorej.restore;

import java.nio.file.Path;

/** The line a restored image carries in its Info, so that it can be reproduced. */
public final class Provenance {

	private Provenance() {}

	public static String note(final Path model, final RestoreSettings settings, final String device) {
		return "RestoreJ: model=[" + model + "] " + settings.toOptions() + (device == null || device.isEmpty() ? ""
			: " (ran on " + device + ")");
	}
}
