/**
 * Reads TIFF and BigTIFF files lazily as 5D ImgLib2 images (X, Y, C, Z, T): {@link org.restorej.tiff.read.TiffImage}
 * reads the directories at open and each tile or group of strips when first touched, through a cell cache
 * bounded in bytes.
 */
package org.restorej.tiff.read;
