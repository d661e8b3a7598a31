"""Compares melt.tif (2020 and 2021) with the true melt periods of melt_stack.py."""
import numpy as np
from osgeo import gdal
t = np.load('truth.npz'); d = gdal.Open('out/melt.tif')
bands = {d.GetRasterBand(i).GetDescription(): d.GetRasterBand(i).ReadAsArray() for i in range(1, d.RasterCount + 1)}
m = ~np.isnan(t['onset'])
for y in (2020, 2021):
    got = ~np.isnan(bands[f'onset_{y}'])
    print(f"{y}: {m.sum()} pixels melt in truth, {got.sum()} detected, {(got & m).sum()} of them true; "
          f"missed pixels have true melt of {t['days'][m & ~got].max() if (m & ~got).any() else 0:.0f} days or less")
    m2 = m & got
    e_on = bands[f'onset_{y}'][m2] - t['onset'][m2]; e_en = bands[f'end_{y}'][m2] - t['end'][m2]
    e_d = bands[f'meltDays_{y}'] - t['days']
    print(f"{y}: onset error {e_on.min():+.0f} … {e_on.max():+.0f} d (mean {e_on.mean():+.2f}), end error {e_en.min():+.0f} … {e_en.max():+.0f} d, "
          f"melt-day error mean {e_d.mean():+.2f}, |max| {np.abs(e_d).max():.0f} d; dry pixels with melt: {(bands[f'meltDays_{y}'][~m] > 0).sum()}")
