package org.restorej.checkpoint;

import static org.restorej.checkpoint.PickleLiterals.decimalFloat;
import static org.restorej.checkpoint.PickleLiterals.decimalInteger;
import static org.restorej.checkpoint.PickleLiterals.littleEndianInteger;
import static org.restorej.checkpoint.PickleLiterals.memoIndex;
import static org.restorej.checkpoint.PickleLiterals.rawUnicodeEscape;
import static org.restorej.checkpoint.PickleLiterals.utf8;
import static org.restorej.checkpoint.PickleOpcodes.*;
import static org.restorej.checkpoint.PickleValues.describe;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Interprets a pickle as data only. Python's unpickler is a small stack machine whose GLOBAL/REDUCE
 * opcodes import and call arbitrary code; this one knows a fixed allow-list of globals
 * ({@link GlobalAllowList}), emulates their effect ({@link TorchCalls}) and refuses any other
 * global with an {@link UnsafePickleException} as soon as it is named. Sizes of the stack, the
 * memo, marks and literals are bounded so that a hostile file cannot exhaust memory.
 *
 * <p>Values: None is {@code null}; bool {@link Boolean}; int {@link Long} (or {@link BigInteger}
 * beyond 64 bits); float {@link Double}; str {@link String}; bytes {@code byte[]}; tuple
 * {@link PickleTuple}; list {@link ArrayList}; dict {@link LinkedHashMap} (OrderedDict
 * {@link OrderedDictObject}); set {@link LinkedHashSet}; tensors {@link PickledTensor}.
 */
final class SafeUnpickler {

	static final int MAX_PICKLE_BYTES = 64 << 20;
	static final int MAX_STACK = 1 << 20;
	static final int MAX_MARKS = 1 << 16;
	static final int MAX_MEMO = 1 << 20;
	/** A state dict has no use for integers beyond a few bytes; LONG4 could otherwise ask for 2 GB. */
	static final int MAX_LONG_BYTES = 1 << 10;

	private final Path file;
	private final String entryName;
	private final PickleInput in;
	private int opStart;
	private int op;

	private final ArrayList<Object> stack = new ArrayList<>();
	private final int[] marks = new int[MAX_MARKS];
	private int markCount;
	private final HashMap<Long, Object> memo = new HashMap<>();

	private SafeUnpickler(final Path file, final String entryName, final byte[] data) {
		this.file = file;
		this.entryName = entryName;
		this.in = new PickleInput(data);
	}

	/**
	 * Interprets {@code data} and returns the top-level object.
	 *
	 * @param file for messages only
	 * @param entryName name of the pickle in the archive, for messages only
	 */
	static Object load(final Path file, final String entryName, final byte[] data) {
		if (data.length > MAX_PICKLE_BYTES)
			throw new CheckpointException(file, "its pickle data (" + entryName + ") has " + data.length +
				" bytes, more than the " + MAX_PICKLE_BYTES + " a state dict description can need");
		return new SafeUnpickler(file, entryName, data).run();
	}

	private Object run() {
		while (true) {
			opStart = in.position();
			op = -1;
			try {
				if (in.remaining() == 0)
					throw PickleError.malformed("the data ends without a STOP opcode (truncated file?)");
				op = in.u8();
				if (op == STOP) return finish();
				execute(op);
			}
			catch (final PickleError e) {
				throw convert(e);
			}
			catch (final CheckpointException e) {
				throw e;
			}
			catch (final RuntimeException e) {
				// Safety net: whatever a hostile file provokes must surface as a checkpoint error.
				throw new CheckpointException(file, where() + " could not be interpreted: " + e, e);
			}
		}
	}

	private Object finish() {
		final Object result = pop();
		if (!stack.isEmpty() || markCount > 0)
			throw PickleError.malformed("values are left on the stack at STOP");
		return result;
	}

	private void execute(final int code) {
		switch (code) {
			case PROTO -> {
				final int version = in.u8();
				if (version > HIGHEST_PROTOCOL) throw PickleError.unsupported("pickle protocol " + version);
			}
			case FRAME -> {
				final long length = in.u64();
				if (length < 0 || length > in.remaining())
					throw PickleError.malformed("frame of " + length + " bytes runs past the end of the data");
			}
			case MARK -> pushMark();
			case POP -> {
				if (stack.size() > markBase()) pop();
				else popMark();
			}
			case POP_MARK -> popMark();
			case DUP -> push(peek());
			case NONE -> push(null);
			case NEWTRUE -> push(Boolean.TRUE);
			case NEWFALSE -> push(Boolean.FALSE);
			case INT -> {
				final String s = PickleLiterals.latin1(in.line()).trim();
				if (s.equals("00")) push(Boolean.FALSE);
				else if (s.equals("01")) push(Boolean.TRUE);
				else push(decimalInteger(s));
			}
			case LONG -> {
				final String s = PickleLiterals.latin1(in.line()).trim();
				push(decimalInteger(s.endsWith("L") ? s.substring(0, s.length() - 1) : s));
			}
			case FLOAT -> push(decimalFloat(PickleLiterals.latin1(in.line()).trim()));
			case BININT -> push((long) in.s32());
			case BININT1 -> push((long) in.u8());
			case BININT2 -> push((long) in.u16());
			case LONG1 -> push(littleEndianInteger(in.bytes(in.u8())));
			case LONG4 -> {
				final int n = in.s32();
				if (n < 0) throw PickleError.malformed("negative LONG4 length");
				if (n > MAX_LONG_BYTES) throw PickleError.unsupported("an integer of " + n + " bytes");
				push(littleEndianInteger(in.bytes(n)));
			}
			case BINFLOAT -> push(in.binaryDouble());
			case BINUNICODE -> push(utf8(in.bytes(in.u32())));
			case SHORT_BINUNICODE -> push(utf8(in.bytes(in.u8())));
			case BINUNICODE8 -> push(utf8(in.bytes(in.u64())));
			case BINSTRING -> {
				// torch.load reads Python 2 strings with encoding='utf-8'
				final int n = in.s32();
				if (n < 0) throw PickleError.malformed("negative BINSTRING length");
				push(utf8(in.bytes(n)));
			}
			case SHORT_BINSTRING -> push(utf8(in.bytes(in.u8())));
			case UNICODE -> push(rawUnicodeEscape(in.line()));
			case BINBYTES -> push(in.bytes(in.u32()));
			case SHORT_BINBYTES -> push(in.bytes(in.u8()));
			case BINBYTES8, BYTEARRAY8 -> push(in.bytes(in.u64()));
			case EMPTY_TUPLE -> push(PickleTuple.EMPTY);
			case TUPLE -> push(new PickleTuple(popMark()));
			case TUPLE1 -> push(new PickleTuple(popN(1)));
			case TUPLE2 -> push(new PickleTuple(popN(2)));
			case TUPLE3 -> push(new PickleTuple(popN(3)));
			case EMPTY_LIST -> push(new ArrayList<>());
			case LIST -> push(new ArrayList<>(popMark()));
			case APPEND -> {
				final Object v = pop();
				list(peek()).add(v);
			}
			case APPENDS -> {
				final List<Object> items = popMark();
				list(peek()).addAll(items);
			}
			case EMPTY_DICT -> push(new LinkedHashMap<>());
			case DICT -> {
				final List<Object> items = popMark();
				final Map<Object, Object> d = new LinkedHashMap<>();
				putPairs(d, items);
				push(d);
			}
			case SETITEM -> {
				final Object v = pop();
				final Object k = pop();
				putPairs(dict(peek()), pair(k, v));
			}
			case SETITEMS -> {
				final List<Object> items = popMark();
				putPairs(dict(peek()), items);
			}
			case EMPTY_SET -> push(new LinkedHashSet<>());
			case ADDITEMS -> {
				final List<Object> items = popMark();
				final Set<Object> set = set(peek());
				for (final Object item : items) {
					PickleValues.requireHashable(item);
					set.add(item);
				}
			}
			case FROZENSET -> {
				final List<Object> items = popMark();
				for (final Object item : items)
					PickleValues.requireHashable(item);
				push(Collections.unmodifiableSet(new LinkedHashSet<>(items)));
			}
			case PUT -> memoPut(memoIndex(PickleLiterals.latin1(in.line()).trim()));
			case BINPUT -> memoPut(in.u8());
			case LONG_BINPUT -> memoPut(in.u32());
			case MEMOIZE -> memoPut(memo.size());
			case GET -> memoGet(memoIndex(PickleLiterals.latin1(in.line()).trim()));
			case BINGET -> memoGet(in.u8());
			case LONG_BINGET -> memoGet(in.u32());
			case GLOBAL -> {
				final String module = utf8(in.line());
				final String name = utf8(in.line());
				push(resolve(module, name));
			}
			case STACK_GLOBAL -> {
				final Object name = pop();
				final Object module = pop();
				if (!(module instanceof String m) || !(name instanceof String n))
					throw PickleError.malformed("STACK_GLOBAL needs two str but got " + describe(module) +
						" and " + describe(name));
				push(resolve(m, n));
			}
			case INST -> {
				final String module = utf8(in.line());
				final String name = utf8(in.line());
				final PickleGlobal cls = resolve(module, name);
				push(TorchCalls.call(cls, new PickleTuple(popMark())));
			}
			case OBJ -> {
				final List<Object> items = popMark();
				if (items.isEmpty()) throw PickleError.malformed("OBJ without a class");
				final PickleGlobal cls = callable(items.get(0));
				push(TorchCalls.call(cls, new PickleTuple(items.subList(1, items.size()))));
			}
			case REDUCE -> {
				final Object args = pop();
				final Object callee = pop();
				push(TorchCalls.call(callable(callee), arguments(args)));
			}
			case NEWOBJ -> {
				final Object args = pop();
				final Object cls = pop();
				push(TorchCalls.newObject(callable(cls), arguments(args)));
			}
			case NEWOBJ_EX -> {
				final Object kwargs = pop();
				final Object args = pop();
				final Object cls = pop();
				if (!(kwargs instanceof Map<?, ?> m) || !m.isEmpty())
					throw PickleError.unsupported("keyword arguments to a constructor");
				push(TorchCalls.newObject(callable(cls), arguments(args)));
			}
			case BUILD -> {
				pop(); // the state: for OrderedDict only PyTorch's _metadata bookkeeping, not needed
				final Object target = peek();
				if (!(target instanceof OrderedDictObject))
					throw PickleError.malformed("BUILD (setting object state) on " + describe(target) +
						" is not allowed; only an OrderedDict's state is accepted");
			}
			case BINPERSID -> push(TorchCalls.persistentLoad(pop()));
			case PERSID -> throw PickleError.unsupported("text persistent ids (PERSID), which torch.save never writes");
			case EXT1 -> throw new UnsafePickleException(file, "copyreg extension code " + in.u8());
			case EXT2 -> throw new UnsafePickleException(file, "copyreg extension code " + in.u16());
			case EXT4 -> throw new UnsafePickleException(file, "copyreg extension code " + in.s32());
			case STRING -> throw PickleError.unsupported("protocol 0 STRING literals");
			case NEXT_BUFFER, READONLY_BUFFER -> throw PickleError.unsupported("out-of-band buffers");
			default -> throw PickleError.malformed("unknown opcode");
		}
	}

	// -- globals and calls --

	private PickleGlobal resolve(final String module, final String name) {
		return GlobalAllowList.lookup(module, name).orElseThrow(() -> {
			if (GlobalAllowList.isOtherTorchStorage(module, name))
				return new UnsupportedCheckpointFormatException(file, "it holds a tensor of storage type torch." +
					name + ", which is not supported (supported: float32, float16, bfloat16, float64, int64, " +
					"int32, int16, int8, uint8, bool)");
			return new UnsafePickleException(file, PickleValues.sanitize(module + "." + name));
		});
	}

	private static PickleGlobal callable(final Object callee) {
		if (callee instanceof PickleGlobal g) return g;
		throw PickleError.malformed(describe(callee) + " is not callable");
	}

	private static PickleTuple arguments(final Object args) {
		if (args instanceof PickleTuple t) return t;
		throw PickleError.malformed("call arguments should be a tuple but are " + describe(args));
	}

	// -- containers --

	private static List<Object> pair(final Object k, final Object v) {
		final List<Object> p = new ArrayList<>(2);
		p.add(k);
		p.add(v);
		return p;
	}

	private static void putPairs(final Map<Object, Object> dict, final List<Object> items) {
		if (items.size() % 2 != 0) throw PickleError.malformed("odd number of items for a dict");
		for (int i = 0; i < items.size(); i += 2) {
			PickleValues.requireHashable(items.get(i));
			dict.put(items.get(i), items.get(i + 1));
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(final Object target) {
		if (target instanceof ArrayList) return (List<Object>) target;
		throw PickleError.malformed("cannot append to " + describe(target));
	}

	@SuppressWarnings("unchecked")
	private static Map<Object, Object> dict(final Object target) {
		// an OrderedDictObject is a LinkedHashMap too
		if (target instanceof LinkedHashMap) return (Map<Object, Object>) target;
		throw PickleError.malformed("cannot set items on " + describe(target));
	}

	@SuppressWarnings("unchecked")
	private static Set<Object> set(final Object target) {
		if (target instanceof LinkedHashSet) return (Set<Object>) target;
		throw PickleError.malformed("cannot add items to " + describe(target));
	}

	// -- stack, marks, memo --

	private int markBase() {
		return markCount == 0 ? 0 : marks[markCount - 1];
	}

	private void push(final Object v) {
		if (stack.size() >= MAX_STACK)
			throw PickleError.malformed("the stack grows beyond " + MAX_STACK + " entries");
		stack.add(v);
	}

	private Object pop() {
		if (stack.size() <= markBase()) throw PickleError.malformed("stack underflow");
		return stack.remove(stack.size() - 1);
	}

	private Object peek() {
		if (stack.size() <= markBase()) throw PickleError.malformed("stack underflow");
		return stack.get(stack.size() - 1);
	}

	private List<Object> popN(final int n) {
		if (stack.size() - markBase() < n) throw PickleError.malformed("stack underflow");
		final List<Object> top = stack.subList(stack.size() - n, stack.size());
		final List<Object> items = new ArrayList<>(top);
		top.clear();
		return items;
	}

	private void pushMark() {
		if (markCount >= MAX_MARKS) throw PickleError.malformed("more than " + MAX_MARKS + " nested MARKs");
		marks[markCount++] = stack.size();
	}

	private List<Object> popMark() {
		if (markCount == 0) throw PickleError.malformed("no MARK to return to");
		final int base = marks[--markCount];
		final List<Object> top = stack.subList(base, stack.size());
		final List<Object> items = new ArrayList<>(top);
		top.clear();
		return items;
	}

	private void memoPut(final long index) {
		final Long key = index;
		if (!memo.containsKey(key) && memo.size() >= MAX_MEMO)
			throw PickleError.malformed("the memo grows beyond " + MAX_MEMO + " entries");
		memo.put(key, peek());
	}

	private void memoGet(final long index) {
		final Long key = index;
		if (!memo.containsKey(key)) throw PickleError.malformed("memo entry " + index + " was never stored");
		push(memo.get(key));
	}

	// -- errors --

	private String where() {
		return "its pickle data (" + entryName + ") at byte " + opStart +
			(op < 0 ? "" : " (" + PickleOpcodes.name(op) + ")");
	}

	private CheckpointException convert(final PickleError e) {
		if (e.isUnsupported())
			return new UnsupportedCheckpointFormatException(file, where() + " uses " + e.getMessage() +
				", which a plain state dict does not need");
		return new CheckpointException(file, where() + " is malformed: " + e.getMessage());
	}
}
