# Reads a TIFF with tifffile and GDAL, independently of RestoreJ: writes every page's pixels as
# float64 .npy (pages, height, width[, samples]) and prints what the readers see as JSON.
import json, sys
import numpy as np
import tifffile
from osgeo import gdal

path, npy = sys.argv[1], sys.argv[2]
with tifffile.TiffFile(path) as tif:
    pages = np.stack([p.asarray() for p in tif.pages])
    np.save(npy, pages.astype(np.float64))
    p0 = tif.pages[0]
    tags = p0.tags
    out = {
        "pages": len(tif.pages), "bigtiff": tif.is_bigtiff, "byteorder": tif.byteorder,
        "tiled": p0.is_tiled, "tile": [p0.tilewidth, p0.tilelength], "compression": int(p0.compression),
        "photometric": int(p0.photometric), "samples": p0.samplesperpixel, "dtype": str(p0.dtype),
        "extrasamples": list(tags["ExtraSamples"].value) if "ExtraSamples" in tags else [],
        "description": p0.description, "imagej": tif.imagej_metadata,
        "xres": list(tags["XResolution"].value) if "XResolution" in tags else None,
        "resunit": int(tags["ResolutionUnit"].value) if "ResolutionUnit" in tags else None,
    }
gdal.UseExceptions()
ds = gdal.Open(path)
bands = ds.ReadAsArray()
first = pages[0] if pages.ndim == 3 else np.moveaxis(pages[0], -1, 0)
out["gdal_first_page_equal"] = bool(np.array_equal(bands.reshape(first.shape), first))
print(json.dumps(out, default=str))
