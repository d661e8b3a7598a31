/**
 * Phase-unwrapping errors of interferogram stacks, found and fixed by the closure phase of
 * interferogram triplets (Yunjun et al. 2019, CAGEO, §3.2; MintPy {@code unwrap_error_phase_closure}):
 * {@link org.permasar.unwrap.Triplets} (the closed triangles of a network),
 * {@link org.permasar.unwrap.PhaseClosure} (closure integers and the per-pixel count of triplets with a
 * non-zero integer ambiguity, MintPy's {@code numTriNonzeroIntAmbiguity}) and
 * {@link org.permasar.unwrap.ClosureCorrection} (integer cycles per pair and pixel by sparse L1-regularised
 * least squares, then rounding). Layer-major float blocks as in {@code org.permasar.inversion}; no I/O.
 */
package org.permasar.unwrap;
