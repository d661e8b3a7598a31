"""Referee for RegionClosureMintPyTest: MintPy 1.5.1's own file-based corrections on a copy of an
ifgramStack.h5 written by PermaSAR (with connectComponent and REF_Y/REF_X):

1. unwrap_error_phase_closure with connected components: maskConnComp.h5 = connectComponent != 0 in
   every kept pair (as generate_mask.py --nonzero makes it), get_common_region_int_ambiguity
   (numpy seeded here, 100 samples), correct_unwrap_error_phase_closure -> unwrapPhase_phaseClosure;
2. unwrap_error_bridging (no water mask, no ramp, radius 50) -> unwrapPhase_bridging.
Writes region.bin and bridging.bin (float32, pairs x pixels): (corrected - referenced input) / 2pi.
"""
import os
import shutil
import sys
import types

import h5py
import numpy as np

from mintpy import unwrap_error_bridging as ueb
from mintpy import unwrap_error_phase_closure as upc
from mintpy.utils import writefile

src, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.chdir(out)


def cycles(path, name):
    with h5py.File(path, 'r') as f:
        unw = f['unwrapPhase'][()].astype(np.float32)
        ry, rx = int(f.attrs['REF_Y']), int(f.attrs['REF_X'])
        unw -= unw[:, ry:ry + 1, rx:rx + 1]
        cor = f[name][()].astype(np.float32)
        cor -= cor[:, ry:ry + 1, rx:rx + 1]
    return ((cor - unw) / (2 * np.pi)).astype('<f4')


region = os.path.join(out, 'region_ifgramStack.h5')
shutil.copy(src, region)
with h5py.File(region, 'r') as f:
    cc = f['connectComponent'][()]
    keep = f['dropIfgram'][()]
    meta = {k: (v.decode() if isinstance(v, bytes) else str(v)) for k, v in f.attrs.items()}
meta['FILE_TYPE'] = 'mask'
mask_file = os.path.join(out, 'maskConnComp.h5')
writefile.write({'mask': np.all(cc[keep] != 0, axis=0)}, out_file=mask_file, metadata=meta)
np.random.seed(seed)
regions = upc.get_common_region_int_ambiguity(region, mask_file, num_sample=100)
upc.correct_unwrap_error_phase_closure(region, regions)
cycles(region, 'unwrapPhase_phaseClosure').tofile(os.path.join(out, 'region.bin'))

bridge = os.path.join(out, 'bridge_ifgramStack.h5')
shutil.copy(src, bridge)
ueb.run_unwrap_error_bridging(bridge, None, inps=types.SimpleNamespace(
    ifgram_file=bridge, waterMaskFile=None, connCompMinArea=2.5e3, ramp=None, bridgePtsRadius=50))
cycles(bridge, 'unwrapPhase_bridging').tofile(os.path.join(out, 'bridging.bin'))

# 3. MintPy reads PermaSAR's unwrapCorrection.h5 (2pi.U per kept pair, ifgramStack layout) as a stack
if len(sys.argv) > 4:
    from mintpy.objects import ifgramStack
    obj = ifgramStack(sys.argv[4])
    obj.open(print_msg=False)
    (obj.read(datasetName='unwrapPhase', print_msg=False) / (2 * np.pi)).astype('<f4').tofile(
        os.path.join(out, 'ours_read_by_mintpy.bin'))
    with open(os.path.join(out, 'ours_date12.txt'), 'w') as f:
        f.write('\n'.join(obj.get_date12_list(dropIfgram=True)) + '\n')
