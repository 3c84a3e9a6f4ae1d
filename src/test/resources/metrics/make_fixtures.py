"""Expected PSNR/SSIM values for org.restorej.metrics tests, computed with scikit-image.

Run with Debian's python3-skimage (0.19.3): /usr/bin/python3 make_fixtures.py
Writes the image pairs (*.npy, float64 holding float32-representable values, so that scikit-image
computes in float64 like the Java code) and expected.json. Tests only read these files.
"""
import json
import numpy as np
import skimage
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

rng = np.random.default_rng(20261122)


def f32(a):
    return a.astype(np.float32).astype(np.float64)


def smooth(h, w, c=None):
    y, x = np.mgrid[0:h, 0:w]
    img = 0.5 + 0.3 * np.sin(x / 5.0) * np.cos(y / 7.0) + 0.1 * np.sin((x + 2 * y) / 3.0)
    if c is not None:
        img = np.stack([img * (0.6 + 0.2 * k) for k in range(c)], axis=-1)
    return img


cases = {}
gray = f32(smooth(48, 64))
cases["gray"] = (gray, f32(gray + rng.normal(0, 0.05, gray.shape)), 1.0, None)
raw = f32(np.round(smooth(40, 36) * 30000 + 2000))
cases["uint16"] = (raw, f32(np.clip(np.round(raw + rng.normal(0, 1500, raw.shape)), 0, 65535)), 65535.0, None)
rgb = f32(smooth(40, 52, 3))
cases["rgb"] = (rgb, f32(np.clip(rgb + rng.normal(0, 0.08, rgb.shape), 0, 1)), 1.0, -1)

expected = {"skimage": skimage.__version__}
for name, (ref, test, data_range, channel_axis) in cases.items():
    np.save(f"{name}_reference.npy", ref)
    np.save(f"{name}_test.npy", test)
    kw = {} if channel_axis is None else {"channel_axis": channel_axis}
    expected[name] = {
        "dataRange": data_range,
        "psnr": peak_signal_noise_ratio(ref, test, data_range=data_range),
        "ssimDefault": structural_similarity(ref, test, data_range=data_range, **kw),
        "ssimGaussian": structural_similarity(ref, test, data_range=data_range, gaussian_weights=True, sigma=1.5,
                                              use_sample_covariance=False, **kw),
    }
with open("expected.json", "w") as f:
    json.dump(expected, f, indent=2)
print(json.dumps(expected, indent=2))
