#!/usr/bin/python3
"""Scores `permasar normalize` output against truth.npz from pairs.py: the slope maps (slope_1.tif) against the
simulated dsigma0/dtheta, the normalised images against the simulated sigma0 at 35 deg, and asc vs desc.
Usage: referee.py OUT"""
import sys
import numpy as np
from osgeo import gdal

out = sys.argv[1]
t = np.load("truth.npz")
slope = gdal.Open(out + "/slope_1.tif").ReadAsArray()
for b, p in enumerate(("hh", "hv")):
    e = slope[b] - t["k_" + p]
    print("%s slope map: error mean %+.5f, RMS %.5f, max |e| %.5f dB/deg (truth %.3f..%.3f)"
          % (p.upper(), e.mean(), np.sqrt((e ** 2).mean()), np.abs(e).max(), t["k_" + p].min(), t["k_" + p].max()))
for i in (1, 2, 3):
    a = gdal.Open(out + "/normalized_asc_%d.tif" % i).ReadAsArray()
    d = gdal.Open(out + "/normalized_desc_%d.tif" % i).ReadAsArray()
    ra = gdal.Open("asc_%d.tif" % i).ReadAsArray()
    rd = gdal.Open("desc_%d.tif" % i).ReadAsArray()
    for b, p in enumerate(("hh", "hv")):
        print("pair %d %s: asc-desc RMS raw %.3f dB -> normalised %.3f dB (mean %+.3f); normalised asc vs true sigma0(35) RMS %.3f dB"
              % (i, p.upper(), np.sqrt(((ra[b] - rd[b]) ** 2).mean()), np.sqrt(((a[b] - d[b]) ** 2).mean()),
                 (a[b] - d[b]).mean(), np.sqrt(((a[b] - t[p]) ** 2).mean())))
