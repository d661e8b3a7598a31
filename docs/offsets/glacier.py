"""Synthetic glacier pair: flow along +column in rows 150..450 with a parabolic cross profile
(8 px max over 12 days, 10 m pixels); exact per-row Fourier shift, UTM 33N; plus 15 % noise."""
import numpy as np
from osgeo import gdal, osr
rng = np.random.default_rng(11)
R, C = 600, 512
w = rng.standard_normal((R, C))
ky = np.fft.fftfreq(R)[:, None]; kx = np.fft.fftfreq(C)[None, :]
F = np.fft.fft2(w) * np.exp(-2 * (np.pi * 1.5) ** 2 * (kx ** 2 + ky ** 2))
ref = np.real(np.fft.ifft2(F))
rows = np.arange(R)
u = np.where(np.abs(rows - 300) < 150, 8 * (1 - ((rows - 300) / 150.0) ** 2), 0.0)
Fr = np.fft.fft(ref, axis=1)
sec = np.real(np.fft.ifft(Fr * np.exp(-2j * np.pi * kx * u[:, None]), axis=1))
s = ref.std()
ref = ref + 0.15 * s * rng.standard_normal(ref.shape)
sec = sec + 0.15 * s * rng.standard_normal(sec.shape)
np.save('u.npy', u)
def save(name, a):
    d = gdal.GetDriverByName('GTiff').Create(name, C, R, 1, gdal.GDT_Float32)
    d.SetGeoTransform((500000, 10, 0, 7600000, 0, -10))
    sr = osr.SpatialReference(); sr.ImportFromEPSG(32633); d.SetProjection(sr.ExportToWkt())
    d.GetRasterBand(1).WriteArray(a.astype(np.float32)); d = None
save('glacier_A.tif', ref); save('glacier_B.tif', sec)
