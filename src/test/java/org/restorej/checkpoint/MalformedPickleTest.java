package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken or resource-hungry pickles must fail fast with a message, not crash or exhaust memory. */
class MalformedPickleTest {

	@TempDir
	Path dir;

	private CheckpointException refused(final PickleWriter pickle, final String expectedInMessage)
		throws IOException
	{
		return refused(pickle.bytes(), expectedInMessage);
	}

	private CheckpointException refused(final byte[] pickle, final String expectedInMessage) throws IOException {
		final Path file = CheckpointZip.withRoot("archive").pickle(pickle).deflated().writeTo(dir.resolve("bad.pth"));
		final CheckpointException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
			() -> assertThrows(CheckpointException.class, () -> PthCheckpoint.open(file)));
		assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
		assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
		return e;
	}

	@Test
	void undefinedMemoEntry() throws IOException {
		refused(PickleWriter.protocol(2).longBinGet(123456).stop(), "memo entry 123456");
	}

	@Test
	void stackUnderflow() throws IOException {
		refused(PickleWriter.protocol(2).reduce().stop(), "stack underflow");
	}

	@Test
	void popBelowMark() throws IOException {
		refused(PickleWriter.protocol(2).none().mark().tuple1().stop(), "stack underflow");
	}

	@Test
	void missingStop() throws IOException {
		refused(PickleWriter.protocol(2).emptyDict(), "without a STOP");
	}

	@Test
	void stringLongerThanData() throws IOException {
		refused(PickleWriter.protocol(2).op('X').le(1000, 4).raw('a', 'b', 'c'), "truncated");
	}

	@Test
	void hugeUnicode8Length() throws IOException {
		refused(PickleWriter.protocol(4).op(0x8d).le(-2L, 8).raw('a'), "more bytes");
	}

	@Test
	void hugeLong4Integer() throws IOException {
		final CheckpointException e = refused(PickleWriter.protocol(2).op(0x8b).le(Integer.MAX_VALUE, 4), "integer");
		assertInstanceOf(UnsupportedCheckpointFormatException.class, e);
	}

	@Test
	void frameLongerThanData() throws IOException {
		refused(PickleWriter.protocol(4).frame(1L << 40).none().stop(), "frame");
	}

	@Test
	void deeplyNestedMarks() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2);
		for (int i = 0; i < SafeUnpickler.MAX_MARKS + 1; i++)
			p.mark();
		refused(p.stop(), "nested MARKs");
	}

	@Test
	void stackFlood() throws IOException {
		final byte[] p = new byte[SafeUnpickler.MAX_STACK + 10];
		java.util.Arrays.fill(p, (byte) 'N');
		refused(p, "stack grows beyond");
	}

	@Test
	void memoFlood() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).none();
		for (long i = 0; i <= SafeUnpickler.MAX_MEMO; i++)
			p.longBinPut(i);
		refused(p.stop(), "memo grows beyond");
	}

	/** 65 MB of NONE opcodes compress to almost nothing; the declared size alone must stop it. */
	@Test
	void oversizedPickleIsRefusedBeforeReading() throws IOException {
		final Path file = dir.resolve("bomb.pth");
		try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
			zip.putNextEntry(new ZipEntry("archive/data.pkl"));
			final byte[] chunk = new byte[1 << 20];
			java.util.Arrays.fill(chunk, (byte) 'N');
			for (int i = 0; i < 65; i++)
				zip.write(chunk);
			zip.closeEntry();
		}
		assertTrue(Files.size(file) < 1 << 20);
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(file));
		assertTrue(e.getMessage().contains("larger than " + SafeUnpickler.MAX_PICKLE_BYTES), e.getMessage());
	}

	@Test
	void unhashableDictKey() throws IOException {
		refused(PickleWriter.protocol(2).emptyDict().emptyList().none().setItem().stop(), "unhashable list");
	}

	/** A list containing itself must not send anything into infinite recursion. */
	@Test
	void selfReferencingListIsHarmless() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().str("loop").emptyList().binPut(0).binGet(0)
			.append().setItem().stop();
		refused(p, "'loop'");
	}

	@Test
	void unknownOpcode() throws IOException {
		refused(PickleWriter.protocol(2).op(0xff).stop(), "unknown opcode");
	}

	@Test
	void unsupportedProtocolVersion() throws IOException {
		assertInstanceOf(UnsupportedCheckpointFormatException.class,
			refused(PickleWriter.protocol(9).none().stop(), "protocol 9"));
	}

	@Test
	void persistentIdOtherThanStorage() throws IOException {
		assertInstanceOf(UnsupportedCheckpointFormatException.class, refused(PickleWriter.protocol(2).mark()
			.str("module").str("x").tuple().binPersId().stop(), "persistent id"));
	}

	@Test
	void negativeStorageSize() throws IOException {
		refused(PickleWriter.protocol(2).storage("FloatStorage", "0", "cpu", -5).stop(), "negative size");
	}

	@Test
	void wrongRebuildArity() throws IOException {
		refused(PickleWriter.protocol(2).global("torch._utils", "_rebuild_tensor_v2").emptyTuple().reduce().stop(),
			"6 or 7 arguments");
	}

	@Test
	void invalidUtf8String() throws IOException {
		refused(PickleWriter.protocol(2).op('X').le(2, 4).raw(0xc3, 0x28).stop(), "UTF-8");
	}

	@Test
	void valuesLeftOnStack() throws IOException {
		refused(PickleWriter.protocol(2).none().none().stop(), "left on the stack");
	}
}
