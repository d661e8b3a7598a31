"""Compares offsets.tif with the true flow and with scikit-image phase_cross_correlation (upsample 100) on the same chips."""
import numpy as np, sys
from osgeo import gdal
from skimage.registration import phase_cross_correlation
u = np.load('u.npy')
A = gdal.Open('glacier_A.tif').ReadAsArray(); B = gdal.Open('glacier_B.tif').ReadAsArray()
d = gdal.Open(sys.argv[1]); dr = d.GetRasterBand(1).ReadAsArray(); dc = d.GetRasterBand(2).ReadAsArray()
chip, search, step = 32, 12, 16
first = chip // 2 + search
er, ec, sr, sc = [], [], [], []
for i in range(dr.shape[0]):
    for j in range(dr.shape[1]):
        r, c = first + i * step, first + j * step
        t = u[r]
        if np.isnan(dr[i, j]): continue
        er.append(dr[i, j]); ec.append(dc[i, j] - t)
        a = A[r - 16:r + 16, c - 16:c + 16]; b = B[r - 16:r + 16, c - 16:c + 16]
        sh, _, _ = phase_cross_correlation(a, b, upsample_factor=100)
        # skimage returns the shift that registers b to a: b moved by -sh matches a, so offset = -sh
        sr.append(-sh[0]); sc.append(-sh[1] - t)
er, ec, sr, sc = map(np.array, (er, ec, sr, sc))
n = dr.size
print(f"permasar : {len(er)}/{n} nodes, row error mean {er.mean():+.4f} rms {np.sqrt((er**2).mean()):.4f}, col error mean {ec.mean():+.4f} rms {np.sqrt((ec**2).mean()):.4f} px, max |err| {max(abs(er).max(), abs(ec).max()):.3f}")
print(f"median |err|: permasar {np.median(np.hypot(er, ec)):.4f} px, skimage {np.median(np.hypot(sr, sc)):.4f} px")
print(f"skimage  : same nodes, row error mean {sr.mean():+.4f} rms {np.sqrt((sr**2).mean()):.4f}, col error mean {sc.mean():+.4f} rms {np.sqrt((sc**2).mean()):.4f} px, max |err| {max(abs(sr).max(), abs(sc).max()):.3f}")
