#!/usr/bin/python3
"""Referee of the 10^7-pixel controls run: q of zone, slope (with the limits permasar chose) and soil (nearest
neighbour of the 300 m grid), recomputed with numpy on the same pixels.
Usage: /usr/bin/python3 scripts/controls-10M-referee.py INDIR "LIMITS" (LIMITS: the used row of discretization.csv)
"""
import numpy as np, sys
from osgeo import gdal
d=sys.argv[1]
y=gdal.Open(d+'/velocity.tif').ReadAsArray().astype(np.float64)
zone=gdal.Open(d+'/zone.tif').ReadAsArray()
slope=gdal.Open(d+'/slope.tif').ReadAsArray()
soil=gdal.Open(d+'/soil.tif').ReadAsArray()
n=y.shape[0]
idx=((np.arange(n)+0.5)*30/300).astype(int)
soilf=soil[idx][:,idx]
lim=[float(v) for v in sys.argv[2].split()]
sc=np.searchsorted(np.array(lim[1:-1]), slope, side='left')
m=np.isfinite(y)
def q(codes):
    c=codes[m].astype(np.int64); yy=y[m]
    N=len(yy); sst=((yy-yy.mean())**2).sum()
    cnt=np.bincount(c); s=np.bincount(c,yy); s2=np.bincount(c,yy*yy)
    nz=cnt>0
    ssw=(s2[nz]-s[nz]**2/cnt[nz]).sum()
    return 1-ssw/sst
print('zone',repr(q(zone.astype(int))),'slope',repr(q(sc)),'soil',repr(q(soilf.astype(int))))
