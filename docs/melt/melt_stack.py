"""Synthetic 6-day sigma0 (dB) stack with known melt, for `permasar melt`: 60 x 80 px, UTM 24N, 40 m.
Dry snow -8 dB, wet snow 9 dB lower, 0.5 dB noise. Melt in 2020 and 2021 from day 150 + col (an
elevation gradient: later onset up-glacier) to day 230 - col // 2 (none
where that is empty, columns > 53); rows 0-9 never melt (the summit).
Writes s0.tif (bands named YYYYMMDD) and truth.npz (onset, end, days per year in days of the real process)."""
import datetime as dt
import numpy as np
from osgeo import gdal, osr
R, C = 60, 80
d0 = dt.date(2019, 11, 3)
dates = [d0 + dt.timedelta(days=6 * k) for k in range(int((dt.date(2021, 12, 31) - d0).days / 6) + 1)]
rng = np.random.default_rng(5)
rows, cols = np.mgrid[0:R, 0:C]
on, en = 150 + cols, 230 - cols // 2
cube = np.empty((len(dates), R, C), np.float32)
for k, t in enumerate(dates):
    doy = t.timetuple().tm_yday
    wet = (t.year >= 2020) & (rows >= 10) & (doy >= on) & (doy <= en)
    cube[k] = -8 + 0.5 * rng.standard_normal((R, C)) - 9 * wet
ds = gdal.GetDriverByName('GTiff').Create('s0.tif', C, R, len(dates), gdal.GDT_Float32)
ds.SetGeoTransform((400000, 40, 0, 7800000, 0, -40))
s = osr.SpatialReference(); s.ImportFromEPSG(32624); ds.SetProjection(s.ExportToWkt())
for k, t in enumerate(dates):
    b = ds.GetRasterBand(k + 1); b.WriteArray(cube[k]); b.SetDescription(t.strftime('%Y%m%d'))
ds = None
melts = (rows >= 10) & (en >= on)
np.savez('truth.npz', onset=np.where(melts, on, np.nan), end=np.where(melts, en, np.nan),
         days=np.where(melts, en - on + 1, 0))
