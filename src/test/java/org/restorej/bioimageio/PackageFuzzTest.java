package org.restorej.bioimageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.restorej.RestoreJException;
import org.restorej.model.ModelDescription;
import org.restorej.model.ModelDescriptions;
import org.restorej.restore.SmallModels;

/**
 * Seeded mutants of a real package (its rdf.yaml, its zip) and of a model.json (byte flips, truncations,
 * fields set to hostile values or removed): each must end in a RestoreJ error or a model folder that reads
 * back; no other exception, no hang. The counts are printed per area.
 */
class PackageFuzzTest {

	@TempDir
	static Path dir;
	static Path packageZip, packageFolder, modelFolder;

	/** Values a crafted description may put in any field. */
	private static final List<Object> HOSTILE = List.of(0, -1, 1L << 40, Integer.MAX_VALUE, 1e308, -0.5, Double.NaN,
		"", "../../../etc/passwd", "/etc/passwd", "x".repeat(10_000), "a\u0000b", List.of(), Map.of(), List.of(1,
			List.of()), Map.of("min", 0, "step", 0), true);

	/** JSON as a crafted file may hold it: NaN included. */
	private static final com.google.gson.Gson SPECIAL_NUMBERS = new com.google.gson.GsonBuilder()
		.serializeSpecialFloatingPointValues().create();

	@BeforeAll
	static void aRealPackage() throws Exception {
		System.setProperty("restorej.cache", dir.resolve("cache").toString());
		packageZip = PackageExportTest.export(SmallModels.grey().toString(), dir.resolve("grey.zip"));
		packageFolder = PackageExportTest.unpack(packageZip, dir.resolve("grey"));
		modelFolder = PackageModels.folder(packageFolder);
	}

	/** How the mutants of one area ended. */
	private static final class Outcomes {
		int clean, fine;
		final List<String> other = new ArrayList<>();

		void run(final String mutant, final ThrowingRunnable read) {
			try {
				read.run();
				fine++;
			}
			catch (final RestoreJException e) {
				clean++;
			}
			catch (final Throwable e) {
				other.add(mutant + ": " + e);
			}
		}

		void report(final String area) {
			System.out.println(area + ": " + (clean + fine + other.size()) + " mutants, " + clean + " clean errors, " + fine +
				" read fine, " + other.size() + " anything else");
			assertEquals(List.of(), other, area);
		}
	}

	@FunctionalInterface
	private interface ThrowingRunnable {
		void run() throws Exception;
	}

	@Test
	void mutatedDescriptionsEndInACleanErrorOrAPackageThatReads() throws IOException {
		final byte[] rdf = Files.readAllBytes(packageFolder.resolve(Rdf.FILE_NAME));
		final Map<String, Object> fields = Rdf.read(packageFolder.resolve(Rdf.FILE_NAME));
		final Outcomes o = new Outcomes();
		assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
			for (final byte[] mutant : mutants(rdf, fields, 291, m -> {
				try {
					final Path f = dir.resolve("rdf-mutant.yaml");
					Rdf.write(m, f);
					return Files.readAllBytes(f);
				}
				catch (final IOException e) {
					throw new java.io.UncheckedIOException(e);
				}
			}))
			{
				Files.write(packageFolder.resolve(Rdf.FILE_NAME), mutant);
				o.run(new String(mutant, 0, Math.min(mutant.length, 80), StandardCharsets.UTF_8), () -> ModelDescriptions
					.read(PackageModels.folder(packageFolder)));
			}
		});
		Files.write(packageFolder.resolve(Rdf.FILE_NAME), rdf);
		o.report("rdf.yaml");
	}

	@Test
	void mutatedPackageZipsEndInACleanErrorOrAPackageThatReads() throws IOException {
		final byte[] zip = Files.readAllBytes(packageZip);
		final Random random = new Random(2907);
		final Outcomes o = new Outcomes();
		assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
			for (int i = 0; i < 150; i++) {
				final byte[] mutant = i % 3 == 2 ? java.util.Arrays.copyOf(zip, random.nextInt(zip.length)) : flip(zip, random,
					1 + random.nextInt(4));
				final Path file = dir.resolve("mutant-" + i + ".zip");
				Files.write(file, mutant);
				o.run("zip mutant " + i, () -> ModelDescriptions.read(PackageModels.folder(file)));
				Files.delete(file);
			}
		});
		o.report("package zip");
	}

	@Test
	void mutatedModelDescriptionsEndInACleanErrorOrADescriptionThatReads() throws IOException {
		final Path file = modelFolder.resolve(ModelDescription.FILE_NAME);
		final byte[] json = Files.readAllBytes(file);
		final Outcomes o = new Outcomes();
		assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
			for (final byte[] mutant : mutants(json, ModelDescriptions.parseObject(new String(json,
				StandardCharsets.UTF_8)), 2908, m -> SPECIAL_NUMBERS.toJson(m).getBytes(StandardCharsets.UTF_8)))
			{
				Files.write(file, mutant);
				o.run(new String(mutant, 0, Math.min(mutant.length, 80), StandardCharsets.UTF_8), () -> ModelDescriptions
					.read(modelFolder));
			}
		});
		Files.write(file, json);
		o.report("model.json");
	}

	/**
	 * 80 byte-flip mutants, 40 truncations and 120 field mutants (a leaf set to a hostile value, or removed; a
	 * third of them in the tensors' axes, the size or the tiling).
	 */
	private static List<byte[]> mutants(final byte[] text, final Map<String, Object> fields, final long seed,
		final Function<Map<String, Object>, byte[]> write)
	{
		final Random random = new Random(seed);
		final List<byte[]> mutants = new ArrayList<>();
		for (int i = 0; i < 80; i++)
			mutants.add(flip(text, random, 1 + random.nextInt(3)));
		for (int i = 0; i < 40; i++)
			mutants.add(java.util.Arrays.copyOf(text, random.nextInt(text.length)));
		for (int i = 0; i < 120; i++) {
			final Map<String, Object> copy = deepCopy(fields);
			// a third aimed at the tensors and sizes, where numbers are computed with
			final String[] aimed = { "inputs", "outputs", "size", "tiling" };
			final Object start = i % 3 == 0 ? copy.get(aimed[random.nextInt(aimed.length)]) : null;
			mutateLeaf(start != null ? start : copy, random);
			mutants.add(write.apply(copy));
		}
		return mutants;
	}

	private static byte[] flip(final byte[] data, final Random random, final int flips) {
		final byte[] m = data.clone();
		for (int i = 0; i < flips; i++)
			m[random.nextInt(m.length)] = (byte) random.nextInt(256);
		return m;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> deepCopy(final Map<String, Object> m) {
		final Map<String, Object> c = new LinkedHashMap<>();
		m.forEach((k, v) -> c.put(k, copyValue(v)));
		return c;
	}

	@SuppressWarnings("unchecked")
	private static Object copyValue(final Object v) {
		if (v instanceof Map<?, ?> m) return deepCopy((Map<String, Object>) m);
		if (v instanceof List<?> l) return new ArrayList<>(l.stream().map(PackageFuzzTest::copyValue).toList());
		return v;
	}

	/** Walks down random keys and indices to a leaf (or a container, sometimes) and replaces or removes it. */
	@SuppressWarnings("unchecked")
	private static void mutateLeaf(final Object root, final Random random) {
		Object node = root;
		while (true) {
			final boolean stop = random.nextInt(6) == 0;
			if (node instanceof Map<?, ?> m && !m.isEmpty()) {
				final Map<String, Object> map = (Map<String, Object>) m;
				final String key = new ArrayList<>(map.keySet()).get(random.nextInt(map.size()));
				final Object child = map.get(key);
				if (stop || !(child instanceof Map || child instanceof List) || ((child instanceof Map<?, ?> cm && cm
					.isEmpty()) || (child instanceof List<?> cl && cl.isEmpty())))
				{
					if (random.nextInt(5) == 0) map.remove(key);
					else map.put(key, HOSTILE.get(random.nextInt(HOSTILE.size())));
					return;
				}
				node = child;
			}
			else if (node instanceof List<?> l && !l.isEmpty()) {
				final List<Object> list = (List<Object>) l;
				final int i = random.nextInt(list.size());
				final Object child = list.get(i);
				if (stop || !(child instanceof Map || child instanceof List)) {
					list.set(i, HOSTILE.get(random.nextInt(HOSTILE.size())));
					return;
				}
				node = child;
			}
			else return;
		}
	}
}
