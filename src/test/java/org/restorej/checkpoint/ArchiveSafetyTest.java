package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.restorej.checkpoint.CheckpointZip.floats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The container and the tensor geometry: every problem is reported with the file and the cause. */
class ArchiveSafetyTest {

	@TempDir
	Path dir;

	private static CheckpointException refused(final Path file, final String... expectedInMessage) {
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(file));
		assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
		assertEquals(file, e.file());
		for (final String s : expectedInMessage)
			assertTrue(e.getMessage().contains(s), "expected '" + s + "' in: " + e.getMessage());
		return e;
	}

	private static PickleWriter validPickle() {
		return PickleWriter.protocol(2).emptyDict().str("w").floatTensor("0", 2).setItem().stop();
	}

	@ParameterizedTest
	@ValueSource(strings = { "../evil/data.pkl", "/abs/data.pkl", "archive/../../x", "C:/evil/data.pkl",
		"archive\\..\\..\\x" })
	void entriesEscapingTheArchiveAreRefused(final String name) throws IOException {
		final Path file = CheckpointZip.withRoot("archive").pickle(validPickle()).storage("0", floats(1, 2))
			.entry(name, new byte[] { 1 }).writeTo(dir.resolve("slip.pth"));
		refused(file, "outside the archive");
	}

	@Test
	void truncatedZipIsRefused() throws IOException {
		final byte[] whole = Files.readAllBytes(RealCheckpointFixtureTest.restormer("ckpt_official.pth"));
		final Path file = dir.resolve("truncated.pth");
		Files.write(file, Arrays.copyOf(whole, whole.length * 3 / 5));
		refused(file, "truncated");
	}

	@Test
	void fileThatIsNotAZipIsRefused() throws IOException {
		final Path file = dir.resolve("notes.pth");
		Files.writeString(file, "these are not weights", StandardCharsets.UTF_8);
		refused(file, "not a PyTorch checkpoint", "zip archive");
	}

	/** torch.save(..., _use_new_zipfile_serialization=False) starts with a pickled magic number. */
	@Test
	void legacyPickleFormatIsReportedWithRemedy() throws IOException {
		final Path file = dir.resolve("old.pth");
		Files.write(file, CheckpointZip.bytes(0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8,
			0x50, 0x19, 0x2e));
		final CheckpointException e = refused(file, "legacy", "PyTorch before 1.6",
			"_use_new_zipfile_serialization=True");
		assertInstanceOf(UnsupportedCheckpointFormatException.class, e);
	}

	@Test
	void legacyTarFormatIsReportedWithRemedy() throws IOException {
		final byte[] tar = new byte[1024];
		System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
		final Path file = dir.resolve("ancient.pth");
		Files.write(file, tar);
		assertInstanceOf(UnsupportedCheckpointFormatException.class,
			refused(file, "tar archive", "_use_new_zipfile_serialization=True"));
	}

	@Test
	void emptyMissingAndDirectoryAreRefused() throws IOException {
		final Path empty = Files.createFile(dir.resolve("empty.pth"));
		refused(empty, "empty");
		refused(dir.resolve("absent.pth"), "does not exist");
		refused(Files.createDirectory(dir.resolve("folder.pth")), "directory");
	}

	@Test
	void zipWithoutDataPklIsRefused() throws IOException {
		final Path file = CheckpointZip.withRoot("archive").entry("archive/weights.bin", new byte[4])
			.writeTo(dir.resolve("other.zip"));
		refused(file, "data.pkl");
	}

	@Test
	void zipWithTwoDataPklIsRefused() throws IOException {
		final Path file = CheckpointZip.withRoot("a").pickle(validPickle()).entry("b/data.pkl", validPickle().bytes())
			.writeTo(dir.resolve("two.pth"));
		refused(file, "2 data.pkl entries");
	}

	@Test
	void torchScriptArchiveIsReported() throws IOException {
		final Path file = CheckpointZip.withRoot("model").pickle(validPickle())
			.entry("model/constants.pkl", PickleWriter.protocol(2).emptyTuple().stop().bytes())
			.entry("model/code/__torch__/model.py", "def forward(self, x): ...".getBytes())
			.writeTo(dir.resolve("scripted.pt"));
		assertInstanceOf(UnsupportedCheckpointFormatException.class, refused(file, "TorchScript"));
	}

	@Test
	void missingStorageEntryIsRefused() throws IOException {
		final Path file = CheckpointZip.withRoot("archive").pickle(validPickle()).writeTo(dir.resolve("nodata.pth"));
		refused(file, "'w'", "archive/data/0", "missing");
	}

	@Test
	void storageEntrySmallerThanDeclaredIsRefused() throws IOException {
		final Path file = CheckpointZip.withRoot("archive").pickle(validPickle()).storage("0", floats(1))
			.writeTo(dir.resolve("short.pth"));
		refused(file, "'w'", "2 float32 elements (8 bytes)", "only 4 bytes");
	}

	private Path withTensor(final long storageNumel, final long offset, final long[] shape, final long[] stride)
		throws IOException
	{
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().str("w")
			.tensor("FloatStorage", "0", storageNumel, offset, shape, stride).setItem().stop();
		return CheckpointZip.withRoot("archive").pickle(p).storage("0", floats(1, 2, 3))
			.writeTo(dir.resolve("geometry.pth"));
	}

	@Test
	void tensorLargerThanItsStorageIsRefused() throws IOException {
		refused(withTensor(3, 0, new long[] { 4 }, new long[] { 1 }), "past the end of storage 0");
	}

	@Test
	void offsetOrStrideReachingPastStorageIsRefused() throws IOException {
		refused(withTensor(3, 2, new long[] { 2 }, new long[] { 1 }), "reaches element 3");
		refused(withTensor(3, 0, new long[] { 2, 2 }, new long[] { 2, 1 }), "past the end");
		refused(withTensor(3, 4, new long[] { 0 }, new long[] { 1 }), "offset lies past the end");
	}

	@Test
	void negativeOrOverflowingGeometryIsRefused() throws IOException {
		refused(withTensor(3, 0, new long[] { -1 }, new long[] { 1 }), "negative size");
		refused(withTensor(3, 0, new long[] { 3 }, new long[] { -1 }), "negative stride");
		refused(withTensor(3, -1, new long[] { 1 }, new long[] { 1 }), "negative storage offset");
		refused(withTensor(3, 0, new long[] { 1L << 40, 1L << 40 }, new long[] { 0, 0 }), "overflows");
		refused(withTensor(3, 0, new long[] { 3 }, new long[] { 1, 1 }), "differ in length");
	}

	@Test
	void storageSizeOverflowingBytesIsRefused() throws IOException {
		refused(withTensor(Long.MAX_VALUE / 2, 0, new long[] { 1 }, new long[] { 1 }), "overflows");
	}

	@Test
	void storageDeclaredHugeButEntrySmallIsRefused() throws IOException {
		// 1e12 floats declared; only 12 bytes present
		refused(withTensor(1_000_000_000_000L, 0, new long[] { 1_000_000, 1_000_000 }, new long[] { 1_000_000, 1 }),
			"holds only 12 bytes");
	}

	@Test
	void invalidByteOrderIsRefused() throws IOException {
		final Path file = CheckpointZip.withRoot("a").pickle(validPickle()).storage("0", floats(1, 2))
			.entry("a/byteorder", "middle".getBytes()).writeTo(dir.resolve("order.pth"));
		refused(file, "byteorder");
	}

	@Test
	void topLevelDataPklWithoutRootIsAccepted() throws IOException {
		final Path file = CheckpointZip.withRoot("ignored").entry("data.pkl", validPickle().bytes())
			.entry("data/0", floats(1, 2)).writeTo(dir.resolve("flat.pth"));
		try (PthCheckpoint ckpt = PthCheckpoint.open(file)) {
			assertEquals("data/0", ckpt.stateDict().get("w").storage().entryName());
			assertEquals(2, ckpt.stateDict().get("w").readFloats().length);
		}
	}
}
