package org.restorej.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * Writes PyTorch {@code .pth} checkpoints in the zip format of {@code torch.save} (PyTorch 1.6 and
 * later), byte for byte as PyTorch 1.13 lays them out (the reference fixtures; PyTorch 2.x adds
 * {@code byteorder} and {@code .data/} entries, which no reader needs): {@code <root>/data.pkl} (a protocol 2 pickle of
 * the object tree, tensors as {@code torch._utils._rebuild_tensor_v2} over storages referenced by the
 * persistent id {@code ('storage', torch.FloatStorage, key, 'cpu', numel)}), one raw little-endian
 * entry {@code <root>/data/<key>} per storage, and {@code <root>/version} = {@code 3}; entries
 * stored, their data 64-byte aligned. {@code <root>} is the file name without extension, as
 * {@code torch.save} names it.
 *
 * <p>Streaming: only the pickle is assembled in memory. Tensor values are asked for one tensor at a
 * time, when its storage entry is written, and are released before the next. The file appears
 * complete or not at all: it is written under a temporary name and renamed.
 *
 * <p>Object trees are made of {@code null}, {@link Boolean}, integers ({@link Long}, {@link Integer}),
 * {@link Double}/{@link Float}, {@link String}, {@link Map} (a Python dict, in the map's iteration
 * order), {@link List} (a list), {@link Tuple}, {@link OrderedDict} and {@link Tensor}. For state dicts
 * in the usual wrappers, use {@link #writeStateDict}.
 */
public final class PthWriter {

	/** The prefix {@code torch.nn.DataParallel} puts before every key. */
	public static final String MODULE_PREFIX = "module.";
	/** Contents of the {@code version} entry. */
	static final String FORMAT_VERSION = "3\n";

	private PthWriter() {}

	/**
	 * A tensor to write, with a storage of its own, contiguous, offset 0. Its values are produced only
	 * when the storage entry is written; each supplier is called once.
	 */
	public static final class Tensor {

		private final StorageType dtype;
		private final long[] shape;
		private final Content content;

		private interface Content {

			void write(TorchZipWriter.Record record, Tensor t) throws IOException;
		}

		private Tensor(final StorageType dtype, final long[] shape, final Content content) {
			this.dtype = dtype;
			this.shape = shape.clone();
			for (final long d : this.shape)
				if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
			Math.multiplyExact(PthWriter.numel(this.shape), dtype.elementSize()); // throws if the storage size overflows
			this.content = content;
		}

		/** A float32 tensor of the given shape (empty for 0-d); values in row-major order. */
		public static Tensor float32(final Supplier<float[]> values, final long... shape) {
			Objects.requireNonNull(values, "values");
			return new Tensor(StorageType.FLOAT32, shape, (record, t) -> {
				final float[] v = t.checkLength(values.get(), a -> a.length);
				final ByteBuffer buffer = record.scratch();
				final int perChunk = buffer.capacity() / Float.BYTES;
				for (int done = 0; done < v.length;) {
					final int n = Math.min(perChunk, v.length - done);
					buffer.clear();
					buffer.asFloatBuffer().put(v, done, n);
					record.write(buffer.limit(n * Float.BYTES));
					done += n;
				}
			});
		}

		/** An int64 tensor of the given shape; values in row-major order. */
		public static Tensor int64(final Supplier<long[]> values, final long... shape) {
			Objects.requireNonNull(values, "values");
			return new Tensor(StorageType.INT64, shape, (record, t) -> {
				final long[] v = t.checkLength(values.get(), a -> a.length);
				final ByteBuffer buffer = record.scratch();
				final int perChunk = buffer.capacity() / Long.BYTES;
				for (int done = 0; done < v.length;) {
					final int n = Math.min(perChunk, v.length - done);
					buffer.clear();
					buffer.asLongBuffer().put(v, done, n);
					record.write(buffer.limit(n * Long.BYTES));
					done += n;
				}
			});
		}

		/** A 0-d float32 tensor, e.g. an optimizer's {@code step}. */
		public static Tensor scalar(final float value) {
			return float32(() -> new float[] { value });
		}

		public StorageType dtype() {
			return dtype;
		}

		public long[] shape() {
			return shape.clone();
		}

		public long numel() {
			return PthWriter.numel(shape);
		}

		/** Bytes of its storage entry. */
		public long storageBytes() {
			return numel() * dtype.elementSize();
		}

		private <A> A checkLength(final A values, final java.util.function.ToIntFunction<A> length) {
			Objects.requireNonNull(values, "the supplier of a tensor " + this + " returned null");
			if (length.applyAsInt(values) != numel())
				throw new IllegalStateException("the supplier of a tensor " + this + " returned " + length.applyAsInt(
					values) + " values instead of " + numel());
			return values;
		}

		void writeTo(final TorchZipWriter.Record record) throws IOException {
			content.write(record, this);
		}

		@Override
		public String toString() {
			return dtype.dtypeName() + Arrays.toString(shape);
		}
	}

	/** A Python tuple. */
	public record Tuple(List<Object> items) {

		public Tuple {
			items = Collections.unmodifiableList(new ArrayList<>(items));
		}

		public static Tuple of(final Object... items) {
			return new Tuple(Arrays.asList(items));
		}
	}

	/**
	 * A {@code collections.OrderedDict}, as state dicts are, in the iteration order of {@code items}.
	 * {@code metadata}, if not null, becomes the {@code _metadata} attribute {@code state_dict()}
	 * attaches: module name ({@code ""} for the root) to the module's version.
	 */
	public record OrderedDict(Map<?, ?> items, Map<String, Integer> metadata) {

		public OrderedDict {
			Objects.requireNonNull(items, "items");
		}

		public OrderedDict(final Map<?, ?> items) {
			this(items, null);
		}
	}

	/** How a state dict is wrapped at the top of the file, and whether its keys carry {@code module.}. */
	public record Wrapper(Kind kind, boolean modulePrefix, long epoch, Map<String, ?> optimizer) {

		public enum Kind {
			/** The state dict itself (a plain {@code torch.save(model.state_dict(), f)}). */
			BARE,
			/** {@code {'params': state_dict}} as basicsr (Restormer) saves it. */
			PARAMS,
			/** {@code {'epoch': n, 'state_dict': state_dict, 'optimizer': ...}} as AST's training saves it. */
			TRAINING
		}

		public Wrapper {
			Objects.requireNonNull(kind, "kind");
		}

		public static Wrapper bare() {
			return new Wrapper(Kind.BARE, false, 0, null);
		}

		public static Wrapper params() {
			return new Wrapper(Kind.PARAMS, false, 0, null);
		}

		/**
		 * @param optimizer the optimizer's {@code state_dict()}, e.g. from {@link AdamW#stateDict}; null to
		 *          leave the entry out
		 */
		public static Wrapper training(final long epoch, final Map<String, ?> optimizer) {
			return new Wrapper(Kind.TRAINING, false, epoch, optimizer);
		}

		/** The same wrapper with {@code module.} before every key, as a DataParallel model saves them. */
		public Wrapper withModulePrefix() {
			return new Wrapper(kind, true, epoch, optimizer);
		}

		Object wrap(final OrderedDict stateDict) {
			final Map<String, Object> top = new LinkedHashMap<>();
			switch (kind) {
				case BARE -> {
					return stateDict;
				}
				case PARAMS -> top.put("params", stateDict);
				case TRAINING -> {
					top.put("epoch", epoch);
					top.put("state_dict", stateDict);
					if (optimizer != null) top.put("optimizer", optimizer);
				}
			}
			return top;
		}
	}

	/**
	 * The hyper-parameters {@code torch.optim.AdamW} records in {@code param_groups} (one group;
	 * {@code amsgrad}, {@code maximize}, {@code capturable} false, {@code foreach} None).
	 */
	public record AdamW(double lr, double beta1, double beta2, double eps, double weightDecay) {

		/** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 0.01. */
		public static AdamW withLearningRate(final double lr) {
			return new AdamW(lr, 0.9, 0.999, 1e-8, 0.01);
		}

		/**
		 * {@code optimizer.state_dict()} of AdamW over {@code parameters} parameters after {@code step}
		 * steps: {@code state} maps each parameter index to {@code step} (a 0-d float tensor, as PyTorch
		 * 1.12 and later store it), {@code exp_avg} and {@code exp_avg_sq}; {@code param_groups} holds
		 * one group over all indices.
		 */
		public Map<String, Object> stateDict(final int parameters, final float step, final IntFunction<Tensor> expAvg,
			final IntFunction<Tensor> expAvgSq)
		{
			final Map<Long, Object> state = new LinkedHashMap<>();
			for (int i = 0; i < parameters; i++) {
				final Map<String, Object> s = new LinkedHashMap<>();
				s.put("step", Tensor.scalar(step));
				s.put("exp_avg", Objects.requireNonNull(expAvg.apply(i), "exp_avg"));
				s.put("exp_avg_sq", Objects.requireNonNull(expAvgSq.apply(i), "exp_avg_sq"));
				state.put((long) i, s);
			}
			final Map<String, Object> group = new LinkedHashMap<>();
			group.put("lr", lr);
			group.put("betas", Tuple.of(beta1, beta2));
			group.put("eps", eps);
			group.put("weight_decay", weightDecay);
			group.put("amsgrad", false);
			group.put("foreach", null);
			group.put("maximize", false);
			group.put("capturable", false);
			group.put("params", new ArrayList<>(LongStream.range(0, parameters).boxed().toList()));
			final Map<String, Object> optimizer = new LinkedHashMap<>();
			optimizer.put("state", state);
			optimizer.put("param_groups", new ArrayList<>(List.of(group)));
			return optimizer;
		}
	}

	/**
	 * Writes a state dict (keys in the map's order, without {@code module.}) in the given wrapper.
	 */
	public static void writeStateDict(final Path file, final Map<String, Tensor> stateDict, final Wrapper wrapper)
		throws IOException
	{
		final Map<String, Tensor> keyed = new LinkedHashMap<>();
		stateDict.forEach((key, tensor) -> keyed.put(wrapper.modulePrefix() ? MODULE_PREFIX + key : key,
			Objects.requireNonNull(tensor, key)));
		write(file, wrapper.wrap(new OrderedDict(keyed)));
	}

	/** Writes any object tree, under the root directory {@code torch.save} would use for this file name. */
	public static void write(final Path file, final Object top) throws IOException {
		write(file, rootFor(file), top);
	}

	/** Writes any object tree with entries under {@code root/}. */
	public static void write(final Path file, final String root, final Object top) throws IOException {
		write(file, root, top, TorchZipWriter.ZIP64_LIMIT);
	}

	static void write(final Path file, final String root, final Object top, final long zip64Limit)
		throws IOException
	{
		if (root.isEmpty() || root.contains("/") || root.contains("\\") || root.equals(".") || root.equals(".."))
			throw new IllegalArgumentException("'" + root + "' cannot be the root directory of a checkpoint");
		final TorchPickler.Result pickled = TorchPickler.dump(top);
		// torch.save writes storages sorted by key as strings: 0, 1, 10, 100, 101, ...
		final TreeMap<String, Tensor> storages = new TreeMap<>();
		for (int i = 0; i < pickled.storages().size(); i++)
			storages.put(Integer.toString(i), pickled.storages().get(i));
		final Path target = file.toAbsolutePath();
		final Path partial = target.resolveSibling(target.getFileName() + ".partial");
		boolean done = false;
		try {
			try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE,
				StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE); TorchZipWriter zip =
					new TorchZipWriter(channel, root, zip64Limit))
			{
				zip.writeRecord("data.pkl", pickled.pickle());
				for (final Map.Entry<String, Tensor> e : storages.entrySet()) {
					try (TorchZipWriter.Record record = zip.openRecord("data/" + e.getKey(), e.getValue()
						.storageBytes()))
					{
						e.getValue().writeTo(record);
					}
				}
				zip.writeRecord("version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
				zip.finish();
			}
			Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			done = true;
		}
		finally {
			if (!done) Files.deleteIfExists(partial);
		}
	}

	/** The file name without its last extension, as PyTorch names the archive's directory. */
	static String rootFor(final Path file) {
		final String name = file.getFileName().toString();
		final int dot = name.lastIndexOf('.');
		final String stem = dot < 0 ? name : name.substring(0, dot);
		return stem.isEmpty() || stem.equals(".") || stem.equals("..") ? "archive" : stem;
	}

	static long numel(final long... shape) {
		long n = 1;
		for (final long d : shape)
			n = Math.multiplyExact(n, d);
		return n;
	}

	/** Row-major strides in elements, as {@code torch.Tensor.stride()} reports for a contiguous tensor. */
	static long[] contiguousStrides(final long... shape) {
		final long[] stride = new long[shape.length];
		long s = 1;
		for (int d = shape.length - 1; d >= 0; d--) {
			stride[d] = s;
			s *= Math.max(shape[d], 1); // as torch computes it, so that size-0 dimensions keep stride 1
		}
		return stride;
	}
}
