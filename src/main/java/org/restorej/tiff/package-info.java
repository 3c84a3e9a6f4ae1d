/**
 * TIFF and BigTIFF files: the reader every command uses (lazily as ImgLib2 images or plane by plane), a
 * writer of tiled BigTIFF fed tile row by tile row, and the entries both share. GeoTIFF and GDAL tags
 * travel as raw {@link org.restorej.tiff.TiffField}s, so they are copied without interpretation.
 */
package org.restorej.tiff;
