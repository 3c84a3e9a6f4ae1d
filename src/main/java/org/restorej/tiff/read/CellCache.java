package org.restorej.tiff.read;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Least-recently-used cells, bounded by their bytes. Cells larger than the whole budget are not kept.
 * Synchronized: the lock is held only for map updates, never while a cell is read from disk.
 */
public final class CellCache<V> {

	private record Entry<V>(V value, long bytes) {}

	private final long budget;
	private final LinkedHashMap<Long, Entry<V>> cells = new LinkedHashMap<>(64, 0.75f, true);
	private long bytes;

	public CellCache(final long budget) {
		if (budget < 0) throw new IllegalArgumentException("cache budget " + budget + " < 0");
		this.budget = budget;
	}

	public synchronized V get(final long key) {
		final Entry<V> e = cells.get(key);
		return e == null ? null : e.value();
	}

	public synchronized void put(final long key, final V value, final long size) {
		final Entry<V> old = cells.remove(key);
		if (old != null) bytes -= old.bytes();
		if (size > budget) return;
		final Iterator<Map.Entry<Long, Entry<V>>> eldest = cells.entrySet().iterator();
		while (bytes + size > budget && eldest.hasNext()) {
			bytes -= eldest.next().getValue().bytes();
			eldest.remove();
		}
		cells.put(key, new Entry<>(value, size));
		bytes += size;
	}

	public synchronized long bytes() {
		return bytes;
	}

	long budget() {
		return budget;
	}

	public synchronized void clear() {
		cells.clear();
		bytes = 0;
	}
}
