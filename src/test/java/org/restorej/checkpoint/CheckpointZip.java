package org.restorej.checkpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes zip archives laid out like torch.save output, for crafted test checkpoints. */
final class CheckpointZip {

	private final String root;
	private final Map<String, byte[]> entries = new LinkedHashMap<>();
	private boolean deflate;

	private CheckpointZip(final String root) {
		this.root = root;
	}

	/** An archive whose entries live under {@code root/}, as torch.save names them. */
	static CheckpointZip withRoot(final String root) {
		return new CheckpointZip(root);
	}

	CheckpointZip pickle(final byte[] pickle) {
		return entry(root + "/data.pkl", pickle);
	}

	CheckpointZip pickle(final PickleWriter pickle) {
		return pickle(pickle.bytes());
	}

	CheckpointZip storage(final String key, final byte[] bytes) {
		return entry(root + "/data/" + key, bytes);
	}

	/** Any entry, by full name. */
	CheckpointZip entry(final String name, final byte[] bytes) {
		entries.put(name, bytes);
		return this;
	}

	/** Compress entries (torch.save stores them; readers should cope with both). */
	CheckpointZip deflated() {
		deflate = true;
		return this;
	}

	Path writeTo(final Path file) throws IOException {
		entries.putIfAbsent(root + "/version", "3\n".getBytes());
		try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
			for (final Map.Entry<String, byte[]> e : entries.entrySet()) {
				final ZipEntry entry = new ZipEntry(e.getKey());
				if (deflate) entry.setMethod(ZipEntry.DEFLATED);
				else {
					entry.setMethod(ZipEntry.STORED);
					entry.setSize(e.getValue().length);
					final CRC32 crc = new CRC32();
					crc.update(e.getValue());
					entry.setCrc(crc.getValue());
				}
				zip.putNextEntry(entry);
				zip.write(e.getValue());
				zip.closeEntry();
			}
		}
		return file;
	}

	// -- little-endian storage bytes --

	static byte[] floats(final float... values) {
		final ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (final float v : values)
			b.putFloat(v);
		return b.array();
	}

	static byte[] doubles(final double... values) {
		final ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
		for (final double v : values)
			b.putDouble(v);
		return b.array();
	}

	static byte[] longs(final long... values) {
		final ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
		for (final long v : values)
			b.putLong(v);
		return b.array();
	}

	static byte[] ints(final int... values) {
		final ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (final int v : values)
			b.putInt(v);
		return b.array();
	}

	/** 16-bit words (float16/bfloat16 bit patterns, int16). */
	static byte[] shorts(final int... values) {
		final ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (final int v : values)
			b.putShort((short) v);
		return b.array();
	}

	static byte[] bytes(final int... values) {
		final byte[] b = new byte[values.length];
		for (int i = 0; i < b.length; i++)
			b[i] = (byte) values[i];
		return b;
	}

	/** Floats 0, 1, 2, ... n-1. */
	static byte[] ramp(final int n) {
		final float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = i;
		return floats(v);
	}
}
