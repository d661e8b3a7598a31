#!/usr/bin/python3
"""Scores `permasar drift` output (drift.csv) against truth.npz from floes.py, and runs scikit-image's ORB
(keypoints + rBRIEF + cross-checked matching, no filter) on the same pair as a baseline.
Usage: referee.py OUT/drift.csv"""
import csv
import sys
import numpy as np

t = np.load("truth.npz")


def truth(y, x):
    d = np.hypot(y - t["cy"], x - t["cx"])
    f = int(np.argmin(d))
    ly, lx = y - t["cy"][f], x - t["cx"][f]
    c, s = np.cos(t["phi"][f]), np.sin(t["phi"][f])
    ny = t["cy"][f] + t["ty"][f] + lx * s + ly * c
    nx = t["cx"][f] + t["tx"][f] + lx * c - ly * s
    return ny - y, nx - x, d[f] <= t["radius"] - 16


def score(label, rows):
    e, ei = [], []
    for y, x, dr, dc in rows:
        ty_, tx_, interior = truth(y, x)
        err = np.hypot(dr - ty_, dc - tx_)
        e.append(err)
        if interior:
            ei.append(err)
    e, ei = np.array(e), np.array(ei)
    print("%s: %d vectors (%d interior): interior error median %.3f px, 90%% %.3f px; all: median %.3f px, "
          "> 2 px: %d (%.1f %%), max %.2f px" % (label, len(e), len(ei), np.median(ei), np.percentile(ei, 90),
                                                  np.median(e), (e > 2).sum(), 100.0 * (e > 2).mean(), e.max()))
    return e


rows, speed_err = [], []
with open(sys.argv[1]) as f:
    for r in csv.DictReader(f):
        if r["flag"] == "kept":
            y, x, dr, dc = float(r["row"]), float(r["col"]), float(r["dr_px"]), float(r["dc_px"])
            rows.append((y, x, dr, dc))
            ty_, tx_, _ = truth(y, x)
            true_u = tx_ * t["pixel"] / 1000 / t["days"]
            true_v = -ty_ * t["pixel"] / 1000 / t["days"]
            speed_err.append(np.hypot(float(r["u_km_day"]) - true_u, float(r["v_km_day"]) - true_v))
score("permasar drift (kept)", rows)
print("velocity error: median %.4f km/day, 90%% %.4f km/day" % (np.median(speed_err), np.percentile(speed_err, 90)))

try:
    from osgeo import gdal
    from skimage.feature import ORB, match_descriptors

    def db(name):
        a = gdal.Open(name).ReadAsArray().astype(float)
        return 10 * np.log10(a)

    a, b = db("floes_A.tif"), db("floes_B.tif")
    a, b = (a - a.min()) / (a.max() - a.min()), (b - b.min()) / (b.max() - b.min())
    o1, o2 = ORB(n_keypoints=1500), ORB(n_keypoints=1500)
    o1.detect_and_extract(a)
    o2.detect_and_extract(b)
    m = match_descriptors(o1.descriptors, o2.descriptors, cross_check=True, max_ratio=0.85)
    k1, k2 = o1.keypoints[m[:, 0]], o2.keypoints[m[:, 1]]
    score("scikit-image ORB, cross-check + ratio 0.85, unfiltered", [(p[0], p[1], q[0] - p[0], q[1] - p[1]) for p, q in zip(k1, k2)])
except ImportError as ex:
    print("no scikit-image baseline:", ex)
