"""Compares velocity-series' vx.tif with the simulated surge of surge_pairs.py: python3 surge_referee.py OUT"""
import sys
import numpy as np
from osgeo import gdal
out = sys.argv[1]
t = np.load('truth.npz')
ds = gdal.Open(out + '/vx.tif'); vx = ds.ReadAsArray()
R = C = 40
rows = np.arange(R)[:, None] * np.ones((1, C))
g = np.where((rows >= 12) & (rows <= 27), 1 - ((rows - 19.5) / 10.0) ** 2, 0.0)
truth = np.where(g[None] > 0, g[None] * t['vx_g1'][:, None, None], 0.02)
e = vx - truth
ok = np.isfinite(e)
print("%d intervals; vx error RMS %.3f m/day (%.1f %% of the 10 m/day peak), median |e| %.3f, 95th pct %.3f m/day; NaN %.2f %%"
      % (vx.shape[0], np.sqrt(np.mean(e[ok] ** 2)), 10 * np.sqrt(np.mean(e[ok] ** 2)), np.median(np.abs(e[ok])),
         np.percentile(np.abs(e[ok]), 95), 100 * (1 - ok.mean())))
c = 19
print("centre line (node row 19): peak estimated %.2f m/day, true %.2f m/day"
      % (np.nanmax(np.nanmedian(vx[:, c, :], axis=1)), truth[:, c, 0].max()))
import csv
est = np.array([[float(r['mosaic_offset_x_m']), float(r['mosaic_offset_y_m'])] for r in csv.DictReader(open(out + '/pairs_used.csv'))])
err = np.abs(est - t['offsets'])
print("mosaicking offsets (S2, up to +-3 m): max error %.3f m, RMS %.3f m" % (err.max(), np.sqrt((err ** 2).mean())))
