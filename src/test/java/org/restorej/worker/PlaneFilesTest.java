package org.restorej.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.imagej.ImageLayout;
import org.restorej.imagej.ImagePlanes;
import org.restorej.imagej.PixelKind;

/** The worker's two channels: messages on the pipe, planes in files. */
class PlaneFilesTest {

	@TempDir
	Path dir;

	@Test
	void planesWrittenAreWhatTheMappedBuffersAndTheReaderSee() throws Exception {
		final ImageLayout l = new ImageLayout(3, 2, 2, 1, 1, PixelKind.UINT16);
		final short[] a = { 1, 2, 3, 4, 5, -1 }, b = { 7, 8, 9, 10, 11, 12 };
		final Path file = dir.resolve("p");
		PlaneFiles.write(file, new ImagePlanes(l, List.of(a, b)));
		assertEquals(24, Files.size(file));
		final List<ByteBuffer> mapped = PlaneFiles.map(file, l, false);
		assertEquals(-1, mapped.get(0).asShortBuffer().get(5), "native order, unsigned 65535 as stored");
		assertEquals(12, mapped.get(1).asShortBuffer().get(5));
		final ImagePlanes back = PlaneFiles.read(file, l);
		assertArrayEquals(a, (short[]) back.pixels().get(0));
		assertArrayEquals(b, (short[]) back.pixels().get(1));
		assertThrows(IOException.class, () -> PlaneFiles.read(file, l.with(3, PixelKind.UINT16)), "size mismatch");
	}

	@Test
	void floatPlanesLargerThanOneCopyBuffer() throws Exception {
		final ImageLayout l = new ImageLayout(1500, 1500, 1, 1, 1, PixelKind.FLOAT32);
		final float[] v = new float[1500 * 1500];
		for (int i = 0; i < v.length; i++)
			v[i] = i * 0.5f;
		final Path file = dir.resolve("f");
		PlaneFiles.write(file, new ImagePlanes(l, List.of(v)));
		assertArrayEquals(v, (float[]) PlaneFiles.read(file, l).pixels().get(0));
	}

	@Test
	void messagesRoundTripAndTheStreamEndsCleanly() throws Exception {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		final DataOutputStream out = new DataOutputStream(bytes);
		final Message m = Message.of("restore", "name", "zellen ü.tif", "layout", "3x2 c1 z1 t1 uint8");
		m.write(out);
		Message.of("cancel").write(out);
		final DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
		assertEquals(m, Message.read(in));
		assertEquals("cancel", Message.read(in).type());
		assertNull(Message.read(in));
		assertEquals(ImageLayout.parse(m.get("layout")), new ImageLayout(3, 2, 1, 1, 1, PixelKind.UINT8));
	}
}
