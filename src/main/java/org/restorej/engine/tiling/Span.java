package org.restorej.engine.tiling;

/** The half-open range {@code [start, end)} of pixel positions along one axis. */
public record Span(long start, long end) {

	public Span {
		if (end < start) throw new IllegalArgumentException("empty span [" + start + ", " + end + ")");
	}

	public long length() {
		return end - start;
	}

	public boolean contains(final long p) {
		return p >= start && p < end;
	}
}
