/**
 * SBAS time-series inversion of unwrapped interferogram stacks (SCIENCE.md §1), on blocks of
 * layer-major float arrays ({@code data[pair*pixelCount + p]}).
 *
 * <p>Typical chain, as MintPy's {@code smallbaselineApp} cuts it:
 * <ol>
 * <li>choose pairs: {@link org.permasar.network.PairSelection} (baselines, seed-001 seasonal rule,
 * per-pixel coherence / connected-component masks);</li>
 * <li>reference: {@link org.permasar.inversion.ReferencePoint} (pixel, MintPy-exact, or window median);</li>
 * <li>invert: {@link org.permasar.inversion.TimeSeriesInversion#create} with
 * {@link org.permasar.inversion.InversionParameters} (l2, wls, l1, nsbas, svd), one instance per
 * thread, or {@link org.permasar.inversion.ParallelInversion} for all cores;</li>
 * <li>correct: {@link org.permasar.inversion.RampRemoval}, {@link org.permasar.inversion.DelayCorrection};</li>
 * <li>convert: {@link org.permasar.inversion.PhaseConversion} (d = −λ/(4π)·φ).</li>
 * </ol>
 * No I/O, no frameworks. Unsolvable pixels become NaN with a {@link org.permasar.inversion.QualityFlag}.
 */
package org.permasar.inversion;
