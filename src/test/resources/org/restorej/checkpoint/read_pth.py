"""Loads a torch.save zip checkpoint the way torch.load does, without torch: Python's own pickle
module with torch's persistent_load, numpy arrays for tensors. Prints a JSON summary of the file.

Usage: python3 read_pth.py FILE
"""
import collections
import json
import struct
import sys
import zipfile

import numpy as np

DTYPES = {'FloatStorage': np.dtype('<f4'), 'LongStorage': np.dtype('<i8')}


def rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks, metadata=None):
    assert isinstance(backward_hooks, collections.OrderedDict) and not backward_hooks
    assert requires_grad is False
    item = storage.dtype.itemsize
    return np.lib.stride_tricks.as_strided(storage[storage_offset:], shape=tuple(size),
                                           strides=tuple(s * item for s in stride)).copy()


def load(path):
    zf = zipfile.ZipFile(path)
    assert zf.testzip() is None, 'CRC mismatch'
    names = zf.namelist()
    pickles = [n for n in names if n.endswith('/data.pkl')]
    assert len(pickles) == 1
    root = pickles[0][:-len('data.pkl')]
    raw = open(path, 'rb').read()
    layout = []
    for info in zf.infolist():
        name_len, extra_len = struct.unpack('<HH', raw[info.header_offset + 26:info.header_offset + 30])
        data = info.header_offset + 30 + name_len + extra_len
        layout.append({'name': info.filename, 'stored': info.compress_type == zipfile.ZIP_STORED,
                       'aligned': data % 64 == 0})

    class Unpickler(__import__('pickle').Unpickler):
        def find_class(self, module, name):
            if (module, name) == ('collections', 'OrderedDict'):
                return collections.OrderedDict
            if (module, name) == ('torch._utils', '_rebuild_tensor_v2'):
                return rebuild_tensor_v2
            if module == 'torch' and name in DTYPES:
                return DTYPES[name]
            raise RuntimeError('unexpected global %s.%s' % (module, name))

        def persistent_load(self, pid):
            kind, dtype, key, location, numel = pid
            assert kind == 'storage' and location == 'cpu'
            storage = np.frombuffer(zf.read(root + 'data/' + key), dtype=dtype)
            assert storage.size == numel
            return storage

    with zf.open(pickles[0]) as f:
        top = Unpickler(f).load()
    return top, layout, zf.read(root + 'version').decode()


def describe(value):
    if isinstance(value, np.ndarray):
        return {'dtype': str(value.dtype), 'shape': list(value.shape),
                'values': value.astype(np.float64).ravel().tolist()}
    if isinstance(value, collections.OrderedDict):
        return {'OrderedDict': [[k, describe(v)] for k, v in value.items()],
                'metadata': getattr(value, '_metadata', None)}
    if isinstance(value, dict):
        return {'dict': [[k, describe(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {'tuple': [describe(v) for v in value]}
    if isinstance(value, list):
        return [describe(v) for v in value]
    return value


if __name__ == '__main__':
    top, layout, version = load(sys.argv[1])
    json.dump({'top': describe(top), 'layout': layout, 'version': version}, sys.stdout)
