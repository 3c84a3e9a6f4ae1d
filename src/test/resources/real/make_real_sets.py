"""Makes RestoreJ's real-image sets from freely licensed images that Debian packages ship.

  held-out (committed to models/samples/real-held-out/): python-matplotlib-data, python3-pywt,
      python3-astropy, python3-sunpy, python3-pydicom
  training (written to OUT, never committed): stellarium-data, plasma-workspace-wallpapers,
      mate-backgrounds, ukui-wallpapers

The two sets come from different source packages, so no image or near-copy is in both; scikit-image's
samples are in neither. Each clean image is a luminance image averaged down (2x2 boxes where the source is
large enough, which also averages away most of its own noise and JPEG blocking) and stored as 16-bit TIFF
scaled to its own maximum.

  apt-get download python-matplotlib-data python3-pywt python3-astropy python3-sunpy python3-pydicom \
      stellarium-data plasma-workspace-wallpapers mate-backgrounds ukui-wallpapers
  for d in *.deb; do dpkg-deb -x "$d" "pkgs/${d%%_*}"; done
  /usr/bin/python3 make_real_sets.py pkgs held-out HELD_OUT_DIR     (needs python3-pil, -tifffile, -pydicom)
  /usr/bin/python3 make_real_sets.py pkgs training TRAINING_DIR
"""
import glob
import gzip
import os
import sys

import numpy as np
import tifffile
from PIL import Image


def luminance(a):
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 3:
        a = a[..., :3] @ np.array([0.299, 0.587, 0.114]) if a.shape[2] >= 3 else a[..., 0]
    return a


def box_down(a, f):
    h, w = (a.shape[0] // f) * f, (a.shape[1] // f) * f
    return a[:h, :w].reshape(h // f, f, w // f, f).mean(axis=(1, 3))


def centre(a, h, w):
    y, x = (a.shape[0] - h) // 2, (a.shape[1] - w) // 2
    return a[y:y + h, x:x + w]


def save(path, a):
    a = a - a.min()
    a = np.round(a / max(a.max(), 1e-12) * 65535).astype(np.uint16)
    tifffile.imwrite(path, a)


def fits_primary(path):
    """The primary array of a plain FITS file (2880-byte header blocks, big-endian data)."""
    raw = open(path, 'rb').read()
    cards, pos = {}, 0
    while True:
        block = raw[pos:pos + 2880].decode('ascii')
        pos += 2880
        for i in range(0, 2880, 80):
            card = block[i:i + 80]
            key = card[:8].strip()
            if key == 'END':
                shape = [int(cards['NAXIS%d' % k]) for k in range(int(cards['NAXIS']), 0, -1)]
                dtype = {8: '>u1', 16: '>i2', 32: '>i4', -32: '>f4', -64: '>f8'}[int(cards['BITPIX'])]
                n = int(np.prod(shape))
                a = np.frombuffer(raw, dtype=dtype, count=n, offset=pos).reshape(shape).astype(np.float64)
                return a * float(cards.get('BSCALE', 1)) + float(cards.get('BZERO', 0))
            if card[8:10] == '= ':
                cards[key] = card[10:].split('/')[0].strip().strip("'").strip()


def held_out(pkgs, out):
    mpl = pkgs + '/python-matplotlib-data/usr/share/matplotlib/mpl-data/sample_data/'
    pywt = pkgs + '/python3-pywt/usr/lib/python3/dist-packages/pywt/data/'
    scenes = {}
    scenes['hopper'] = centre(box_down(luminance(Image.open(mpl + 'grace_hopper.jpg')), 2), 256, 256)
    mri = np.frombuffer(gzip.open(mpl + 's1045.ima.gz').read(), '<u2').reshape(256, 256)
    scenes['mri'] = mri.astype(np.float64)
    scenes['dem'] = centre(np.load(mpl + 'jacksboro_fault_dem.npz')['elevation'].astype(np.float64), 256, 256)
    scenes['aerial'] = box_down(np.load(pywt + 'aero.npz')['data'].astype(np.float64), 2)
    scenes['ascent'] = box_down(np.load(pywt + 'ascent.npz')['data'].astype(np.float64), 2)
    hubble = luminance(Image.open(pkgs + '/python3-astropy/usr/share/doc/python3-astropy/examples/io/'
                                  'Hs-2009-14-a-web.jpg'))
    scenes['hubble'] = centre(hubble, 224, 384)
    scenes['sun'] = fits_primary(pkgs + '/python3-sunpy/usr/lib/python3/dist-packages/sunpy/data/test/'
                                 'aia_171_level1.fits')
    import pydicom
    ct = pydicom.dcmread(pkgs + '/python3-pydicom/usr/lib/python3/dist-packages/pydicom/data/test_files/'
                         '693_J2KI.dcm').pixel_array
    scenes['ct'] = box_down(ct.astype(np.float64) - ct.min(), 2)
    os.makedirs(out, exist_ok=True)
    for name, a in scenes.items():
        save(os.path.join(out, name + '.tif'), np.maximum(a, 0))
        print(name, a.shape)


def training(pkgs, out):
    os.makedirs(out, exist_ok=True)
    files = []
    for f in sorted(glob.glob(pkgs + '/stellarium-data/usr/share/stellarium/nebulae/default/*.png')):
        files.append(('nebula', f))
    for f in sorted(glob.glob(pkgs + '/stellarium-data/usr/share/stellarium/textures/*.*')):
        files.append(('texture', f))
    for d in sorted(glob.glob(pkgs + '/plasma-workspace-wallpapers/usr/share/wallpapers/*/contents/images')):
        largest = max(glob.glob(d + '/*'), key=os.path.getsize)
        files.append(('plasma', largest))
    for f in sorted(glob.glob(pkgs + '/mate-backgrounds/usr/share/backgrounds/mate/nature/*')):
        files.append(('mate', f))
    for f in sorted(glob.glob(pkgs + '/ukui-wallpapers/usr/share/backgrounds/*')):
        files.append(('ukui', f))
    kept = 0
    for kind, f in files:
        try:
            im = Image.open(f)
        except Exception:
            continue
        if im.mode in ('P', '1', 'LA') or min(im.size) < 256:
            continue  # palette images are posterised: no clean target
        a = luminance(im.convert('RGB') if im.mode in ('RGBA', 'CMYK', 'I;16') else im)
        while max(a.shape) > 1536 or min(a.shape) >= 512 and kind != 'nebula' and max(a.shape) > 1024:
            a = box_down(a, 2)
        if kind == 'nebula' and min(a.shape) >= 512:
            a = box_down(a, 2)
        if a.max() - a.min() < 1e-6 or min(a.shape) < 128:
            continue
        name = '%s-%s.tif' % (kind, os.path.splitext(os.path.basename(f if kind != 'plasma' else
                                                                    f.split('/contents/')[0]))[0])
        save(os.path.join(out, name), a)
        kept += 1
    print(kept, 'training images')


if __name__ == '__main__':
    {'held-out': held_out, 'training': training}[sys.argv[2]](sys.argv[1], sys.argv[3])
