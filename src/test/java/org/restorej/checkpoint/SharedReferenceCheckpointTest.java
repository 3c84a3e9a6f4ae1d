package org.restorej.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.restorej.ReferenceFixtures;

/**
 * Every checkpoint of the full reference fixture set, when it is present on this machine (skipped
 * elsewhere; the bundled subset in src/test/resources/reference covers the essentials).
 */
class SharedReferenceCheckpointTest {

	@Test
	void allReferenceCheckpointsMatchTheirKeyListingsAndReadOnlyModelStorages() throws IOException {
		final Path reference = ReferenceFixtures.shared();
		assumeTrue(reference != null, "full reference fixtures not available (../shared/reference or "
			+ "-Drestorej.reference.dir)");
		final List<Path> files;
		try (Stream<Path> s = Files.walk(reference, 3)) {
			files = s.filter(p -> p.getFileName().toString().matches("ckpt_.*\\.pth")).sorted()
				.collect(Collectors.toList());
		}
		assertTrue(files.size() >= 10, "found " + files);
		for (final Path file : files) {
			final var expected = ReferenceFixtures.keyListing(file.resolveSibling("state_dict_keys.json"));
			try (PthCheckpoint ckpt = PthCheckpoint.open(file)) {
				RealCheckpointFixtureTest.assertMatchesListing(expected, ckpt.stateDict());
				final Set<String> storages = new HashSet<>();
				for (final TensorEntry t : ckpt.stateDict().entries()) {
					storages.add(t.storage().key());
					if (t.dtype().isFloatingPoint()) t.readFloats();
					else t.readLongs();
				}
				final long[] bytes = storageBytes(file, storages);
				assertEquals(bytes[0], ckpt.storageBytesRead(), file.toString());
				if (ckpt.wrapper().contains("'optimizer'"))
					assertTrue(bytes[0] < bytes[1] / 2, file + ": optimizer storages must stay unread");
			}
		}
	}

	/** {bytes of the given storages, bytes of all storages}, from the zip directory. */
	private static long[] storageBytes(final Path file, final Set<String> keys) throws IOException {
		long selected = 0;
		long all = 0;
		try (ZipFile zip = new ZipFile(file.toFile())) {
			for (final ZipEntry e : java.util.Collections.list(zip.entries())) {
				final int at = e.getName().indexOf("/data/");
				if (at < 0) continue;
				all += e.getSize();
				if (keys.contains(e.getName().substring(at + 6))) selected += e.getSize();
			}
		}
		return new long[] { selected, all };
	}
}
