"""Compares permasar redifference's unwrapped.tif with truth.tif (up to one 2*pi*k) and counts the plain
interferogram's aliasing: python3 referee.py OUT/unwrapped.tif"""
import sys
import numpy as np
from osgeo import gdal
t = gdal.Open('truth.tif').ReadAsArray().astype(float)
w = gdal.Open('ifg.tif').ReadAsArray().astype(float)
u = gdal.Open(sys.argv[1]).ReadAsArray().astype(float)
k = np.round((u - t).mean() / (2 * np.pi))
e = u - t - 2 * np.pi * k
g = np.concatenate([np.abs(np.diff(t, axis=0)).ravel(), np.abs(np.diff(t, axis=1)).ravel()])
print("truth |dphi| > pi on %.2f %% of neighbour pairs; unwrapped - truth: offset %d x 2pi, max |error| %.2e rad"
      % (100 * (g > np.pi).mean(), k, np.abs(e).max()))
# numpy's own 1-D unwrapping of the plain interferogram along rows, for comparison
n = np.unwrap(np.unwrap(w, axis=0)[:, :1], axis=0)
naive = np.unwrap(np.concatenate([n, w[:, 1:]], axis=1), axis=1)
kn = np.round((naive - t)[0, 0] / (2 * np.pi))
print("plain interferogram, numpy.unwrap path: %.1f %% of pixels wrong by > 1 rad" % (100 * (np.abs(naive - t - 2 * np.pi * kn) > 1).mean()))
