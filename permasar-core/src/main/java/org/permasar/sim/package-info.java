/**
 * Simulated permafrost scenes with known truth, for tests, benchmarks and {@code permasar demo}.
 * Pure science: no file formats (writers live in the I/O layer).
 *
 * <p>Entry point: {@link org.permasar.sim.SceneSimulator#simulate(SceneSpec)} with
 * {@link org.permasar.sim.SceneSpec#small()} (40 × 50 px, 5 years, the demo) or
 * {@link org.permasar.sim.SceneSpec#tiny()} (16 × 20 px, 2 years, unit tests);
 * {@code withNoise(false)} gives a scene whose phases are exactly −4π/λ·Δd_LOS. The result, a
 * {@link org.permasar.sim.SimulatedScene}, holds:
 * <ul>
 *   <li>two {@link org.permasar.sim.SimulatedTrack}s (ascending, heading −12°, and descending,
 *       heading −168°, five days later) on one UTM 46N grid near 35° N 93° E: network
 *       (short pairs to the next 3 dates + one ≈ 1-year pair per date, random-walk B⊥ within
 *       ±150 m), {@code unwrapPhase}/{@code coherence}/{@code connectComponent} cubes, incidence
 *       (30–46° across the swath), MintPy azimuth angle ({@link org.permasar.geometry.LosGeometry}) and
 *       height; {@link org.permasar.sim.SimulatedStack} views a track as an
 *       {@link org.permasar.stack.InterferogramStack};</li>
 *   <li>daily land-surface temperature (°C) and MOD11A2-like 8-day composites with ≈ 25 % cloud gaps;</li>
 *   <li>truth: regions ({@link org.permasar.sim.Region}), DEM, PECM v and d (Chen et al. 2018),
 *       vertical/east/LOS velocities, seasonal peak-to-trough amplitudes, thaw/freeze onsets,
 *       per-date ADDT, ADDF, L, I, vertical/east/LOS displacement series, atmospheric delays and the
 *       pairs with unwrapping errors.</li>
 * </ul>
 *
 * <p>Large scenes: {@link org.permasar.sim.SceneSimulator#stream} generates the same scene band
 * of rows by band of rows into a {@link org.permasar.sim.SceneSink} within a
 * {@link org.permasar.stack.BlockPlanner} budget (a 1000 × 1000 px, 150-date scene in a 1 GB
 * heap). Random streams are replayed from states recorded per row ({@code ReplayableRandom}), so
 * values do not depend on the bands; fields that need the whole grid (turbulent atmosphere per
 * date, cloud masks) are made one layer at a time and kept on disk or as bits.
 *
 * <p>Conventions: cubes are layer-major flat float arrays {@code a[layer·size + r·cols + c]};
 * LOS displacement is positive towards the satellite, d_LOS = −λ/(4π)·φ (MintPy); displacement
 * series are relative to each track's first date. The same seed gives bit-identical scenes.
 */
package org.permasar.sim;
