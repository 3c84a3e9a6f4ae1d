#!/usr/bin/python3
"""Writes the TIFF fixtures of org.restorej.tiff.read tests with independent writers (tifffile and
GDAL/libtiff), the expected pixels of each as float32 .npy of shape (T, Z, C, Y, X), and fixtures.json
describing what the reader must report. Run from this folder: /usr/bin/python3 make_fixtures.py
Needs tifffile (2023.2.3), numpy and GDAL (osgeo.gdal) 3.6; output is deterministic for those versions."""
import json
import os

import numpy as np
import tifffile
from osgeo import gdal, osr

W, H = 50, 37  # tiles of 16 or 32 divide neither
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(20240607)
manifest = []


def pixels(dtype, channels=1, planes=1):
    """Smooth ramps plus noise (so predictors matter), covering the type's range."""
    y, x = np.mgrid[0:H, 0:W]
    out = []
    for p in range(planes):
        for c in range(channels):
            base = (x * 3 + y * 5 + 40 * c + 17 * p).astype(np.float64)
            if dtype == np.uint8:
                v = (base + rng.randint(0, 8, (H, W))) % 256
            elif dtype == np.uint16:
                v = (base * 211 + rng.randint(0, 300, (H, W))) % 65536
            else:
                v = (base - 150) * 1.37 + rng.standard_normal((H, W)) * 0.01
            out.append(v.astype(dtype))
    return np.stack(out).reshape(planes, channels, H, W)


def record(name, expected_tzcyx, sample_type, compression, tiled, block, big_tiff=False, order="LITTLE_ENDIAN",
           samples_as_channels=False):
    np.save(os.path.join(HERE, name + ".npy"), expected_tzcyx.astype(np.float32))
    t, z, c = expected_tzcyx.shape[:3]
    manifest.append(dict(file=name + ".tif", expected=name + ".npy", channels=c, slices=z, frames=t,
                         sampleType=sample_type, compression=compression, tiled=tiled, blockWidth=block[0],
                         blockHeight=block[1], bigTiff=big_tiff, byteOrder=order,
                         channelsAsSamples=samples_as_channels))


TYPES = {"u8": (np.uint8, "UINT8", gdal.GDT_Byte), "u16": (np.uint16, "UINT16", gdal.GDT_UInt16),
         "f32": (np.float32, "FLOAT32", gdal.GDT_Float32)}


def tiff(name, short, channels=1, planes=1, tile=None, rows=None, compression=None, predictor=None,
         planar=None, photometric="minisblack", bigtiff=False, order="<"):
    """One fixture written by tifffile; channels > 1 are samples of each pixel."""
    dtype, stype, _ = TYPES[short]
    data = pixels(dtype, channels, planes)  # (Z, C, Y, X)
    if channels == 1:
        stored = data[:, 0]
    elif planar == "separate":
        stored = data
    else:
        stored = np.moveaxis(data, 1, -1)
    if planes == 1:
        stored = stored[0]
    kw = dict(photometric=photometric, bigtiff=bigtiff, byteorder=order, metadata=None)
    if tile:
        kw["tile"] = tile
    else:
        kw["rowsperstrip"] = rows
    if compression:
        kw["compression"] = compression
    if predictor:
        kw["predictor"] = predictor
    if planar:
        kw["planarconfig"] = planar
    tifffile.imwrite(os.path.join(HERE, name + ".tif"), stored, **kw)
    code = {None: 1, "zlib": 8, 32946: 32946}[compression]
    block = (tile[1], tile[0]) if tile else (W, rows)
    record(name, data[None], stype, code, bool(tile), block, bigtiff, "BIG_ENDIAN" if order == ">" else "LITTLE_ENDIAN",
           channels > 1)


def gtiff(name, short, bands=1, options=(), geo=False):
    """One fixture written by GDAL (libtiff): LZW, PackBits and the floating-point predictor come from here."""
    dtype, stype, gtype = TYPES[short]
    data = pixels(dtype, bands)[0]  # (C, Y, X)
    path = os.path.join(HERE, name + ".tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, W, H, bands, gtype, list(options))
    if geo:
        ds.SetGeoTransform((500000.0, 30.0, 0.0, 4100000.0, 0.0, -30.0))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(32633)
        ds.SetProjection(srs.ExportToWkt())
        ds.GetRasterBand(1).SetNoDataValue(-9999)
        ds.SetMetadataItem("SOURCE", "restorej fixture")
        data[0, 0, :5] = -9999
    for b in range(bands):
        ds.GetRasterBand(b + 1).WriteArray(data[b])
    ds = None
    opts = dict(o.split("=") for o in options)
    comp = {"NONE": 1, "LZW": 5, "DEFLATE": 8, "PACKBITS": 32773}[opts.get("COMPRESS", "NONE")]
    tiled = opts.get("TILED") == "YES"
    block = (int(opts.get("BLOCKXSIZE", 256)), int(opts.get("BLOCKYSIZE", 256))) if tiled else (
        W, int(opts.get("BLOCKYSIZE", 1)))
    record(name, data[None, None], stype, comp, tiled, block, opts.get("BIGTIFF") == "YES",
           "BIG_ENDIAN" if opts.get("ENDIANNESS") == "BIG" else "LITTLE_ENDIAN", bands > 1)


for short in TYPES:
    tiff(f"strips_none_{short}", short, rows=8)
    tiff(f"tiles16_none_{short}", short, tile=(16, 16))
    # tifffile refuses the horizontal predictor on floats (GDAL below writes the floating-point one)
    pred = 2 if short != "f32" else None
    tiff(f"tiles32_deflate_pred{pred or 1}_{short}", short, tile=(32, 32), compression="zlib", predictor=pred)
    tiff(f"bigtiff_bigendian_tiles16_deflate32946_{short}", short, tile=(16, 16), compression=32946,
         predictor=pred, bigtiff=True, order=">")
    gtiff(f"gdal_strips_lzw_pred2_{short}", short, options=("COMPRESS=LZW", "PREDICTOR=2", "BLOCKYSIZE=7"))
    gtiff(f"gdal_tiles16_packbits_{short}", short,
          options=("COMPRESS=PACKBITS", "TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16"))
for short in ("f32",):
    gtiff(f"gdal_tiles32_deflate_pred3_{short}", short,
          options=("COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32"))
    # not PREDICTOR=3 here: GDAL 3.6's libtiff does not read its own big-endian floating-point predictor back
    gtiff(f"gdal_bigtiff_bigendian_strips_lzw_pred2_{short}", short,
          options=("COMPRESS=LZW", "PREDICTOR=2", "BLOCKYSIZE=5", "BIGTIFF=YES", "ENDIANNESS=BIG"))
# several samples per pixel: RGB, chunky and separate planes, extra samples
tiff("rgb_strips_none_u8", "u8", channels=3, rows=10, photometric="rgb")
tiff("rgb_tiles16_deflate_pred2_u8", "u8", channels=3, tile=(16, 16), compression="zlib", predictor=2,
     photometric="rgb")
tiff("separate3_tiles16_deflate_u16", "u16", channels=3, tile=(16, 16), compression="zlib", planar="separate")
tiff("separate2_strips_none_f32_bigendian", "f32", channels=2, rows=9, planar="separate", order=">")
tiff("chunky4_strips_deflate_f32", "f32", channels=4, rows=6, compression="zlib", planar="contig")
gtiff("gdal_chunky3_tiles16_lzw_pred2_u16", "u16", bands=3,
      options=("COMPRESS=LZW", "PREDICTOR=2", "TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "INTERLEAVE=PIXEL"))
gtiff("gdal_separate2_tiles16_deflate_pred3_f32", "f32", bands=2,
      options=("COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "INTERLEAVE=BAND"))
# pages: a plain Z stack, and one with a reduced-resolution copy between its pages (to be skipped)
tiff("pages3_tiles16_deflate_u16", "u16", planes=3, tile=(16, 16), compression="zlib")
stack = pixels(np.uint8, 1, 2)
with tifffile.TiffWriter(os.path.join(HERE, "pages2_with_overview_u8.tif")) as tw:
    tw.write(stack[0, 0], tile=(16, 16), metadata=None)
    tw.write(stack[0, 0, ::2, ::2], subfiletype=1, metadata=None)
    tw.write(stack[1, 0], tile=(16, 16), metadata=None)
record("pages2_with_overview_u8", stack[None].transpose(0, 1, 2, 3, 4), "UINT8", 1, True, (16, 16))
# an ImageJ hyperstack written by tifffile: T=2, Z=3, C=2 as pages in czt order
hyper = pixels(np.uint16, 1, 12).reshape(2, 3, 2, H, W)
tifffile.imwrite(os.path.join(HERE, "imagej_hyperstack_u16.tif"), hyper, imagej=True, metadata={"axes": "TZCYX"})
record("imagej_hyperstack_u16", hyper, "UINT16", 1, False, (W, H))

# a GeoTIFF made by GDAL, and the values of its geo tags as an independent reader (tifffile) sees them
gtiff("geotiff_gdal_tiles16_deflate_pred3_f32", "f32", geo=True,
      options=("COMPRESS=DEFLATE", "PREDICTOR=3", "TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16"))
with tifffile.TiffFile(os.path.join(HERE, "geotiff_gdal_tiles16_deflate_pred3_f32.tif")) as tf:
    tags = tf.pages[0].tags
    geo = {"ModelPixelScale": [float(v) for v in tags["ModelPixelScaleTag"].value],
           "ModelTiepoint": [float(v) for v in tags["ModelTiepointTag"].value],
           "GeoKeyDirectory": [int(v) for v in tags["GeoKeyDirectoryTag"].value],
           "GDAL_NODATA": tags["GDAL_NODATA"].value,
           "GDAL_METADATA": tags["GDAL_METADATA"].value,
           "geoTags": [t.code for t in tags.values() if t.code in (33550, 33922, 34264, 34735, 34736, 34737, 42112,
                                                                    42113)],
           "allTags": [t.code for t in tags.values()]}
with open(os.path.join(HERE, "geotiff.json"), "w") as f:
    json.dump(geo, f, indent=1)
with open(os.path.join(HERE, "fixtures.json"), "w") as f:
    json.dump(manifest, f, indent=1)
for name in os.listdir(HERE):
    if name.endswith(".aux.xml"):
        os.remove(os.path.join(HERE, name))
