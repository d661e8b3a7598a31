"""Simulated surge sampled by Sentinel-1 and Sentinel-2 offset pairs, written as permasar offsets' offsets.tif
files (bands rowOffset, colOffset in pixels; STEP item; UTM 33N, 10 m input pixels, step 16): a 40 x 40 node
grid, glacier in node rows 12..27 flowing east at 1 m/day plus a Gaussian surge pulse of 9 m/day (day 90,
width 25 days), 0.2 x that northwards; stable ice elsewhere at 7.3 m/yr east. S1: 6- and 12-day pairs from
2021-03-01 for 180 days, 0.03 px noise; S2: 5-, 10- and 30-day pairs from 2021-03-03, 0.05 px noise and a
mosaicking offset per pair uniform in +-0.3 px on each axis; 2 % of the offsets are gross errors (+4 px).
Writes pairs.csv, pairs/*.tif and truth.npz (dates, true interval-mean velocity, mosaicking offsets in metres)."""
import os
import datetime as dt
import numpy as np
from math import erf
from osgeo import gdal, osr
R = C = 40; PIX = 10.0; STEP = 16
T0 = dt.date(2021, 3, 1)
rng = np.random.default_rng(4)
rows = np.arange(R)[:, None] * np.ones((1, C))
g = np.where((rows >= 12) & (rows <= 27), 1 - ((rows - 19.5) / 10.0) ** 2, 0.0)
def along(t):                  # metres east since T0 for g = 1
    return 1.0 * t + 9 * 25 * np.sqrt(np.pi) / 2 * (erf((t - 90) / 25) - erf(-90 / 25))
def disp(d1, d2):              # east, north metres
    e = np.where(g > 0, g * (along(d2) - along(d1)), 0.02 * (d2 - d1))
    n = np.where(g > 0, 0.2 * e, 0.0)
    return e, n
pairs = [(d, d + l, 'S1') for d in range(0, 181, 6) for l in (6, 12) if d + l <= 180]
pairs += [(d, d + l, 'S2') for d in range(2, 181, 5) for l in (5, 10, 30) if d + l <= 180]
os.makedirs('pairs', exist_ok=True)
lines = ['file,sensor,date1,date2']
offs = []
for k, (d1, d2, s) in enumerate(pairs):
    e, n = disp(d1, d2)
    sig = 0.03 if s == 'S1' else 0.05
    oc, orr = (rng.uniform(-0.3, 0.3, 2) if s == 'S2' else (0.0, 0.0))
    offs.append((oc * PIX, -orr * PIX))   # metres east, north
    dc = e / PIX + oc + sig * rng.standard_normal((R, C))
    dr = -n / PIX + orr + sig * rng.standard_normal((R, C))
    dc = dc + 4 * (rng.random((R, C)) < 0.02)
    name = 'pairs/%s_%03d.tif' % (s, k)
    d = gdal.GetDriverByName('GTiff').Create(name, C, R, 4, gdal.GDT_Float32)
    d.SetGeoTransform((500000, PIX * STEP, 0, 7600000, 0, -PIX * STEP))
    sr = osr.SpatialReference(); sr.ImportFromEPSG(32633); d.SetProjection(sr.ExportToWkt())
    d.SetMetadataItem('STEP', str(STEP))
    for b, (a, nm) in enumerate([(dr, 'rowOffset'), (dc, 'colOffset'), (np.full((R, C), 0.9), 'peakCorrelation'), (np.full((R, C), 5.0), 'snr')]):
        d.GetRasterBand(b + 1).WriteArray(a.astype(np.float32)); d.GetRasterBand(b + 1).SetDescription(nm)
    d = None
    lines.append('%s,%s,%s,%s' % (name, s, T0 + dt.timedelta(d1), T0 + dt.timedelta(d2)))
open('pairs.csv', 'w').write('\n'.join(lines) + '\n')
days = sorted({d for p in pairs for d in p[:2]})
vx = np.array([(along(b) - along(a)) / (b - a) for a, b in zip(days[:-1], days[1:])])
np.savez('truth.npz', days=np.array(days), vx_g1=vx, offsets=np.array(offs))
