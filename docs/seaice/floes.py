#!/usr/bin/python3
"""Simulated Sentinel-1-like pair of drifting ice floes with known rigid motion, for `permasar drift`.

Writes floes_A.tif, floes_B.tif (linear intensity, EPSG:3413, 40 m pixels, 600 x 600 px) and truth.npz
(floe centres, translations in px, rotations in rad, time step in days) into the current folder.
4 x 4 disc floes of radius 60 px, each with its own texture of Gaussian blobs (sigma 2 px) in floe
coordinates, -12 + 4*texture dB on the ice, -22 dB open water; floe f moves p -> c_f + t_f + R(phi_f)(p - c_f)
with t_f = (8, -12) px + U(-6, 6) px and |phi_f| <= 8 degrees over 1 day; independent 6-look speckle.
Independent of the Java test helper (numpy here).
"""
import numpy as np
from osgeo import gdal, osr

N, G, RAD, SP, LOOKS, DAYS = 600, 4, 60.0, 150.0, 6, 1.0
rng = np.random.default_rng(2026)
cy = np.array([75 + SP * (f // G) for f in range(G * G)], float)
cx = np.array([75 + SP * (f % G) for f in range(G * G)], float)
ty = 8 + rng.uniform(-6, 6, G * G)
tx = -12 + rng.uniform(-6, 6, G * G)
phi = np.radians(rng.uniform(-8, 8, G * G))
blobs = []
for f in range(G * G):
    m = 900
    blobs.append((rng.uniform(-RAD - 10, RAD + 10, m), rng.uniform(-RAD - 10, RAD + 10, m), rng.normal(size=m)))

rr, cc = np.mgrid[0:N, 0:N].astype(float)


def texture(f, y, x):
    by, bx, a = blobs[f]
    s = np.zeros_like(y)
    for k in range(len(a)):
        s += a[k] * np.exp(-((y - by[k]) ** 2 + (x - bx[k]) ** 2) / 8.0)
    return s


def render(moved):
    db = np.full((N, N), -22.0)
    for f in range(G * G):
        y, x = rr - cy[f], cc - cx[f]
        if moved:
            y, x = y - ty[f], x - tx[f]
            co, si = np.cos(phi[f]), np.sin(phi[f])
            y, x = -x * si + y * co, x * co + y * si
        inside = y * y + x * x <= RAD * RAD
        t = np.zeros((N, N))
        t[inside] = texture(f, y[inside], x[inside])
        db[inside] = -12 + 4 * t[inside]
    return 10 ** (db / 10) * rng.gamma(LOOKS, 1.0 / LOOKS, (N, N))


def write(name, img):
    d = gdal.GetDriverByName("GTiff").Create(name, N, N, 1, gdal.GDT_Float32)
    d.SetGeoTransform((-400000.0, 40.0, 0.0, 1000000.0, 0.0, -40.0))
    s = osr.SpatialReference()
    s.ImportFromEPSG(3413)
    d.SetProjection(s.ExportToWkt())
    d.GetRasterBand(1).WriteArray(img.astype(np.float32))
    d.GetRasterBand(1).SetDescription("HH")
    d = None


write("floes_A.tif", render(False))
write("floes_B.tif", render(True))
np.savez("truth.npz", cy=cy, cx=cx, ty=ty, tx=tx, phi=phi, radius=RAD, days=DAYS, pixel=40.0)
print("floes_A.tif, floes_B.tif, truth.npz: %d floes, drift %.1f..%.1f px, rotation %.1f..%.1f deg"
      % (G * G, np.hypot(ty, tx).min(), np.hypot(ty, tx).max(), np.degrees(phi).min(), np.degrees(phi).max()))
