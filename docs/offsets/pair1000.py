"""1000 x 1000 textured pair for timing offset tracking: the secondary is the reference shifted by
(4.3, -2.7) px (rows, columns) exactly, by a Fourier shift; 10 m UTM pixels; 5 % noise."""
import numpy as np
from osgeo import gdal, osr
rng = np.random.default_rng(1000)
N = 1000
w = rng.standard_normal((N, N))
ky = np.fft.fftfreq(N)[:, None]; kx = np.fft.fftfreq(N)[None, :]
F = np.fft.fft2(w) * np.exp(-2 * (np.pi * 1.5) ** 2 * (kx ** 2 + ky ** 2))
ref = np.real(np.fft.ifft2(F))
# a feature at (r, c) in the reference is at (r + 4.3, c - 2.7) in the secondary
sec = np.real(np.fft.ifft2(F * np.exp(-2j * np.pi * (ky * 4.3 + kx * -2.7))))
s = ref.std()
ref = ref + 0.05 * s * rng.standard_normal(ref.shape)
sec = sec + 0.05 * s * rng.standard_normal(sec.shape)
def save(name, a):
    d = gdal.GetDriverByName('GTiff').Create(name, N, N, 1, gdal.GDT_Float32)
    d.SetGeoTransform((500000, 10, 0, 7600000, 0, -10))
    sr = osr.SpatialReference(); sr.ImportFromEPSG(32633); d.SetProjection(sr.ExportToWkt())
    d.GetRasterBand(1).WriteArray(a.astype(np.float32)); d = None
save('pair1000_A.tif', ref); save('pair1000_B.tif', sec)
