package org.restorej.restore;

import org.restorej.RestoreJException;

/** A restoration option with a value that cannot be used; the message names the option and its forms. */
public class InvalidSettingException extends RestoreJException {

	public InvalidSettingException(final String key, final String value, final String expected) {
		super("Option " + key + "=" + (value == null ? "(missing)" : "'" + value + "'") + " cannot be used: " +
			expected + ".");
	}
}
