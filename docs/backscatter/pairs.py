#!/usr/bin/python3
"""Simulated ascending/descending Sentinel-1 sigma0 pairs (HH, HV) with a known incidence slope, for
`permasar normalize`. Writes into the current folder, per pair i = 1..3: asc_i.tif, desc_i.tif (2 bands HH,
HV, dB), inc_asc_i.tif, inc_desc_i.tif (degrees), and height.tif, truth.npz (sigma0 at 35 deg per band).
Grid: 200 x 150 px, EPSG:4326, lon -50..-40, lat 75..65. Truth:
  HH: dsigma0/dtheta = -0.9 + 0.01*lat + 0.05*h_km  (about -0.2 dB/deg at 70 N)
  HV: dsigma0/dtheta = -0.1 + 0.004*(lon + 45) - 0.02*h_km
no seasonal change; ascending theta 30 -> 45 deg across the swath, descending 45 -> 30; independent
0.3 dB noise per image; a 0.2 dB calibration offset on the ascending pass of pair 2.
"""
import numpy as np
from osgeo import gdal, osr

R, C = 200, 150
rng = np.random.default_rng(17)
r, c = np.mgrid[0:R, 0:C].astype(float)
lon = -50 + 10 * (c + 0.5) / C
lat = 75 - 10 * (r + 0.5) / R
h = 1500 + 1200 * np.sin(c / 23.0) * np.cos(r / 31.0) + 300 * (r / R)
s35 = {"HH": -8 + 2.5 * rng.normal(size=(R, C)), "HV": -17 + 2.5 * rng.normal(size=(R, C))}
k = {"HH": -0.9 + 0.01 * lat + 0.05 * h / 1000, "HV": -0.1 + 0.004 * (lon + 45) - 0.02 * h / 1000}


def write(name, bands, names):
    d = gdal.GetDriverByName("GTiff").Create(name, C, R, len(bands), gdal.GDT_Float32)
    d.SetGeoTransform((-50.0, 10.0 / C, 0.0, 75.0, 0.0, -10.0 / R))
    s = osr.SpatialReference()
    s.ImportFromEPSG(4326)
    d.SetProjection(s.ExportToWkt())
    for i, (b, n) in enumerate(zip(bands, names)):
        d.GetRasterBand(i + 1).WriteArray(b.astype(np.float32))
        d.GetRasterBand(i + 1).SetDescription(n)
    d = None


write("height.tif", [h], ["height"])
for i in (1, 2, 3):
    ta = 30 + 15 * c / (C - 1) + 1.5 * r / R + 0.3 * i
    td = 45 - 15 * c / (C - 1) + 0.7 * r / R - 0.2 * i
    sa = [s35[p] + k[p] * (ta - 35) + 0.3 * rng.normal(size=(R, C)) + (0.2 if i == 2 else 0) for p in ("HH", "HV")]
    sd = [s35[p] + k[p] * (td - 35) + 0.3 * rng.normal(size=(R, C)) for p in ("HH", "HV")]
    write("asc_%d.tif" % i, sa, ["HH", "HV"])
    write("desc_%d.tif" % i, sd, ["HH", "HV"])
    write("inc_asc_%d.tif" % i, [ta], ["incidence"])
    write("inc_desc_%d.tif" % i, [td], ["incidence"])
np.savez("truth.npz", hh=s35["HH"], hv=s35["HV"], k_hh=k["HH"], k_hv=k["HV"])
print("3 pairs of %d x %d px; HH slope %.3f..%.3f, HV slope %.3f..%.3f dB/deg" % (R, C, k["HH"].min(), k["HH"].max(),
                                                                               k["HV"].min(), k["HV"].max()))
