package org.restorej.architecture;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Which top-level RestoreJ package imports which, from compiled classes, with one example class pair per edge
 * (what a failure message shows).
 */
final class PackageGraph {

    private static final String ROOT = "org.restorej";

    /** from package -> (to package -> "fromClass -> toClass", the first such pair seen). */
    private final Map<String, Map<String, String>> edges = new TreeMap<>();

    /** Reads every class below {@code classes} (a folder or a jar). */
    static PackageGraph ofClasses(Path classes) throws IOException {
        var graph = new PackageGraph();
        if (Files.isDirectory(classes)) {
            graph.addTree(classes);
        } else {
            try (var jar = FileSystems.newFileSystem(classes)) {
                graph.addTree(jar.getPath("/"));
            }
        }
        return graph;
    }

    /** The classes of the product: the folder or jar that {@code RestoreJException} was loaded from. */
    static Path productClasses() {
        try {
            return Path.of(org.restorej.RestoreJException.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void addTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "");
                try (InputStream in = Files.newInputStream(file)) {
                    addClass(name, ClassReferences.of(in));
                }
            }
        }
    }

    /** Records that class {@code from} (internal name) refers to the classes {@code to}. */
    void addClass(String from, Set<String> to) {
        String fromPackage = topLevel(ClassReferences.packageOf(from));
        if (fromPackage == null) {
            return;
        }
        edges.computeIfAbsent(fromPackage, k -> new TreeMap<>());
        for (String target : to) {
            String toPackage = topLevel(ClassReferences.packageOf(target));
            if (toPackage != null && !toPackage.equals(fromPackage)) {
                edges.get(fromPackage).putIfAbsent(toPackage, simple(from) + " -> " + simple(target));
            }
        }
    }

    /** "" for the root package, "engine" for org.restorej.engine.tiling; null outside RestoreJ. */
    static String topLevel(String dottedPackage) {
        if (dottedPackage.equals(ROOT)) {
            return "";
        }
        if (!dottedPackage.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = dottedPackage.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String simple(String internalName) {
        return internalName.substring(ROOT.length() + 1).replace('/', '.');
    }

    Set<String> packages() {
        var all = new TreeSet<>(edges.keySet());
        edges.values().forEach(to -> all.addAll(to.keySet()));
        return all;
    }

    Map<String, String> importsOf(String pkg) {
        return edges.getOrDefault(pkg, Map.of());
    }

    /** The sets of two or more packages that reach each other (strongly connected components), sorted. */
    List<Set<String>> cycles() {
        var tarjan = new Tarjan();
        for (String p : packages()) {
            if (!tarjan.index.containsKey(p)) {
                tarjan.visit(p);
            }
        }
        tarjan.components.sort((a, b) -> a.iterator().next().compareTo(b.iterator().next()));
        return tarjan.components;
    }

    private final class Tarjan {
        final Map<String, Integer> index = new HashMap<>();
        final Map<String, Integer> low = new HashMap<>();
        final Deque<String> stack = new ArrayDeque<>();
        final Set<String> onStack = new TreeSet<>();
        final List<Set<String>> components = new ArrayList<>();

        void visit(String p) {
            index.put(p, index.size());
            low.put(p, index.get(p));
            stack.push(p);
            onStack.add(p);
            for (String q : importsOf(p).keySet()) {
                if (!index.containsKey(q)) {
                    visit(q);
                    low.put(p, Math.min(low.get(p), low.get(q)));
                } else if (onStack.contains(q)) {
                    low.put(p, Math.min(low.get(p), index.get(q)));
                }
            }
            if (low.get(p).equals(index.get(p))) {
                var component = new TreeSet<String>();
                String q;
                do {
                    q = stack.pop();
                    onStack.remove(q);
                    component.add(q);
                } while (!q.equals(p));
                if (component.size() > 1) {
                    components.add(component);
                }
            }
        }
    }
}
