package org.restorej.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap use while something runs: the most heap still in use right after any garbage collection (the
 * live data, which is what grows if memory grows with the image), and the highest heap use sampled
 * every millisecond (which also counts garbage not yet collected), and the sum of the heap pools' own peaks
 * (which the JVM tracks exactly, between samples too). The one heap meter of the benchmarks.
 */
public final class HeapWatch implements AutoCloseable {

	private final List<NotificationEmitter> emitters = new ArrayList<>();
	private final NotificationListener listener = this::onGc;
	private final Thread sampler;
	private volatile long maxAfterGc;
	private volatile long maxSampled;
	private volatile boolean running = true;

	private HeapWatch() {
		for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			if (p.getType() == MemoryType.HEAP && p.isValid()) p.resetPeakUsage();
		for (final var gc : ManagementFactory.getGarbageCollectorMXBeans())
			if (gc instanceof NotificationEmitter e) {
				e.addNotificationListener(listener, null, null);
				emitters.add(e);
			}
		sampler = new Thread(() -> {
			while (running) {
				maxSampled = Math.max(maxSampled, used());
				try {
					Thread.sleep(1);
				}
				catch (final InterruptedException e) {
					return;
				}
			}
		}, "heap-sampler");
		sampler.setDaemon(true);
		sampler.start();
	}

	/** Collects garbage, then starts watching. */
	public static HeapWatch start() {
		System.gc();
		return new HeapWatch();
	}

	/** Heap in use now, after a full collection. */
	public static long liveNow() {
		System.gc();
		return used();
	}

	private static long used() {
		long sum = 0;
		for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			if (p.getType() == MemoryType.HEAP) sum += p.getUsage().getUsed();
		return sum;
	}

	private void onGc(final Notification n, final Object handback) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
		final var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
		long sum = 0;
		for (final Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet())
			if (isHeap(e.getKey())) sum += e.getValue().getUsed();
		maxAfterGc = Math.max(maxAfterGc, sum);
	}

	private static boolean isHeap(final String pool) {
		for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			if (p.getName().equals(pool)) return p.getType() == MemoryType.HEAP;
		return false;
	}

	/** The most heap in use after a collection, including one now (with whatever the caller still holds). */
	public long maxLive() {
		maxAfterGc = Math.max(maxAfterGc, liveNow());
		return maxAfterGc;
	}

	public long maxSampled() {
		return maxSampled;
	}

	/** The sum of the heap pools' peaks since the start (each pool peaks at its own time: an upper bound). */
	public long poolPeaks() {
		long sum = 0;
		for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
			if (p.getType() == MemoryType.HEAP && p.isValid()) sum += p.getPeakUsage().getUsed();
		return sum;
	}

	@Override
	public void close() {
		running = false;
		sampler.interrupt();
		for (final NotificationEmitter e : emitters)
			try {
				e.removeNotificationListener(listener);
			}
			catch (final javax.management.ListenerNotFoundException ignored) {
				// already gone
			}
	}
}
