package org.restorej.worker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message between RestoreJ and its worker process: a type and named text fields. Pixels never
 * travel in messages (they go through files, see {@link PlaneFiles}), so messages stay small; the
 * framing is length-prefixed UTF-8, readable without any library on either side.
 */
public record Message(String type, Map<String, String> fields) {

	/** Messages longer than this are refused as a corrupt stream. */
	private static final int MAX_STRING = 16 << 20;

	public Message {
		fields = Map.copyOf(fields);
	}

	public static Message of(final String type, final String... keyValues) {
		if (keyValues.length % 2 != 0) throw new IllegalArgumentException("key without value");
		final Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2)
			m.put(keyValues[i], keyValues[i + 1] == null ? "" : keyValues[i + 1]);
		return new Message(type, m);
	}

	/** The field, or {@code ""} if absent. */
	public String get(final String key) {
		return fields.getOrDefault(key, "");
	}

	public long getLong(final String key) {
		final String v = get(key);
		return v.isEmpty() ? 0 : Long.parseLong(v);
	}

	public boolean is(final String t) {
		return type.equals(t);
	}

	public void write(final DataOutputStream out) throws IOException {
		writeString(out, type);
		out.writeInt(fields.size());
		for (final Map.Entry<String, String> e : fields.entrySet()) {
			writeString(out, e.getKey());
			writeString(out, e.getValue());
		}
		out.flush();
	}

	/** The next message, or null at the end of the stream. */
	public static Message read(final DataInputStream in) throws IOException {
		final String type;
		try {
			type = readString(in);
		}
		catch (final EOFException e) {
			return null;
		}
		final int n = in.readInt();
		if (n < 0 || n > 1000) throw new IOException("corrupt message stream: " + n + " fields");
		final Map<String, String> m = new LinkedHashMap<>();
		for (int i = 0; i < n; i++)
			m.put(readString(in), readString(in));
		return new Message(type, m);
	}

	private static void writeString(final DataOutputStream out, final String s) throws IOException {
		final byte[] b = s.getBytes(StandardCharsets.UTF_8);
		out.writeInt(b.length);
		out.write(b);
	}

	private static String readString(final DataInputStream in) throws IOException {
		final int n = in.readInt();
		if (n < 0 || n > MAX_STRING) throw new IOException("corrupt message stream: a string of " + n + " bytes");
		final byte[] b = new byte[n];
		in.readFully(b);
		return new String(b, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return type + fields;
	}
}
