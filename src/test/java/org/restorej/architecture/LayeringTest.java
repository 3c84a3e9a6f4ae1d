package org.restorej.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compiled product keeps the layering of {@link Layers}: imports point down, and no packages form a cycle. */
class LayeringTest {

    private static PackageGraph product;

    @BeforeAll
    static void readProductClasses() throws IOException {
        product = PackageGraph.ofClasses(PackageGraph.productClasses());
    }

    @Test
    void noPackagesImportEachOtherInACycle() {
        var found = new ArrayList<String>();
        for (Set<String> cycle : product.cycles()) {
            var edges = new ArrayList<String>();
            for (String from : cycle) {
                product.importsOf(from).forEach((to, example) -> {
                    if (cycle.contains(to)) {
                        edges.add("  " + from + " -> " + to + " (" + example + ")");
                    }
                });
            }
            found.add(cycle + "\n" + String.join("\n", edges));
        }
        assertTrue(found.isEmpty(), "package cycles:\n" + String.join("\n", found));
    }

    @Test
    void everyImportPointsToTheSameOrALowerLayer() {
        var upward = new ArrayList<String>();
        for (String from : product.packages()) {
            int height = Layers.heightOf(from).orElseThrow();
            product.importsOf(from).forEach((to, example) -> {
                int target = Layers.heightOf(to).orElseThrow();
                if (target > height) {
                    upward.add(from + " (" + Layers.BOTTOM_UP.get(height).name() + ") -> " + to + " ("
                            + Layers.BOTTOM_UP.get(target).name() + "): " + example);
                }
            });
        }
        assertTrue(upward.isEmpty(), "imports against the layering:\n" + String.join("\n", upward));
    }

    @Test
    void everyPackageHasALayer() {
        var unplaced = new TreeSet<String>();
        for (String p : product.packages()) {
            if (Layers.heightOf(p).isEmpty()) {
                unplaced.add(p);
            }
        }
        assertEquals(Set.of(), unplaced, "place these packages in Layers.BOTTOM_UP");
    }

    @Test
    void readsTheImportsOfTheProduct() {
        // the front end reaches the engine: if this fails the class reading is broken, not the layering
        assertTrue(product.importsOf("cli").containsKey("engine"), product.importsOf("cli").toString());
        assertTrue(product.packages().containsAll(List.of("", "engine", "tiff", "cli")));
    }

    @Test
    void findsACycleAndTheDirectionOfAnImport() {
        var graph = new PackageGraph();
        graph.addClass("org/restorej/tiff/Writer", Set.of("org/restorej/engine/Listener", "java/lang/String"));
        graph.addClass("org/restorej/engine/Listener", Set.of("org/restorej/tiff/read/Reader"));
        graph.addClass("org/restorej/cli/Main", Set.of("org/restorej/engine/Listener", "org/restorej/RestoreJException"));
        assertEquals(List.of(Set.of("engine", "tiff")), graph.cycles());
        assertEquals(Set.of("", "engine"), graph.importsOf("cli").keySet());
        assertEquals("tiff.Writer -> engine.Listener", graph.importsOf("tiff").get("engine"));
    }
}
