#!/usr/bin/python3
"""Writes the sample-kind fixtures of RestoreJ's reader tests with tifffile (independent of RestoreJ):
layouts and kinds ImageJ 1 cannot open or opens differently, and the expected values of each as float32
.npy of shape (T, Z, C, Y, X). Run from this folder: /usr/bin/python3 make_kinds.py
(tifffile 2023.2.3 and numpy 1.24, Debian bookworm's python3-tifffile; deterministic for those versions)."""
import os

import numpy as np
import tifffile

W, H = 40, 32
HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.RandomState(20261202)
y, x = np.mgrid[0:H, 0:W]


def save(name, stored, expected_tzcyx, **kw):
    tifffile.imwrite(os.path.join(HERE, name + ".tif"), stored, **kw)
    np.save(os.path.join(HERE, name + ".npy"), expected_tzcyx.astype(np.float32))


# 3-channel float32, interleaved, as Python pipelines write RGB-like float images (ImageJ 1 refuses it)
rgb = np.stack([np.sin(x / 5.0 + c) * 0.4 + 0.5 + 0.02 * rng.standard_normal((H, W)) for c in range(3)])
rgb = rgb.astype(np.float32)
save("tifffile_rgb_f32", np.moveaxis(rgb, 0, -1), rgb[None, None], photometric="rgb", metadata=None)

# signed and wide kinds, one channel; values chosen to be exact in float32 except where noted
i16 = ((x - 20) * 1500 + (y - 16) * 40 + rng.randint(-30, 30, (H, W))).astype(np.int16)
save("int16", i16, i16[None, None, None].astype(np.float32), photometric="minisblack", metadata=None)
i32 = ((x - 20) * 300000 + (y - 16) * 1000 + rng.randint(-50, 50, (H, W))).astype(np.int32)
save("int32", i32, i32[None, None, None].astype(np.float32), photometric="minisblack", metadata=None)
f64 = ((x - 20) / 7.0 + (y - 16) * 1e-3 + 1e-9 * rng.standard_normal((H, W))).astype(np.float64)
save("float64", f64, f64[None, None, None].astype(np.float32), photometric="minisblack", metadata=None,
     tile=(16, 16), compression="zlib")

# an ImageJ hyperstack (2 channels, 3 slices) with the metadata ImageJ keeps: slice labels, Info,
# display ranges, LUTs, unit, z spacing; ImageJ's layout is written by tifffile here, not by ImageJ
hs = np.stack([np.stack([(x * 300 + y * 50 + 1000 * z + 7000 * c) % 60000 for c in range(2)]) for z in range(3)])
hs = hs.astype(np.uint16)  # (Z, C, Y, X)
red = np.zeros((3, 256), np.uint8)
red[0] = np.arange(256)
green = np.zeros((3, 256), np.uint8)
green[1] = np.arange(256)
labels = ["z%d-%s" % (z, c) for z in range(3) for c in ("dapi", "gfp")]
tifffile.imwrite(os.path.join(HERE, "imagej_labels_u16.tif"), hs, imagej=True, resolution=(4.0, 4.0),
                 metadata={"axes": "ZCYX", "unit": "micron", "spacing": 0.5, "mode": "composite",
                           "Labels": labels, "Info": "made by make_kinds.py", "Ranges": (100.0, 50000.0, 200.0, 40000.0),
                           "LUTs": [red, green]})
np.save(os.path.join(HERE, "imagej_labels_u16.npy"), hs[None].astype(np.float32))
