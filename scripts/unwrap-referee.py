#!/usr/bin/python3
"""Issue 19 referee (h5py only): RMSE of `permasar invert` outputs against the simulated truth, and how
many of the simulator's injected unwrapping errors `--unwrap-correction phase-closure` undid.

usage: /usr/bin/python3 scripts/unwrap-referee.py SIM_DIR INVERT_DIR [INVERT_DIR ...]

SIM_DIR is `permasar simulate --out SIM_DIR` (ascending track). Truth = truthTimeseries + troposphericDelay
(the inversion does not remove the troposphere), referenced to the run's REF_Y/REF_X and first date.
Hit pixels: connectComponent == 2 in some pair (the simulator's error window); clean: the other land pixels.
"""
import os
import sys

import h5py
import numpy as np

sim = sys.argv[1]
with h5py.File(f'{sim}/asc/ifgramStack.h5', 'r') as f:
    cc = f['connectComponent'][()]
injected = cc == 2
hit = injected.any(axis=0)
land = ~(cc == 0).all(axis=0)
clean = ~hit & land
with h5py.File(f'{sim}/asc/truthTimeseries.h5', 'r') as f:
    truth = f['timeseries'][()]
with h5py.File(f'{sim}/asc/troposphericDelay.h5', 'r') as f:
    truth = truth + f['timeseries'][()]

for out in sys.argv[2:]:
    with h5py.File(f'{out}/timeseries.h5', 'r') as f:
        ts = f['timeseries'][()]
        ry, rx = int(f.attrs['REF_Y']), int(f.attrs['REF_X'])
    x = truth - truth[:, ry:ry + 1, rx:rx + 1]
    x = x - x[0:1]
    e = (ts - x) * 1000.0

    def rmse(mask):
        return float(np.sqrt(np.nanmean(e[:, mask] ** 2)))

    line = f'{out}: RMSE hit {rmse(hit):.3f} mm ({hit.sum()} px), clean {rmse(clean):.3f} mm ({clean.sum()} px)'
    cor = f'{out}/unwrapCorrection.h5'
    if os.path.isfile(cor):
        with h5py.File(cor, 'r') as f:
            u = np.rint(np.nan_to_num(f['unwrapPhase'][()]) / (2 * np.pi)).astype(int)
        inj_land = injected & land[None]
        found = int((np.abs(u[inj_land]) == 1).sum())  # the simulator injects ±1 cycle
        false = int((u[~injected & land[None]] != 0).sum())
        line += (f'; injected (pair, pixel) on land {int(inj_land.sum())}, undone {found}, '
                 f'false corrections on land {false}')
    print(line)
