"""Referee for ClosureMintPyParityTest: MintPy 1.5.1 on an ifgramStack.h5 written by PermaSAR.

1. numTriNonzeroIntAmbiguity through MintPy's own file-based function;
2. the integer ambiguity U of every pixel with a non-zero closure integer, computed as MintPy's
   get_common_region_int_ambiguity does for each sample pixel: read_stack_obs with the reference
   phase removed, closure integers from C, U = round(l1regls(A=-C, y=closure_int, alpha=1e-2)).
Writes numTri.bin (float32) and U.bin (int16, pairs x pixels) into OUT.
"""
import os
import sys

import h5py
import numpy as np
from cvxopt import matrix

from mintpy import ifgram_inversion as ifginv
from mintpy.objects import ifgramStack
from mintpy.unwrap_error_phase_closure import calc_num_triplet_with_nonzero_integer_ambiguity
from mintpy.utils import utils as ut
from mintpy.utils.solvers import l1regls

stack_file, out = sys.argv[1], sys.argv[2]
nt_file = os.path.join(out, 'numTriNonzeroIntAmbiguity.h5')
calc_num_triplet_with_nonzero_integer_ambiguity(stack_file, out_file=nt_file, update_mode=False)
with h5py.File(nt_file, 'r') as f:
    name = list(f.keys())[0]
    f[name][()].astype('<f4').tofile(os.path.join(out, 'numTri.bin'))

obj = ifgramStack(stack_file)
obj.open(print_msg=False)
date12 = obj.get_date12_list(dropIfgram=True)
m = len(date12)
C = matrix(ifgramStack.get_design_matrix4triplet(date12).astype(float))
Cn = np.array(C)
ref = obj.get_reference_phase(unwDatasetName='unwrapPhase', dropIfgram=True).reshape(m, -1)
unw = ifginv.read_stack_obs(obj, box=(0, 0, obj.width, obj.length), ref_phase=ref, obs_ds_name='unwrapPhase',
                            dropIfgram=True, print_msg=False).reshape(m, -1)
cp = np.dot(Cn.astype(np.float32), unw)
ci = np.round((cp - ut.wrap(cp)) / (2. * np.pi))
U = np.zeros(unw.shape, dtype=np.int16)
solved = 0
for p in np.where(np.any(ci != 0, axis=0))[0]:
    U[:, p] = np.round(l1regls(A=-C, y=matrix(ci[:, p].astype(float).reshape(-1, 1)), alpha=1e-2, show_progress=0)).flatten()
    solved += 1
U.astype('<i2').tofile(os.path.join(out, 'U.bin'))
print('pixels solved by l1regls:', solved)
