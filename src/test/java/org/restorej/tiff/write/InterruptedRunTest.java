package org.restorej.tiff.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import net.imglib2.type.numeric.integer.UnsignedShortType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.tiff.SampleType;

/**
 * A run stopped while it writes (Ctrl-C on the command line sends the same signal as
 * {@link Process#destroy()}) leaves no temporary file, like a run that fails.
 */
class InterruptedRunTest {

	@TempDir
	Path dir;

	/** Starts a writer on {@code args[0]}, says so, and waits to be stopped. */
	public static void main(final String[] args) throws Exception {
		final TiledTiffWriter<UnsignedShortType> w = TiledTiffWriter.create(Paths.get(args[0]), TiffOutputSpec.of(64, 64,
			1, 1, 1, SampleType.UINT16));
		w.output().randomAccess().setPositionAndGet(3, 3, 0, 0, 0).set(7);
		w.rowsFinished(0, 0, 16);
		System.out.println("writing");
		System.out.flush();
		Thread.sleep(60_000);
	}

	@Test
	void aStoppedJvmLeavesNoTemporaryFile() throws Exception {
		final Path target = dir.resolve("out.tif");
		final Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
			System.getProperty("java.class.path"), InterruptedRunTest.class.getName(), target.toString())
				.redirectErrorStream(true).start();
		try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
			StandardCharsets.UTF_8)))
		{
			String line;
			while ((line = out.readLine()) != null && !line.equals("writing")) {
				// start-up output
			}
			assertEquals("writing", line, "the writer started");
			assertEquals(1, listing().size(), "the temporary file exists while writing");
			p.destroy();
			assertTrue(p.waitFor(30, TimeUnit.SECONDS));
		}
		finally {
			p.destroyForcibly();
		}
		assertEquals(List.of(), listing(), "nothing left: no output, no temporary file");
	}

	private List<Path> listing() throws Exception {
		try (Stream<Path> s = Files.list(dir)) {
			return s.toList();
		}
	}
}
