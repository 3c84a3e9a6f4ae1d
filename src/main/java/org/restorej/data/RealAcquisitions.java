package org.restorej.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.restorej.array.NhwcArray;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

/**
 * Real images as an evaluation set: clean scenes (photographs and scientific images, see
 * {@code models/samples/real-held-out/SOURCES.md}) acquired by seeded cameras at each photon level of
 * {@link HeldOutAcquisitions#PHOTON_LEVELS}, or a folder of pairs a user brings: {@code NAME-clean.tif},
 * {@code NAME-noisy.tif} (raw camera values) and {@code NAME.json} with the camera
 * ({@code {"photons": P, "readNoise": E, "offset": ADU, "gain": ADU_PER_ELECTRON, "bits": 8|16}}).
 */
public final class RealAcquisitions {

	public static final long SEED = 20261208L;
	/** Where the bundled held-out scenes are, under a models folder. */
	public static final String BUNDLED_SCENES = "samples/real-held-out";
	public static final String CLEAN = "-clean.tif", NOISY = "-noisy.tif", CAMERA = ".json";
	/** The largest image a pair may hold (pixels of one plane). */
	private static final long MAX_PIXELS = 1L << 26;
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

	private record CameraJson(Double photons, Double readNoise, Double offset, Double gain, Integer bits) {}

	private RealAcquisitions() {}

	/**
	 * Every TIFF scene of {@code scenes} (name order) at every photon level, one camera per image from a seed of
	 * its own (one in three 8-bit), as {@link HeldOutAcquisitions} draws them.
	 */
	public static List<Acquisition> acquire(final Path scenes) {
		final List<Acquisition> out = new ArrayList<>();
		int index = 0;
		for (final Path f : tiffs(scenes, "")) {
			final NhwcArray image = TiffImages.read(f).image();
			if (image.channels() != 1) throw new DataException(f + " has " + image.channels() + " channels: scenes are " +
				"single-channel images.");
			final float[] scene = image.data().clone();
			float max = 0;
			for (final float v : scene)
				max = Math.max(max, v);
			if (!(max > 0)) throw new DataException(f + " is blank: a scene needs some signal.");
			for (int k = 0; k < scene.length; k++)
				scene[k] /= max;
			final String name = stem(f, ".tif");
			for (final double photons : HeldOutAcquisitions.PHOTON_LEVELS) {
				final SplittableRandom r = new SplittableRandom(SeedMixer.mix(SEED, Double.doubleToLongBits(photons), index,
					2));
				final Camera camera = HeldOutAcquisitions.camera(photons, index % 3 == 2, r);
				out.add(new Acquisition(String.format(Locale.ROOT, "%s-%04.0fph", name, photons), name, camera, new NhwcArray(1,
					image.height(), image.width(), 1, camera.expected(scene)), new NhwcArray(1, image.height(), image
						.width(), 1, camera.acquire(scene, r))));
				index++;
			}
		}
		return out;
	}

	/** The pairs of a folder, by name. */
	public static List<Acquisition> read(final Path folder) {
		final List<Acquisition> out = new ArrayList<>();
		for (final Path noisyFile : tiffs(folder, NOISY)) {
			final String name = stem(noisyFile, NOISY);
			final Path cleanFile = folder.resolve(name + CLEAN), cameraFile = folder.resolve(name + CAMERA);
			if (!Files.isRegularFile(cleanFile) || !Files.isRegularFile(cameraFile)) throw new DataException(noisyFile +
				" has no " + cleanFile.getFileName() + " or " + cameraFile.getFileName() + " beside it: give each noisy " +
				"image its clean image and its camera.");
			final Camera camera = camera(cameraFile);
			final NhwcArray noisy = raw(noisyFile), clean = raw(cleanFile);
			if (noisy.height() != clean.height() || noisy.width() != clean.width() || noisy.channels() != 1 || clean
				.channels() != 1) throw new DataException(noisyFile + " and " + cleanFile.getFileName() + " differ in size " +
					"or are not single-channel: give pairs of the same single-channel image.");
			out.add(new Acquisition(name, name, camera, clean, noisy));
		}
		if (out.isEmpty()) throw new DataException("No NAME" + NOISY + " in " + folder + ": give a folder of pairs " +
			"(NAME" + CLEAN + ", NAME" + NOISY + ", NAME" + CAMERA + ").");
		return out;
	}

	/** Writes pairs that {@link #read} reads back: both images as float32 TIFF of raw values. */
	public static void write(final List<Acquisition> acquisitions, final Path folder) {
		try {
			Files.createDirectories(folder);
			for (final Acquisition a : acquisitions) {
				TiffImages.write32Bit(a.clean(), folder.resolve(a.name() + CLEAN));
				TiffImages.write32Bit(a.noisy(), folder.resolve(a.name() + NOISY));
				final Camera c = a.camera();
				try (Writer w = Files.newBufferedWriter(folder.resolve(a.name() + CAMERA), StandardCharsets.UTF_8)) {
					GSON.toJson(new CameraJson(c.photons(), c.readNoise(), c.offset(), c.gain(), c.bits()), w);
				}
			}
		}
		catch (final IOException e) {
			throw new DataException("Could not write the pairs to " + folder + ": " + e.getMessage(), e);
		}
	}

	private static Camera camera(final Path file) {
		final CameraJson j;
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			j = GSON.fromJson(r, CameraJson.class);
		}
		catch (final IOException | JsonParseException e) {
			throw new DataException("Cannot read the camera of " + file + ": " + e.getMessage() + ". Give {\"photons\": P, " +
				"\"readNoise\": E, \"offset\": ADU, \"gain\": ADU_PER_ELECTRON, \"bits\": 8|16}.", e);
		}
		if (j == null || j.photons() == null || j.readNoise() == null || j.offset() == null || j.gain() == null || j
			.bits() == null) throw new DataException(file + " lacks one of photons, readNoise, offset, gain, bits: give " +
				"all five.");
		try {
			return new Camera(j.photons(), j.readNoise(), j.offset(), j.gain(), j.bits());
		}
		catch (final IllegalArgumentException e) {
			throw new DataException("The camera of " + file + " is invalid: " + e.getMessage() + ".", e);
		}
	}

	/** A TIFF as raw values (what the camera wrote), whatever its sample type. */
	private static NhwcArray raw(final Path file) {
		// the size from the header before any pixel is read
		try (org.restorej.tiff.read.TiffPlanes t = org.restorej.tiff.read.TiffPlanes.open(file)) {
			final var info = t.info();
			if (info.width() * info.height() * info.channels() > MAX_PIXELS) throw new DataException(file + " has " + info
				.width() + "x" + info.height() + "x" + info.channels() + " samples, more than an evaluation image may (" +
				MAX_PIXELS + "): crop it.");
		}
		final TiffImages.Loaded l = TiffImages.read(file);
		final NhwcArray a = l.image();
		final float[] d = a.data().clone();
		for (int i = 0; i < d.length; i++)
			d[i] *= (float) l.scale();
		return new NhwcArray(1, a.height(), a.width(), a.channels(), d);
	}

	private static List<Path> tiffs(final Path folder, final String suffix) {
		if (!Files.isDirectory(folder)) throw new DataException("No folder " + folder + ": give a folder of TIFFs.");
		try (Stream<Path> s = Files.list(folder)) {
			return s.filter(p -> {
				final String n = p.getFileName().toString();
				return suffix.isEmpty() ? n.endsWith(".tif") && !n.endsWith(CLEAN) && !n.endsWith(NOISY) : n.endsWith(
					suffix);
			}).sorted().toList();
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String stem(final Path file, final String suffix) {
		final String n = file.getFileName().toString();
		return n.substring(0, n.length() - suffix.length());
	}
}
