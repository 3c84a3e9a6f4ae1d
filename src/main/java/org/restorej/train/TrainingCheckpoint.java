package org.restorej.train;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.restorej.RestoreJException;
import org.restorej.nn.Architectures;
import org.restorej.nn.NetworkConfig;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Resumable training state in a folder: the TensorFlow checkpoint of every variable of the training graph
 * (weights and both Adam moments, written by {@link org.tensorflow.Session#save}) under {@code
 * step-NNNNNNNN/}, and {@code state.json} naming the step, the network and how training was started. Only
 * the newest checkpoint is kept; {@code state.json} is replaced atomically after the variables are written,
 * so an interrupted save leaves the previous checkpoint usable.
 * <p>
 * TensorFlow's own format (not a .pth) because it holds the optimiser state exactly as the graph uses it,
 * restores in one call, and needs no layout conversion; weights for other tools come from the exported
 * model folder.
 *
 * @param step updates done
 * @param variables checkpoint prefix relative to the folder
 * @param arguments how training was started (e.g. the command line), so that a resume can rebuild the data
 */
public record TrainingCheckpoint(long step, String variables, String architecture, Map<String, Object> config,
	List<String> arguments)
{

	public static final String STATE_FILE = "state.json";
	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

	public NetworkConfig network() {
		return Architectures.fromOfficialArguments(architecture, config);
	}

	/** Whether {@code dir} holds a checkpoint. */
	public static boolean exists(final Path dir) {
		return Files.isRegularFile(dir.resolve(STATE_FILE));
	}

	public static TrainingCheckpoint read(final Path dir) {
		final Path file = dir.resolve(STATE_FILE);
		try (Reader r = Files.newBufferedReader(file)) {
			final TrainingCheckpoint c = GSON.fromJson(r, TrainingCheckpoint.class);
			if (c == null || c.variables() == null || c.architecture() == null) throw new RestoreJException(
				"Training checkpoint " + file + " is incomplete: start again without --resume.");
			return c;
		}
		catch (final IOException | com.google.gson.JsonParseException e) {
			throw new RestoreJException("Cannot read training checkpoint " + file + ": " + e.getMessage() +
				". Give the folder a training run wrote its checkpoints to.", e);
		}
	}

	/** Writes the graph's variables after {@code step} updates and points state.json at them. */
	static TrainingCheckpoint save(final TrainingGraph graph, final Path dir, final long step,
		final List<String> arguments) throws IOException
	{
		Files.createDirectories(dir);
		final String name = String.format("step-%08d", step);
		final Path folder = dir.resolve(name);
		Files.createDirectories(folder);
		graph.session().save(folder.resolve("variables").toString());
		final NetworkConfig n = graph.config();
		final TrainingCheckpoint c = new TrainingCheckpoint(step, name + "/variables", n.architecture(), n
			.officialArguments(), arguments);
		final Path tmp = dir.resolve(STATE_FILE + ".tmp");
		try (Writer w = Files.newBufferedWriter(tmp)) {
			GSON.toJson(c, w);
		}
		Files.move(tmp, dir.resolve(STATE_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		try (Stream<Path> old = Files.list(dir)) {
			for (final Path p : old.filter(p -> p.getFileName().toString().startsWith("step-") && !p.equals(folder))
				.toList())
				deleteRecursively(p);
		}
		return c;
	}

	/** Loads weights and optimiser state into a graph built for the same network. */
	void restore(final TrainingGraph graph, final Path dir) {
		if (!graph.config().equals(network())) throw new RestoreJException("Training checkpoint in " + dir +
			" is for " + network() + ", not " + graph.config() + ": resume with the settings it was started with.");
		graph.session().restore(dir.resolve(variables).toString());
	}

	private static void deleteRecursively(final Path p) throws IOException {
		try (Stream<Path> s = Files.walk(p)) {
			for (final Path f : s.sorted(Comparator.reverseOrder()).toList())
				Files.delete(f);
		}
	}
}
