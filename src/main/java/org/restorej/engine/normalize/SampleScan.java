package org.restorej.engine.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.restorej.engine.pixels.PlaneReader;

/**
 * One pass over every value of some 2D planes, in chunks of at most {@link #CHUNK} values, spread over
 * threads that each fill their own accumulator. Nothing the size of the planes is allocated, and all
 * counts are 64-bit, so planes of any size can be scanned (also ones computed on access).
 */
public final class SampleScan<T extends RealType<T>> {

	static final int CHUNK = 1 << 18;

	/** Adds {@code count} values to an accumulator. */
	@FunctionalInterface
	public interface ChunkConsumer<A> {
		void accept(A accumulator, float[] values, int count);
	}

	private record Chunk(int plane, long x, long y, int width, int height) {}

	/** How one plane is cut: chunks of {@code w x h}, numbered row by row from {@code first}. */
	private record Cut(long width, long height, int w, int h, long across, long first, long count) {}

	private final List<RandomAccessibleInterval<T>> planes;
	private final int threads;
	private final Runnable checkpoint;
	private final List<Cut> cuts = new ArrayList<>();
	private final long chunkCount;

	/**
	 * @param threads worker threads (1: the calling thread only)
	 * @param checkpoint called before each chunk; throws to abandon the scan (cancellation)
	 */
	public SampleScan(final List<RandomAccessibleInterval<T>> planes, final int threads, final Runnable checkpoint) {
		this.planes = List.copyOf(planes);
		this.threads = Math.max(1, threads);
		this.checkpoint = checkpoint;
		long first = 0;
		for (final RandomAccessibleInterval<T> plane : planes) {
			final long w = plane.dimension(0), h = plane.dimension(1);
			// whole rows where they fit in a chunk, else pieces of a row
			final int cw = (int) Math.min(w, CHUNK);
			final int ch = (int) Math.max(1, Math.min(h, CHUNK / cw));
			final long across = (w + cw - 1) / cw, count = across * ((h + ch - 1) / ch);
			cuts.add(new Cut(w, h, cw, ch, across, first, count));
			first += count;
		}
		chunkCount = first;
	}

	private Chunk chunk(final long index) {
		int p = 0;
		while (index >= cuts.get(p).first() + cuts.get(p).count())
			p++;
		final Cut c = cuts.get(p);
		final long i = index - c.first();
		final long x = i % c.across() * c.w(), y = i / c.across() * c.h();
		return new Chunk(p, x, y, (int) Math.min(c.w(), c.width() - x), (int) Math.min(c.h(), c.height() - y));
	}

	public long pixels() {
		return planes.stream().mapToLong(p -> p.dimension(0) * p.dimension(1)).sum();
	}

	/** Whether every value is an integer spanning at most 2^16 (8- and 16-bit types). */
	public boolean smallIntegers() {
		return !planes.isEmpty() && PlaneReader.of(planes.get(0)).hasSmallIntegerValues();
	}

	/** Feeds every value to accumulators made by {@code create}, one per thread, and merges them. */
	public <A> A run(final Supplier<A> create, final ChunkConsumer<A> consume, final BinaryOperator<A> merge) {
		final AtomicLong next = new AtomicLong();
		if (threads == 1 || chunkCount < 2) return work(create, consume, next);
		final ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
			final Thread t = new Thread(r, "restorej-scan");
			t.setDaemon(true);
			return t;
		});
		try {
			final List<Future<A>> parts = new ArrayList<>();
			for (int i = 0; i < threads; i++)
				parts.add(pool.submit(() -> work(create, consume, next)));
			A total = null;
			for (final Future<A> f : parts) {
				final A a = f.get();
				total = total == null ? a : merge.apply(total, a);
			}
			return total;
		}
		catch (final ExecutionException e) {
			if (e.getCause() instanceof RuntimeException r) throw r;
			if (e.getCause() instanceof Error err) throw err;
			throw new IllegalStateException(e.getCause());
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while scanning intensities", e);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private <A> A work(final Supplier<A> create, final ChunkConsumer<A> consume, final AtomicLong next) {
		final A acc = create.get();
		final List<PlaneReader<T>> readers = new ArrayList<>();
		for (final RandomAccessibleInterval<T> p : planes)
			readers.add(PlaneReader.of(p));
		final float[] values = new float[CHUNK];
		for (long i = next.getAndIncrement(); i < chunkCount; i = next.getAndIncrement()) {
			checkpoint.run();
			final Chunk c = chunk(i);
			readers.get(c.plane()).read(c.x(), c.y(), c.width(), c.height(), values, 0, 1, Affine.IDENTITY);
			consume.accept(acc, values, c.width() * c.height());
		}
		return acc;
	}
}
