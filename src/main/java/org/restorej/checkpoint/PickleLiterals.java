package org.restorej.checkpoint;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decoding of the literal encodings a pickle uses for strings and numbers. */
final class PickleLiterals {

	private PickleLiterals() {}

	static String utf8(final byte[] b) {
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
		}
		catch (final CharacterCodingException e) {
			throw PickleError.malformed("a string is not valid UTF-8");
		}
	}

	static String latin1(final byte[] b) {
		return new String(b, StandardCharsets.ISO_8859_1);
	}

	/** Python's raw-unicode-escape: Latin-1 text in which only backslash-u escapes are special. */
	static String rawUnicodeEscape(final byte[] b) {
		final StringBuilder s = new StringBuilder(b.length);
		int i = 0;
		while (i < b.length) {
			final char c = (char) (b[i] & 0xff);
			if (c == '\\' && i + 1 < b.length && (b[i + 1] == 'u' || b[i + 1] == 'U')) {
				final int digits = b[i + 1] == 'u' ? 4 : 8;
				if (i + 2 + digits > b.length) throw PickleError.malformed("truncated \\u escape");
				final String hex = new String(b, i + 2, digits, StandardCharsets.ISO_8859_1);
				try {
					s.appendCodePoint(Integer.parseUnsignedInt(hex, 16));
				}
				catch (final IllegalArgumentException e) {
					throw PickleError.malformed("bad \\u escape");
				}
				i += 2 + digits;
			}
			else {
				s.append(c);
				i++;
			}
		}
		return s.toString();
	}

	/** Decimal text (INT, LONG); a {@link Long} when it fits, else a {@link BigInteger}. */
	static Object decimalInteger(final String s) {
		if (s.length() > 100) throw PickleError.unsupported("an integer literal of " + s.length() + " digits");
		try {
			return normalize(new BigInteger(s));
		}
		catch (final NumberFormatException e) {
			throw PickleError.malformed("'" + PickleValues.sanitize(s) + "' is not an integer");
		}
	}

	static long memoIndex(final String s) {
		try {
			return Long.parseLong(s);
		}
		catch (final NumberFormatException e) {
			throw PickleError.malformed("'" + PickleValues.sanitize(s) + "' is not a memo index");
		}
	}

	/** Python's repr of a float (FLOAT). */
	static Double decimalFloat(final String s) {
		switch (s) {
			case "inf":
				return Double.POSITIVE_INFINITY;
			case "-inf":
				return Double.NEGATIVE_INFINITY;
			case "nan":
				return Double.NaN;
			default:
				try {
					return Double.valueOf(s);
				}
				catch (final NumberFormatException e) {
					throw PickleError.malformed("'" + PickleValues.sanitize(s) + "' is not a float");
				}
		}
	}

	/** Two's-complement little-endian, as LONG1/LONG4 store it. */
	static Object littleEndianInteger(final byte[] le) {
		if (le.length == 0) return 0L;
		final byte[] be = new byte[le.length];
		for (int i = 0; i < le.length; i++)
			be[i] = le[le.length - 1 - i];
		return normalize(new BigInteger(be));
	}

	private static Object normalize(final BigInteger v) {
		return v.bitLength() < 64 ? (Object) v.longValue() : v;
	}
}
