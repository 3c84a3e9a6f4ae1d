package org.restorej.zarr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The NGFF 0.4 {@code multiscales} metadata of an OME-Zarr image (its first entry): the axes, in the
 * arrays' dimension order, and the levels with their scale (global and per-level scales multiplied).
 */
public record Multiscales(List<Axis> axes, List<Level> levels) {

	/** One axis: a name of t, c, z, y, x; its type (time, channel, space) and unit, or "" without one. */
	public record Axis(String name, String type, String unit) {}

	/** One resolution level: the array's path under the image and its scale per axis. */
	public record Level(String path, double[] scale) {}

	static final String REMEDY = "Give an OME-Zarr image (NGFF 0.4: a folder with .zattrs 'multiscales' and .zgroup), " +
		"as written by python ome-zarr, bioformats2raw, napari or RestoreJ.";

	public Multiscales {
		axes = List.copyOf(axes);
		levels = List.copyOf(levels);
	}

	/** Reads {@code root/.zattrs}. */
	public static Multiscales read(final Path root) {
		final Path attrs = root.resolve(".zattrs");
		final JsonObject o;
		try {
			o = JsonParser.parseString(Files.readString(attrs)).getAsJsonObject();
		}
		catch (final NoSuchFileException e) {
			throw new InvalidZarrException(root, Files.isRegularFile(root.resolve(".zarray")) ? "it is a bare Zarr array " +
				"without OME-Zarr metadata" : "it has no .zattrs", REMEDY);
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot read " + attrs + ": " + e.getMessage(), e);
		}
		catch (final JsonParseException | IllegalStateException e) {
			throw new InvalidZarrException(attrs, "it is not valid JSON (" + e.getMessage() + ")", "Repair or re-save it.");
		}
		if (!o.has("multiscales") || o.getAsJsonArray("multiscales").isEmpty()) throw new InvalidZarrException(root,
			"its .zattrs has no 'multiscales'", REMEDY);
		try {
			final JsonObject m = o.getAsJsonArray("multiscales").get(0).getAsJsonObject();
			final List<Axis> axes = new ArrayList<>();
			for (final JsonElement e : m.getAsJsonArray("axes")) {
				if (e.isJsonPrimitive()) axes.add(axis(e.getAsString(), "")); // NGFF 0.3: names only
				else {
					final JsonObject a = e.getAsJsonObject();
					axes.add(new Axis(a.get("name").getAsString().toLowerCase(Locale.ROOT), a.has("type") ? a.get("type")
						.getAsString() : axis(a.get("name").getAsString(), "").type(), a.has("unit") ? a.get("unit")
							.getAsString() : ""));
				}
			}
			final double[] global = scale(m.get("coordinateTransformations"), axes.size());
			final List<Level> levels = new ArrayList<>();
			for (final JsonElement e : m.getAsJsonArray("datasets")) {
				final JsonObject d = e.getAsJsonObject();
				final double[] s = scale(d.get("coordinateTransformations"), axes.size());
				for (int i = 0; i < s.length; i++)
					s[i] *= global[i];
				levels.add(new Level(confined(root, d.get("path").getAsString()), s));
			}
			if (levels.isEmpty()) throw new InvalidZarrException(root, "its multiscales list no datasets", REMEDY);
			return new Multiscales(axes, levels);
		}
		catch (final NullPointerException | ClassCastException | IllegalStateException | UnsupportedOperationException e) {
			throw new InvalidZarrException(attrs, "its multiscales entry lacks or mistypes a field (" + e + ")", REMEDY);
		}
	}

	/**
	 * A dataset's path, checked to name a folder inside the image: relative, without "." or ".." steps,
	 * and no step a symbolic link (which could lead anywhere).
	 */
	private static String confined(final Path root, final String path) {
		final String problem = path.isEmpty() || path.startsWith("/") || path.contains("\\")
			? "is not a relative path" : java.util.Arrays.stream(path.split("/", -1)).anyMatch(p -> p.isEmpty() || p.equals(
				".") || p.equals("..")) ? "steps out of or around the image folder" : null;
		if (problem != null) throw new InvalidZarrException(root, "its multiscales dataset path '" + path + "' " +
			problem, "Dataset paths name folders inside the image (e.g. \"0\"): repair .zattrs.");
		Path p = root;
		for (final String step : path.split("/")) {
			p = p.resolve(step);
			if (Files.isSymbolicLink(p)) throw new InvalidZarrException(p, "the dataset '" + path + "' of " + root +
				" is reached through a symbolic link, which RestoreJ does not follow", "Copy the image with its folders " +
					"as plain folders (cp -rL).");
		}
		return path;
	}

	private static Axis axis(final String name, final String unit) {
		final String n = name.toLowerCase(Locale.ROOT);
		return new Axis(n, n.equals("t") ? "time" : n.equals("c") ? "channel" : "space", unit);
	}

	private static double[] scale(final JsonElement transforms, final int n) {
		final double[] s = new double[n];
		java.util.Arrays.fill(s, 1);
		if (transforms == null || transforms.isJsonNull()) return s;
		for (final JsonElement e : transforms.getAsJsonArray()) {
			final JsonObject t = e.getAsJsonObject();
			if (!"scale".equals(t.get("type").getAsString()) || !t.has("scale")) continue;
			final JsonArray v = t.getAsJsonArray("scale");
			for (int i = 0; i < n && i < v.size(); i++)
				s[i] *= v.get(i).getAsDouble();
		}
		return s;
	}

	/** Writes {@code root/.zattrs} and {@code root/.zgroup} for this metadata, named {@code name}. */
	public void write(final Path root, final String name) {
		final JsonObject m = new JsonObject();
		m.addProperty("version", "0.4");
		m.addProperty("name", name);
		final JsonArray axesJson = new JsonArray();
		for (final Axis a : axes) {
			final JsonObject j = new JsonObject();
			j.addProperty("name", a.name());
			j.addProperty("type", a.type());
			if (!a.unit().isEmpty()) j.addProperty("unit", a.unit());
			axesJson.add(j);
		}
		m.add("axes", axesJson);
		final JsonArray datasets = new JsonArray();
		for (final Level l : levels) {
			final JsonObject d = new JsonObject();
			d.addProperty("path", l.path());
			final JsonObject t = new JsonObject();
			t.addProperty("type", "scale");
			final JsonArray s = new JsonArray();
			for (final double v : l.scale())
				s.add(v);
			t.add("scale", s);
			final JsonArray ts = new JsonArray();
			ts.add(t);
			d.add("coordinateTransformations", ts);
			datasets.add(d);
		}
		m.add("datasets", datasets);
		final JsonObject meta = new JsonObject();
		meta.addProperty("method", "mean of 2x2 pixels in y and x");
		meta.addProperty("software", "RestoreJ");
		m.add("metadata", meta);
		final JsonArray list = new JsonArray();
		list.add(m);
		final JsonObject attrs = new JsonObject();
		attrs.add("multiscales", list);
		try {
			Files.createDirectories(root);
			Files.writeString(root.resolve(".zattrs"), new GsonBuilder().setPrettyPrinting().create().toJson(attrs));
			Files.writeString(root.resolve(".zgroup"), "{\n  \"zarr_format\": 2\n}\n");
		}
		catch (final IOException e) {
			throw new UncheckedIOException("Cannot write the metadata of " + root + ": " + e.getMessage(), e);
		}
	}

	/** Position of axis {@code name} in the arrays' dimensions, or -1. */
	public int indexOf(final String name) {
		for (int i = 0; i < axes.size(); i++)
			if (axes.get(i).name().equals(name)) return i;
		return -1;
	}
}
