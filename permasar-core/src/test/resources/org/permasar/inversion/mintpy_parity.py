"""Independent referee for PermaSAR's SBAS inversion: run MintPy 1.5.1 ifgram_inversion.

Usage: mintpy_parity.py synth|file SRC_OR_SEED OUTDIR WEIGHT [MASKDSET]
Writes raw little-endian float32 arrays into OUTDIR: unw.f32 (pairs,rows,cols), coh.f32,
ts.f32 (dates,rows,cols, metres), tcoh.f32, num.f32, plus meta.txt (key=value lines) and
pairs.txt (YYYYMMDD_YYYYMMDD per line).
"""
import os, subprocess, sys
import numpy as np
import h5py

mode, src, out, weight = sys.argv[1:5]
mask_dset = sys.argv[5] if len(sys.argv) > 5 else None
os.makedirs(out, exist_ok=True)

if mode == 'synth':
    rng = np.random.default_rng(int(src))
    nd, rows, cols = 16, 9, 11
    days = np.cumsum(np.r_[0, rng.integers(6, 25, nd - 1)])
    import datetime as dt
    dates = [(dt.date(2019, 1, 5) + dt.timedelta(days=int(d))).strftime('%Y%m%d') for d in days]
    pairs = [(i, j) for i in range(nd) for j in range(i + 1, min(nd, i + 4))]
    m = len(pairs)
    truth = np.cumsum(rng.normal(0, 1.5, (nd, rows, cols)), axis=0)
    truth -= truth[0]
    unw = np.empty((m, rows, cols), np.float32)
    for k, (i, j) in enumerate(pairs):
        unw[k] = truth[j] - truth[i] + rng.normal(0, 0.4, (rows, cols))
    coh = rng.uniform(0.15, 0.97, (m, rows, cols)).astype(np.float32)
    # a few NaNs, one pixel all NaN, one pixel losing every pair of date 7
    nanmask = rng.random((m, rows, cols)) < 0.04
    nanmask[:, 4, 5] = False  # reference pixel stays valid
    unw[nanmask] = np.nan
    unw[:, 0, 0] = np.nan
    for k, (i, j) in enumerate(pairs):
        if 7 in (i, j):
            unw[k, 2, 3] = np.nan
    f = os.path.join(out, 'ifgramStack.h5')
    with h5py.File(f, 'w') as h:
        h['unwrapPhase'] = unw
        h['coherence'] = coh
        h['connectComponent'] = np.ones(unw.shape, np.int16)
        h['date'] = np.array([[dates[i].encode(), dates[j].encode()] for i, j in pairs], dtype='S8')
        h['bperp'] = rng.normal(0, 50, m).astype(np.float32)
        h['dropIfgram'] = np.ones(m, bool)
        for k, v in dict(FILE_TYPE='ifgramStack', LENGTH=rows, WIDTH=cols, WAVELENGTH=0.05546576,
                         REF_Y=4, REF_X=5, NCORRLOOKS=5, ALOOKS=1, RLOOKS=1, UNIT='radian',
                         PLATFORM='Sen', START_DATE=dates[0], END_DATE=dates[-1]).items():
            h.attrs[k] = str(v)
else:
    f = src
    with h5py.File(f, 'r+') as h:  # a copy: weighted runs need looks, absent from the sample
        if 'NCORRLOOKS' not in h.attrs and 'ALOOKS' not in h.attrs:
            h.attrs['ALOOKS'] = '1'
            h.attrs['RLOOKS'] = '1'

with h5py.File(f, 'r') as h:
    unw = h['unwrapPhase'][:].astype(np.float32)
    coh = h['coherence'][:].astype(np.float32)
    date12 = [f'{a.decode()}_{b.decode()}' for a, b in h['date'][:]]
    attrs = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in h.attrs.items()}
unw.tofile(os.path.join(out, 'unw.f32'))
coh.tofile(os.path.join(out, 'coh.f32'))
with open(os.path.join(out, 'pairs.txt'), 'w') as fp:
    fp.write('\n'.join(date12) + '\n')

cmd = [sys.executable, '-m', 'mintpy.cli.ifgram_inversion', f, '-w', weight,
       '-o', os.path.join(out, 'ts.h5'), os.path.join(out, 'tcoh.h5'), os.path.join(out, 'num.h5')]
if mask_dset:
    cmd += ['--mask-dset', mask_dset, '--mask-thres', '0.5']
subprocess.run(cmd, check=True, cwd=out, stdout=subprocess.DEVNULL)
with h5py.File(os.path.join(out, 'ts.h5'), 'r') as h:
    h['timeseries'][:].astype(np.float32).tofile(os.path.join(out, 'ts.f32'))
    ts_shape = h['timeseries'].shape
with h5py.File(os.path.join(out, 'tcoh.h5'), 'r') as h:
    h['temporalCoherence'][:].astype(np.float32).tofile(os.path.join(out, 'tcoh.f32'))
with h5py.File(os.path.join(out, 'num.h5'), 'r') as h:
    h[list(h.keys())[0]][:].astype(np.float32).tofile(os.path.join(out, 'num.f32'))
with open(os.path.join(out, 'meta.txt'), 'w') as fp:
    fp.write(f"rows={unw.shape[1]}\ncols={unw.shape[2]}\npairs={unw.shape[0]}\ndates={ts_shape[0]}\n")
    for k in ('WAVELENGTH', 'REF_Y', 'REF_X', 'NCORRLOOKS', 'ALOOKS', 'RLOOKS'):
        if k in attrs:
            fp.write(f"{k}={attrs[k]}\n")
