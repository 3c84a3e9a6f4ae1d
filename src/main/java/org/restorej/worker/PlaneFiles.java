package org.restorej.worker;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.restorej.imagej.ImageLayout;
import org.restorej.imagej.ImagePlanes;

/**
 * Image planes in a file shared by RestoreJ and its worker process: the planes one after another, in
 * ImageJ's XYCZT order, samples in native byte order, no header (the layout travels in the message).
 * RestoreJ writes and reads such files with plain channel I/O; the worker maps them, so that an image
 * never has to fit into the worker's heap.
 */
public final class PlaneFiles {

	/** Bytes moved per channel call (through one direct buffer, however large the plane). */
	private static final int CHUNK = 8 << 20;

	private PlaneFiles() {}

	public static void write(final Path file, final ImagePlanes planes) throws IOException {
		final ImageLayout l = planes.layout();
		final ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(CHUNK, l.planeBytes())).order(ByteOrder
			.nativeOrder());
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
			StandardOpenOption.TRUNCATE_EXISTING))
		{
			for (final Object pixels : planes.pixels()) {
				final int samples = l.planeSamples(), step = buffer.capacity() / l.kind().bytes();
				for (int start = 0; start < samples; start += step) {
					final int n = Math.min(step, samples - start);
					buffer.clear();
					switch (l.kind()) {
						case UINT8 -> buffer.put((byte[]) pixels, start, n);
						case UINT16 -> buffer.asShortBuffer().put((short[]) pixels, start, n);
						case FLOAT32 -> buffer.asFloatBuffer().put((float[]) pixels, start, n);
					}
					buffer.position(0).limit(n * l.kind().bytes());
					while (buffer.hasRemaining())
						ch.write(buffer);
				}
			}
		}
	}

	public static ImagePlanes read(final Path file, final ImageLayout l) throws IOException {
		final List<Object> planes = new ArrayList<>(l.planes());
		final ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(CHUNK, l.planeBytes())).order(ByteOrder
			.nativeOrder());
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			if (ch.size() != l.totalBytes()) throw new IOException(file + " holds " + ch.size() + " bytes, not the " + l
				.totalBytes() + " of " + l);
			for (int p = 0; p < l.planes(); p++) {
				final Object pixels = l.kind().newArray(l.planeSamples());
				final int samples = l.planeSamples(), step = buffer.capacity() / l.kind().bytes();
				for (int start = 0; start < samples; start += step) {
					final int n = Math.min(step, samples - start);
					buffer.clear().limit(n * l.kind().bytes());
					while (buffer.hasRemaining())
						if (ch.read(buffer) < 0) throw new IOException(file + " ended early");
					buffer.flip();
					switch (l.kind()) {
						case UINT8 -> buffer.get((byte[]) pixels, start, n);
						case UINT16 -> buffer.asShortBuffer().get((short[]) pixels, start, n);
						case FLOAT32 -> buffer.asFloatBuffer().get((float[]) pixels, start, n);
					}
				}
				planes.add(pixels);
			}
		}
		return new ImagePlanes(l, planes);
	}

	/**
	 * Maps the planes of a file, one buffer per plane (so a plane may be up to 2 GB), for reading or,
	 * with {@code create}, as a new file of the layout's size for writing.
	 */
	public static List<ByteBuffer> map(final Path file, final ImageLayout l, final boolean create)
		throws IOException
	{
		if (l.planeBytes() > Integer.MAX_VALUE) throw new IOException("a plane of " + l + " exceeds the 2 GB a " +
			"mapped buffer can hold: restore it in parts");
		final List<ByteBuffer> planes = new ArrayList<>(l.planes());
		try (FileChannel ch = create ? FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
			StandardOpenOption.CREATE_NEW) : FileChannel.open(file, StandardOpenOption.READ))
		{
			if (!create && ch.size() != l.totalBytes()) throw new IOException(file + " holds " + ch.size() +
				" bytes, not the " + l.totalBytes() + " of " + l);
			for (int p = 0; p < l.planes(); p++)
				planes.add(ch.map(create ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, p * l
					.planeBytes(), l.planeBytes()).order(ByteOrder.nativeOrder()));
		}
		return planes;
	}
}
