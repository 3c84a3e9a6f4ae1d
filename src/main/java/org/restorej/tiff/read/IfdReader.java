package org.restorej.tiff.read;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.restorej.tiff.FieldType;
import org.restorej.tiff.InvalidTiffException;
import org.restorej.tiff.TiffField;

/**
 * Reads the chain of image file directories, refusing loops and directories that do not fit the file,
 * so that a corrupt file fails at open with a message instead of hanging or failing later.
 */
final class IfdReader {

	/** More entries than any real directory has: guards against reading garbage as a huge directory. */
	private static final long MAX_ENTRIES = 65_535;
	/** Entry values beyond this size are refused (offset tables of ~100 million blocks). */
	private static final long MAX_VALUE_BYTES = Integer.MAX_VALUE - 16;

	private final FileBytes in;
	private final TiffHeader header;

	IfdReader(final FileBytes in, final TiffHeader header) {
		this.in = in;
		this.header = header;
	}

	/** Every directory of the main chain, in order (SubIFDs are not followed). */
	List<ImageFileDirectory> readAll() {
		final List<ImageFileDirectory> ifds = new ArrayList<>();
		final Set<Long> seen = new HashSet<>();
		long offset = header.firstIfdOffset();
		if (offset == 0) throw new InvalidTiffException(in.file(), "the file holds no image directory",
			"The file is empty or incomplete: export it again.");
		while (offset != 0) {
			if (!seen.add(offset)) throw new InvalidTiffException(in.file(), "the directory chain loops back to offset " +
				offset + " after " + ifds.size() + " directories", "The file is corrupt: export it again.");
			final long[] next = new long[1];
			ifds.add(read(ifds.size(), offset, next));
			offset = next[0];
		}
		return ifds;
	}

	private ImageFileDirectory read(final int index, final long offset, final long[] next) {
		final String what = "image directory " + index;
		final int countSize = header.bigTiff() ? 8 : 2;
		final int entrySize = header.bigTiff() ? 20 : 12;
		final int inline = header.offsetSize();
		final ByteBuffer countBytes = in.buffer(offset, countSize, header.order(), what);
		final long count = header.bigTiff() ? countBytes.getLong(0) : countBytes.getShort(0) & 0xFFFF;
		if (count < 0 || count > MAX_ENTRIES) throw new InvalidTiffException(in.file(), what + " at offset " + offset +
			" claims " + count + " entries", "The file is corrupt: export it again.");
		final int tableBytes = (int) count * entrySize + inline;
		final ByteBuffer table = in.buffer(offset + countSize, tableBytes, header.order(), what);
		final List<TiffField> fields = new ArrayList<>((int) count);
		for (int i = 0; i < count; i++) {
			final int at = i * entrySize;
			final int tag = table.getShort(at) & 0xFFFF;
			final FieldType type = FieldType.of(table.getShort(at + 2) & 0xFFFF);
			final long n = header.bigTiff() ? table.getLong(at + 4) : table.getInt(at + 4) & 0xFFFFFFFFL;
			if (type == null) continue; // a type TIFF does not define: readers must skip the entry
			if (n < 0 || n > MAX_VALUE_BYTES / type.size()) throw new InvalidTiffException(in.file(), what + ", tag " +
				tag + " claims " + Long.toUnsignedString(n) + " values", "The file is corrupt: export it again.");
			final int bytes = (int) (n * type.size());
			final int valueAt = at + (header.bigTiff() ? 12 : 8);
			final byte[] value;
			if (bytes <= inline) {
				value = new byte[bytes];
				table.get(valueAt, value);
			}
			else {
				// read checks the range against the file before it allocates: a count cannot outgrow the file
				final long valueOffset = header.bigTiff() ? table.getLong(valueAt) : table.getInt(valueAt) & 0xFFFFFFFFL;
				value = in.read(valueOffset, bytes, what + ", values of tag " + tag);
			}
			fields.add(new TiffField(tag, type, n, value, header.order()));
		}
		final int nextAt = (int) count * entrySize;
		next[0] = header.bigTiff() ? table.getLong(nextAt) : table.getInt(nextAt) & 0xFFFFFFFFL;
		return new ImageFileDirectory(index, offset, List.copyOf(fields));
	}
}
