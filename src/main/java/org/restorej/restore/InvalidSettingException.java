package org.restorej.restore;

import org.restorej.RestoreJException;

/** A restoration option with a value that cannot be used; the message names the option and its forms. */
public class InvalidSettingException extends RestoreJException {

	private final String key, value, expected;

	public InvalidSettingException(final String key, final String value, final String expected) {
		super("Option " + key + "=" + (value == null ? "(missing)" : "'" + value + "'") + " cannot be used: " +
			expected + ".");
		this.key = key;
		this.value = value;
		this.expected = expected;
	}

	/** The option's key as macros and Fiji spell it ({@code type}, {@code tile}). */
	public String key() {
		return key;
	}

	public String value() {
		return value;
	}

	/** What the option takes. */
	public String expected() {
		return expected;
	}
}
