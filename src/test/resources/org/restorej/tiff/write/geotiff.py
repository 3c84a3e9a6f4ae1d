# GeoTIFF helper for the writer's tests, using GDAL and tifffile only.
#   make PATH  write a small georeferenced GeoTIFF with GDAL (UTM 33N, nodata, a metadata item)
#   tags PATH  print the raw GeoTIFF/GDAL entries: tag type count hex-bytes byteorder, one a line
#   info PATH  print what GDAL reads: geotransform, projection, nodata, metadata, as JSON
import json, sys
import numpy as np
import tifffile
from osgeo import gdal, osr

gdal.UseExceptions()
mode, path = sys.argv[1], sys.argv[2]
GEO = [33550, 33922, 34264, 34735, 34736, 34737, 42112, 42113]
if mode == "make":
    ds = gdal.GetDriverByName("GTiff").Create(path, 70, 45, 1, gdal.GDT_UInt16)
    ds.SetGeoTransform([500000.0, 10.0, 0.0, 4600000.0, 0.0, -10.0])
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32633)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).SetNoDataValue(65535)
    ds.SetMetadataItem("SENSOR", "test-sensor")
    ds.GetRasterBand(1).WriteArray(np.arange(70 * 45, dtype=np.uint16).reshape(45, 70))
    ds = None
elif mode == "tags":
    with tifffile.TiffFile(path) as tif, open(path, "rb") as f:
        for tag in tif.pages[0].tags.values():
            if tag.code in GEO:
                size = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8, 17: 8}[int(tag.dtype)]
                f.seek(tag.valueoffset)
                raw = f.read(tag.count * size)
                print(tag.code, int(tag.dtype), tag.count, raw.hex(), tif.byteorder)
elif mode == "info":
    ds = gdal.Open(path)
    print(json.dumps({"geotransform": list(ds.GetGeoTransform()), "projection": ds.GetProjection(),
        "nodata": ds.GetRasterBand(1).GetNoDataValue(), "metadata": ds.GetMetadata(),
        "pixels": ds.GetRasterBand(1).ReadAsArray().astype(float).ravel().tolist()[:5]}))
