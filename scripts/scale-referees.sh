#!/bin/bash
# Referees on the outputs of a run (README, Scale): h5py + MintPy info on timeseries.h5, GDAL reads every band of every GeoTIFF
O=${1:?usage: scale-referees.sh OUTPUT_DIR}
for t in asc desc; do
  /usr/bin/python3 -c "import h5py; f=h5py.File('$O/$t/timeseries.h5','r'); print('$t', f['timeseries'].shape, f['timeseries'].dtype)"
done
/usr/bin/python3 -m mintpy.cli.info $O/asc/timeseries.h5 2>&1 | grep -iE "shape|timeseries  *float|dimension" | head -3
/usr/bin/python3 - "$O" <<'PY'
import glob, sys
from osgeo import gdal
gdal.UseExceptions()
files = sorted(glob.glob(sys.argv[1] + '/**/*.tif', recursive=True))
bands = 0
for f in files:
    ds = gdal.Open(f)
    for b in range(1, ds.RasterCount + 1):
        a = ds.GetRasterBand(b).ReadAsArray()
        assert a.shape == (ds.RasterYSize, ds.RasterXSize)
        bands += 1
print('GDAL read', bands, 'bands of', len(files), 'GeoTIFFs')
PY
