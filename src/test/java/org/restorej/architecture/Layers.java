package org.restorej.architecture;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The layering of RestoreJ's packages, written down once: a package may import packages of its own layer or of
 * a lower one, never of a higher one, and no set of packages may import each other in a cycle (even within a
 * layer). {@link LayeringTest} checks the compiled classes against this table; a new top-level package must be
 * placed here before it builds.
 *
 * <p>Subpackages belong to their top-level package ({@code engine.tiling} is {@code engine}). The Spark
 * application ({@code spark/}, its own module) stands on top, beside {@code cli}.
 */
final class Layers {

    /** From the bottom up; the names are top-level packages below {@code org.restorej} ("" is the root). */
    static final List<Layer> BOTTOM_UP = List.of(
            new Layer("base", Set.of("")),
            new Layer("file formats and value types", Set.of("array", "io", "tiff", "zarr")),
            new Layer("model, networks, checkpoints, measures", Set.of(
                    "model", "nn", "checkpoint", "metrics", "classical", "imagej", "data")),
            new Layer("runtime (TensorFlow sessions)", Set.of("runtime", "export")),
            new Layer("engine (tiling, normalisation, devices)", Set.of("engine")),
            new Layer("model packages (bioimage.io, resolved where a model is located)", Set.of("bioimageio")),
            new Layer("restore, batch, training", Set.of("restore", "batch", "train", "bench")),
            new Layer("worker", Set.of("worker")),
            new Layer("front ends", Set.of("fiji", "ij1", "cli")));

    record Layer(String name, Set<String> packages) {
    }

    private Layers() {
    }

    /** The height of a top-level package (0 = bottom), or empty when the table does not place it. */
    static Optional<Integer> heightOf(String topLevelPackage) {
        for (int i = 0; i < BOTTOM_UP.size(); i++) {
            if (BOTTOM_UP.get(i).packages().contains(topLevelPackage)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    static Map<String, Integer> heights() {
        var heights = new java.util.TreeMap<String, Integer>();
        for (int i = 0; i < BOTTOM_UP.size(); i++) {
            for (String p : BOTTOM_UP.get(i).packages()) {
                heights.put(p, i);
            }
        }
        return heights;
    }
}
