/**
 * RestoreJ's one TIFF reader, for every file read outside Fiji's open images: TIFF and BigTIFF, read
 * lazily as 5D ImgLib2 images (X, Y, C, Z, T) by {@link org.restorej.tiff.read.TiffImage} (each tile or
 * group of strips when first touched, through a cell cache bounded in bytes), or plane by plane into
 * arrays by {@link org.restorej.tiff.read.TiffPlanes} (plain Java, for ImageJ 1 and Fiji's JVM). Both
 * go through the same directories, blocks, decoders and sample conversion.
 */
package org.restorej.tiff.read;
