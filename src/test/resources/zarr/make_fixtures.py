# Writes OME-Zarr fixtures with python zarr 2 / numcodecs (Debian's), and beside each the expected
# full-resolution pixels as .npy (missing chunks already replaced by the fill value).
# Usage: python3 make_fixtures.py OUT_DIR ; prints one line per fixture: name axes
import sys, os, shutil
import numpy as np
import zarr
from numcodecs import Blosc, Zlib, GZip, Zstd

out = sys.argv[1]
rng = np.random.default_rng(7)

def image(shape, dtype):
    if dtype == np.float32:
        return (rng.standard_normal(shape) * 100).astype(np.float32)
    hi = 256 if dtype == np.uint8 else 65536
    return rng.integers(0, hi, size=shape).astype(dtype)

def fixture(name, axes, shape, chunks, dtype, compressor, separator='.', scale=None, missing=None, fill=0, units=True):
    data = image(shape, dtype)
    path = os.path.join(out, name + '.zarr')
    root = zarr.open_group(zarr.DirectoryStore(path, dimension_separator=separator), mode='w')
    arr = root.create_dataset('0', shape=shape, chunks=chunks, dtype=dtype, compressor=compressor, fill_value=fill)
    arr[...] = data
    if missing is not None:
        key = separator.join(str(i) for i in missing)
        os.remove(os.path.join(path, '0', key))
        region = tuple(slice(i * c, (i + 1) * c) for i, c in zip(missing, chunks))
        data[region] = fill
    scale = scale or [1.0] * len(axes)
    types = {'t': 'time', 'c': 'channel', 'z': 'space', 'y': 'space', 'x': 'space'}
    ax = []
    for a in axes:
        e = {'name': a, 'type': types[a]}
        if units and a in 'zyx':
            e['unit'] = 'micrometer'
        ax.append(e)
    root.attrs['multiscales'] = [{'version': '0.4', 'axes': ax, 'datasets': [
        {'path': '0', 'coordinateTransformations': [{'type': 'scale', 'scale': scale}]}]}]
    np.save(os.path.join(out, name + '.npy'), data.astype(np.float64))
    print(name, axes)

fixture('none-u8-yx', 'yx', (37, 50), (16, 20), np.uint8, None, scale=[0.5, 0.25])
fixture('zlib-u16-czyx', 'czyx', (2, 3, 37, 50), (1, 2, 16, 16), np.uint16, Zlib(level=5), scale=[1, 2.0, 0.3, 0.3])
fixture('gzip-f32-zyx', 'zyx', (3, 37, 50), (2, 10, 64), np.float32, GZip(level=3))
fixture('zstd-u16-yx', 'yx', (70, 45), (32, 32), np.uint16, Zstd(level=3))
fixture('blosc-lz4-shuffle-u16', 'yx', (300, 257), (128, 128), np.uint16, Blosc(cname='lz4', clevel=5, shuffle=Blosc.SHUFFLE))
fixture('blosc-lz4-bitshuffle-u16', 'yx', (300, 257), (128, 100), np.uint16, Blosc(cname='lz4', clevel=5, shuffle=Blosc.BITSHUFFLE))
fixture('blosc-lz4-noshuffle-u8', 'cyx', (3, 65, 80), (1, 64, 64), np.uint8, Blosc(cname='lz4', clevel=9, shuffle=Blosc.NOSHUFFLE))
fixture('blosc-zstd-shuffle-f32', 'yx', (130, 140), (64, 64), np.float32, Blosc(cname='zstd', clevel=3, shuffle=Blosc.SHUFFLE))
fixture('blosc-zlib-bitshuffle-f32', 'zyx', (2, 40, 41), (1, 32, 32), np.float32, Blosc(cname='zlib', clevel=4, shuffle=Blosc.BITSHUFFLE))
fixture('blosc-lz4-blocks-u16', 'yx', (512, 512), (512, 512), np.uint16, Blosc(cname='lz4', clevel=5, shuffle=Blosc.SHUFFLE, blocksize=8192))
fixture('blosc-lz4-short-last-block-u16', 'yx', (300, 290), (200, 199), np.uint16, Blosc(cname='lz4', clevel=5, shuffle=Blosc.SHUFFLE, blocksize=8192))
fixture('big-endian-u16', 'yx', (33, 34), (16, 16), np.dtype('>u2'), Zlib(level=1))
fixture('slash-separator-u16', 'tczyx', (2, 2, 2, 20, 21), (1, 1, 2, 8, 8), np.uint16, Blosc(cname='lz4'), separator='/')
fixture('missing-chunk-u16', 'yx', (40, 40), (16, 16), np.uint16, Zlib(level=1), missing=(1, 2), fill=7)
