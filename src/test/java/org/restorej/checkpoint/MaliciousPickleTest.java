package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile pickles, assembled by hand. Each would run a command (creating a marker file) if it were
 * unpickled by Python; the reader must refuse it, name the global, and not create the marker.
 */
class MaliciousPickleTest {

	@TempDir
	Path dir;

	private Path marker() {
		return dir.resolve("pwned-marker");
	}

	private Path zipWith(final PickleWriter pickle) throws IOException {
		return CheckpointZip.withRoot("archive").pickle(pickle).writeTo(dir.resolve("evil.pth"));
	}

	private UnsafePickleException assertRefused(final Path file, final String global) {
		final UnsafePickleException e = assertThrows(UnsafePickleException.class, () -> PthCheckpoint.open(file));
		assertEquals(global, e.global());
		final String message = e.getMessage();
		assertTrue(message.contains("'" + global + "'"), message);
		assertTrue(message.contains(file.toString()), message);
		assertTrue(message.contains("not a plain PyTorch state dict") && message.contains("malicious") &&
			message.contains("will not be loaded"), message);
		assertEquals(file, e.file());
		assertFalse(Files.exists(marker()), "the command must not have run");
		return e;
	}

	/** {@code module.name('touch <marker>')} via GLOBAL + REDUCE, the classic pickle exploit. */
	@ParameterizedTest
	@CsvSource({ "os, system", "posix, system", "nt, system", "builtins, eval", "builtins, exec",
		"__builtin__, getattr", "__builtin__, eval", "subprocess, Popen", "subprocess, check_output",
		"mymodule, Foo", "collections, defaultdict", "torch, load", "torch.serialization, load",
		"torch.nn.modules.conv, Conv2d", "numpy.core.multiarray, _reconstruct", "torch._utils, _rebuild_qtensor",
		"builtins, __import__", "webbrowser, open" })
	void globalCalledWithCommandIsRefused(final String module, final String name) throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).global(module, name).mark()
			.str("touch " + marker()).tuple().reduce().stop();
		assertRefused(zipWith(p), module + "." + name);
	}

	/** The hostile call hidden among genuine tensors of a state dict. */
	@Test
	void hostileValueInsideStateDictIsRefused() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().str("params").emptyOrderedDict().mark()
			.str("conv.weight").floatTensor("0", 2)
			.str("conv.bias").global("posix", "system").str("touch " + marker()).tuple1().reduce()
			.setItems().setItem().stop();
		final Path file = CheckpointZip.withRoot("archive").pickle(p).storage("0", CheckpointZip.floats(1, 2))
			.writeTo(dir.resolve("evil.pth"));
		assertRefused(file, "posix.system");
	}

	@Test
	void stackGlobalIsRefused() throws IOException {
		final PickleWriter p = PickleWriter.protocol(4).stackGlobal("os", "system")
			.shortStr("touch " + marker()).tuple1().reduce().stop();
		assertRefused(zipWith(p), "os.system");
	}

	@Test
	void instOpcodeIsRefused() throws IOException {
		// protocol 0 INST: MARK args INST 'module\nname\n' instantiates module.name(*args)
		final PickleWriter p = new PickleWriter().mark().str("touch " + marker()).op('i').text("subprocess")
			.text("Popen").stop();
		assertRefused(zipWith(p), "subprocess.Popen");
	}

	@Test
	void objOpcodeWithUnknownClassIsRefused() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).mark().global("mymodule", "Foo").str("x").op('o').stop();
		assertRefused(zipWith(p), "mymodule.Foo");
	}

	@Test
	void newObjAndBuildOfUnknownClassAreRefused() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).global("mymodule", "Foo").emptyTuple().newObj()
			.emptyDict().str("cmd").str("touch " + marker()).setItem().build().stop();
		assertRefused(zipWith(p), "mymodule.Foo");
	}

	@Test
	void extensionRegistryCodeIsRefused() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).op(0x82).raw(1).emptyTuple().reduce().stop();
		final UnsafePickleException e = assertThrows(UnsafePickleException.class,
			() -> PthCheckpoint.open(zipWith(p)));
		assertTrue(e.global().contains("extension"), e.global());
	}

	@Test
	void controlCharactersInGlobalNameAreEscapedInTheMessage() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).global("os\u001b[2J", "system").stop();
		final UnsafePickleException e = assertThrows(UnsafePickleException.class,
			() -> PthCheckpoint.open(zipWith(p)));
		assertEquals("os\\u001b[2J.system", e.global());
		assertFalse(e.getMessage().contains("\u001b"), "raw escape sequences must not reach a terminal");
	}

	@Test
	void allowListedStorageClassCannotBeCalled() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).global("torch", "FloatStorage").emptyTuple().reduce().stop();
		final Path file = zipWith(p);
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(file));
		assertTrue(e.getMessage().contains("torch.FloatStorage") && e.getMessage().contains("cannot be called"),
			e.getMessage());
	}

	@Test
	void rebuildFunctionCannotBeInstantiatedWithNewObj() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).global("torch._utils", "_rebuild_tensor_v2").emptyTuple()
			.newObj().stop();
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(zipWith(p)));
		assertTrue(e.getMessage().contains("_rebuild_tensor_v2"), e.getMessage());
	}

	@Test
	void buildIsOnlyAcceptedOnOrderedDict() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().emptyDict().str("__class__").str("x")
			.setItem().build().stop();
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(zipWith(p)));
		assertTrue(e.getMessage().contains("BUILD"), e.getMessage());
	}

	@Test
	void unsupportedTorchStorageTypeIsNamed() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).global("torch", "ComplexFloatStorage").stop();
		final UnsupportedCheckpointFormatException e = assertThrows(UnsupportedCheckpointFormatException.class,
			() -> PthCheckpoint.open(zipWith(p)));
		assertTrue(e.getMessage().contains("torch.ComplexFloatStorage"), e.getMessage());
	}

	/** The same exploit as a bare pickle file (no zip): reported as legacy format, never interpreted. */
	@Test
	void hostileBarePickleFileIsNotInterpreted() throws IOException {
		final Path file = dir.resolve("legacy.pth");
		Files.write(file, PickleWriter.protocol(2).global("os", "system").str("touch " + marker()).tuple1()
			.reduce().stop().bytes());
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(file));
		assertInstanceOf(UnsupportedCheckpointFormatException.class, e);
		assertTrue(e.getMessage().contains("_use_new_zipfile_serialization=True"), e.getMessage());
		assertFalse(Files.exists(marker()));
	}

	/** A persistent id smuggling a path into the storage lookup. */
	@Test
	void storageKeyWithPathIsRefused() throws IOException {
		final PickleWriter p = PickleWriter.protocol(2).emptyDict().str("w")
			.tensor("FloatStorage", "../../etc/passwd", 1, 0, new long[] { 1 }, new long[] { 1 }).setItem().stop();
		final CheckpointException e = assertThrows(CheckpointException.class, () -> PthCheckpoint.open(zipWith(p)));
		assertTrue(e.getMessage().contains("not a plain name"), e.getMessage());
	}
}
