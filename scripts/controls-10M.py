#!/usr/bin/python3
"""Synthetic 10^7-pixel inputs for `permasar controls` (raster mode), with a known answer.

3163 x 3163 px (1.0004e7), UTM 43N, 30 m. Factor `zone`: 8 column bands (codes 1..8), deformation mean
mu_zone = -4 * (zone - 1) mm/yr. Factor `slope` (continuous, degrees 0..40 rising with the row) adds
-0.25 mm/yr per degree. Factor `soil`: 5 row-independent random patches on a 300 m grid (10x coarser),
no effect. Noise N(0, 3^2), seed 14. Float32 GeoTIFFs, deflate, strips (no predictor).
Usage: /usr/bin/python3 scripts/controls-10M.py OUTDIR
"""
import sys, os
import numpy as np
from osgeo import gdal, osr

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
n = 3163
rng = np.random.default_rng(14)
srs = osr.SpatialReference(); srs.ImportFromEPSG(32643)

def write(name, a, step):
    d = gdal.GetDriverByName('GTiff').Create(os.path.join(out, name), a.shape[1], a.shape[0], 1, gdal.GDT_Float32,
                                             ['COMPRESS=DEFLATE'])
    d.SetGeoTransform((500000, step, 0, 4000000, 0, -step)); d.SetProjection(srs.ExportToWkt())
    b = d.GetRasterBand(1); b.SetNoDataValue(float('nan')); b.WriteArray(a); d = None

cols = np.arange(n)
zone = (cols * 8 // n + 1).astype(np.float32)
zone2d = np.broadcast_to(zone, (n, n))
slope = np.broadcast_to((np.arange(n) * 40.0 / (n - 1)).astype(np.float32)[:, None], (n, n))
y = (-4.0 * (zone2d - 1) - 0.25 * slope + rng.normal(0, 3, (n, n))).astype(np.float32)
y[:50, :50] = np.nan  # a masked corner
write('velocity.tif', y, 30)
write('zone.tif', np.ascontiguousarray(zone2d), 30)
write('slope.tif', np.ascontiguousarray(slope), 30)
m = (n + 9) // 10
write('soil.tif', rng.integers(1, 6, (m, m)).astype(np.float32), 300)
print('wrote', out)
