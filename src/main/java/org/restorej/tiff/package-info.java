/**
 * TIFF and BigTIFF files larger than memory: a reader exposing a file as a lazily read ImgLib2 image,
 * a writer of tiled BigTIFF fed tile row by tile row, and the entries both share. GeoTIFF and GDAL
 * tags travel as raw {@link org.restorej.tiff.TiffField}s, so they are copied without interpretation.
 */
package org.restorej.tiff;
