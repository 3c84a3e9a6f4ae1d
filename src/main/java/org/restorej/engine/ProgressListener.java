package org.restorej.engine;

/** Told of a restoration's progress after each tile (on the restoring thread: return quickly). */
@FunctionalInterface
public interface ProgressListener {

	ProgressListener NONE = p -> {};

	void progress(Progress progress);
}
