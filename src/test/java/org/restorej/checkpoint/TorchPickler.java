package org.restorej.checkpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.restorej.checkpoint.PthWriter.OrderedDict;
import org.restorej.checkpoint.PthWriter.Tensor;
import org.restorej.checkpoint.PthWriter.Tuple;

/**
 * Pickles an object tree the way {@code torch.save} does: CPython's pickler at protocol 2, with
 * tensors reduced to {@code torch._utils._rebuild_tensor_v2} over storages that are referenced by
 * persistent id and numbered in the order they are met. The memo is used exactly as CPython uses it
 * (containers, tuples, tensors by identity; strings by value, which is what CPython's identity memo
 * amounts to for the interned literals torch and optimizers use as keys), and dicts and lists are
 * written in the same batches, so that the bytes equal those of {@code torch.save}.
 */
final class TorchPickler extends PickleOutput<TorchPickler> {

	/** torch.save's default {@code pickle_protocol}. */
	static final int PROTOCOL = 2;
	/** CPython's {@code BATCHSIZE} for SETITEMS and APPENDS. */
	private static final int BATCH = 1000;

	private final Map<Object, Long> memoByIdentity = new IdentityHashMap<>();
	private final Map<String, Long> memoByValue = new HashMap<>();
	private final Map<String, Long> globals = new HashMap<>();
	private long memoSize;
	private final List<Tensor> storages = new ArrayList<>();

	private TorchPickler() {}

	/** The pickle of {@code top}, and the tensors whose storages it names, storage key = list index. */
	record Result(byte[] pickle, List<Tensor> storages) {}

	static Result dump(final Object top) {
		final TorchPickler p = new TorchPickler();
		p.proto(PROTOCOL);
		p.save(top);
		p.stop();
		return new Result(p.bytes(), List.copyOf(p.storages));
	}

	private void save(final Object v) {
		if (v == null) none();
		else if (v instanceof Boolean b) bool(b);
		else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)
			integer(((Number) v).longValue());
		else if (v instanceof Double || v instanceof Float) binFloat(((Number) v).doubleValue());
		else if (v instanceof String s) saveStr(s);
		else if (v instanceof Tensor t) saveTensor(t);
		else if (v instanceof Tuple t) saveTuple(t, t.items());
		else if (v instanceof OrderedDict d) saveOrderedDict(d);
		else if (v instanceof Map<?, ?> m) saveDict(m);
		else if (v instanceof List<?> l) saveList(l);
		else throw new IllegalArgumentException("cannot pickle a " + v.getClass().getName() + " (supported: null, " +
			"Boolean, integers, Float/Double, String, Map, List, PthWriter.Tuple, PthWriter.OrderedDict, " +
			"PthWriter.Tensor)");
	}

	// -- memo --

	private boolean fromMemo(final Object o) {
		final Long index = memoByIdentity.get(o);
		if (index == null) return false;
		get(index);
		return true;
	}

	private void memoize(final Object o) {
		memoByIdentity.put(o, memoSize);
		put(memoSize++);
	}

	/** Memoizes a value nothing will refer to again (CPython still spends a slot on it). */
	private void memoizeFresh() {
		put(memoSize++);
	}

	// -- values --

	private void saveStr(final String s) {
		final Long index = memoByValue.get(s);
		if (index != null) {
			get(index);
			return;
		}
		str(s);
		memoByValue.put(s, memoSize);
		put(memoSize++);
	}

	private void saveGlobal(final String module, final String name) {
		final String key = module + "\n" + name;
		final Long index = globals.get(key);
		if (index != null) {
			get(index);
			return;
		}
		global(module, name);
		globals.put(key, memoSize);
		put(memoSize++);
	}

	private void saveTuple(final Object identity, final List<?> items) {
		if (fromMemo(identity)) return;
		final int n = items.size();
		if (n == 0) {
			emptyTuple(); // never memoized
			return;
		}
		if (n > 3) mark();
		for (final Object item : items)
			save(item);
		switch (n) {
			case 1 -> tuple1();
			case 2 -> tuple2();
			case 3 -> tuple3();
			default -> tuple();
		}
		memoize(identity);
	}

	private void saveLongTuple(final long[] values) {
		final List<Object> items = new ArrayList<>(values.length);
		for (final long v : values)
			items.add(v);
		saveTuple(items, items);
	}

	/** An exact dict: CPython's {@code batch_dict_exact}. */
	private void saveDict(final Map<?, ?> dict) {
		if (fromMemo(dict)) return;
		emptyDict();
		memoize(dict);
		if (dict.isEmpty()) return;
		final Iterator<? extends Map.Entry<?, ?>> it = dict.entrySet().iterator();
		if (dict.size() == 1) {
			final Map.Entry<?, ?> e = it.next();
			save(e.getKey());
			save(e.getValue());
			setItem();
			return;
		}
		int inBatch;
		do { // a dict of exactly k * 1000 items ends with an empty batch, as in CPython
			inBatch = 0;
			mark();
			while (it.hasNext()) {
				final Map.Entry<?, ?> e = it.next();
				save(e.getKey());
				save(e.getValue());
				if (++inBatch == BATCH) break;
			}
			setItems();
		}
		while (inBatch == BATCH);
	}

	/** Items of an OrderedDict's {@code __reduce__}: CPython's {@code batch_dict} over an iterator. */
	private void saveItems(final Iterator<? extends Map.Entry<?, ?>> it) {
		int n;
		do {
			if (!it.hasNext()) return;
			final Map.Entry<?, ?> first = it.next();
			if (!it.hasNext()) {
				save(first.getKey());
				save(first.getValue());
				setItem();
				return;
			}
			mark();
			save(first.getKey());
			save(first.getValue());
			n = 1;
			while (it.hasNext()) {
				final Map.Entry<?, ?> e = it.next();
				save(e.getKey());
				save(e.getValue());
				if (++n == BATCH) break;
			}
			setItems();
		}
		while (n == BATCH);
	}

	/** An exact list: CPython's {@code batch_list_exact}. */
	private void saveList(final List<?> list) {
		if (fromMemo(list)) return;
		emptyList();
		memoize(list);
		final int size = list.size();
		if (size == 0) return;
		if (size == 1) {
			save(list.get(0));
			append();
			return;
		}
		int total = 0;
		do {
			mark();
			for (int inBatch = 0; total < size && inBatch < BATCH; inBatch++)
				save(list.get(total++));
			appends();
		}
		while (total < size);
	}

	/**
	 * {@code OrderedDict.__reduce__}: {@code OrderedDict()}, its items, then, if the dict carries
	 * PyTorch's {@code _metadata}, BUILD with the state {@code {'_metadata': OrderedDict(...)}}.
	 */
	private void saveOrderedDict(final OrderedDict d) {
		if (fromMemo(d)) return;
		saveGlobal("collections", "OrderedDict");
		emptyTuple();
		reduce();
		memoize(d);
		saveItems(d.items().entrySet().iterator());
		if (d.metadata() == null) return;
		emptyDict();
		memoizeFresh();
		saveStr("_metadata");
		saveGlobal("collections", "OrderedDict");
		emptyTuple();
		reduce();
		memoizeFresh();
		final Map<String, Map<String, Object>> versions = new java.util.LinkedHashMap<>();
		d.metadata().forEach((module, version) -> versions.put(module, Map.of("version", version)));
		saveItems(versions.entrySet().iterator());
		setItem();
		build();
	}

	/**
	 * {@code _rebuild_tensor_v2(storage, 0, size, stride, False, OrderedDict())} with the storage as
	 * persistent id {@code ('storage', torch.XStorage, key, 'cpu', numel)}.
	 */
	private void saveTensor(final Tensor t) {
		if (fromMemo(t)) return;
		saveGlobal("torch._utils", "_rebuild_tensor_v2");
		mark();
		final String key = Integer.toString(storages.size());
		storages.add(t);
		mark();
		saveStr("storage");
		saveGlobal("torch", t.dtype().torchStorageClass().substring("torch.".length()));
		saveStr(key);
		saveStr("cpu");
		integer(t.numel());
		tuple();
		memoizeFresh();
		binPersId();
		integer(0);
		saveLongTuple(t.shape());
		saveLongTuple(PthWriter.contiguousStrides(t.shape()));
		newFalse();
		saveGlobal("collections", "OrderedDict"); // backward hooks: OrderedDict()
		emptyTuple();
		reduce();
		memoizeFresh();
		tuple();
		memoizeFresh();
		reduce();
		memoize(t);
	}
}
