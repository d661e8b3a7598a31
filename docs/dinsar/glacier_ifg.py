"""Simulated 6-day Sentinel-1 TOPS interferogram of a fast glacier (radar geometry, no georeferencing):
slant-range motion up to 9 m (1.5 m/day) with a parabolic cross profile over columns 100..500, along-track
motion half of it, 3 bursts of 100 lines with a Doppler sweep of 4400 Hz, 0.2 rad phase noise.
Writes ifg.tif (wrapped, rad), truth.tif (unwrapped noisy phase, rad), range_offset.tif (px; 2 % scale
error + smooth 5 cm error), azimuth_offset.tif (px; 5 % error)."""
import numpy as np
from osgeo import gdal
R, C, BURST, SPAN = 300, 600, 100, 4400.0
LAM, RPX, APX, ATI, DAYS = 0.05546576, 2.33, 14.0, 2.056e-3, 6.0
r = np.arange(R)[:, None].astype(float); c = np.arange(C)[None, :].astype(float)
u = (c - 300) / 200.0
v = np.where(np.abs(u) < 1, 1.5 * (1 - u ** 2) * (0.7 + 0.3 * r / R), 0.0)      # slant-range m/day
dr = DAYS * v; da = 0.5 * dr                                                     # metres
fdc = SPAN * ((r % BURST) / (BURST - 1.0) - 0.5) * np.ones((1, C))
az = da / APX
phi = 4 * np.pi / LAM * dr + 2 * np.pi * fdc * az * ATI                          # MintPy sign: range increase positive
phi = phi + 0.2 * np.random.default_rng(6).standard_normal(phi.shape)
wrapped = np.angle(np.exp(1j * phi))
rg = (1.02 * dr + 0.05 * np.sin(2 * np.pi * r / 150) * np.cos(2 * np.pi * c / 220)) / RPX
def save(name, a):
    d = gdal.GetDriverByName('GTiff').Create(name, C, R, 1, gdal.GDT_Float32)
    d.GetRasterBand(1).WriteArray(a.astype(np.float32)); d = None
save('ifg.tif', wrapped); save('truth.tif', phi); save('range_offset.tif', rg); save('azimuth_offset.tif', 1.05 * az)
