package org.restorej.tiff.read;

import java.nio.ByteOrder;

/**
 * Rows of a tile or strip once decompressed and un-predicted: {@code rows} rows of {@code rowValues}
 * samples each, in {@code order}; data row 0 is row {@code firstRow} of the block.
 */
record DecodedBlock(byte[] data, ByteOrder order, int rowValues, int firstRow, int rows) {}
