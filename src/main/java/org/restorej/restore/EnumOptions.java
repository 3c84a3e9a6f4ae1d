package org.restorej.restore;

import java.util.Locale;

/** Options whose values name an enum's constants, in any case. */
public final class EnumOptions {

	private EnumOptions() {}

	/**
	 * The constant of {@code type} that {@code value} names; empty means the first, the default (as
	 * headless SciJava passes empty strings for inputs nobody gave).
	 *
	 * @throws InvalidSettingException naming {@code key} and the {@code expected} values otherwise
	 */
	public static <E extends Enum<E>> E parse(final Class<E> type, final String key, final String value,
		final String expected)
	{
		if (value == null || value.isBlank()) return type.getEnumConstants()[0];
		try {
			return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
		}
		catch (final IllegalArgumentException e) {
			throw new InvalidSettingException(key, value, expected);
		}
	}
}
