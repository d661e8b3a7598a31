package org.permasar.pipeline.thermal;

import java.nio.file.Path;
import org.permasar.pipeline.raster.NumberSpecs;

/**
 * Settings of the thermal step in raster mode ({@link ThermalStep}): what {@code permasar thermal --lst} parses
 * from its options. Validated on construction (an {@link IllegalArgumentException} names the offending values);
 * {@code withX} methods return modified copies. {@link #of} holds the defaults: the command's options are
 * checked against it.
 *
 * <p>Immutable and thread-safe; {@link #toString()} is deterministic and lists every setting.
 *
 * @param lst          LST multi-band GeoTIFF or folder of dated GeoTIFFs (K or °C, detected)
 * @param gridRef      file whose grid to use, or null for the LST grid
 * @param datesFrom    MintPy time series whose dates get ADDT/ADDF cubes, or null
 * @param out          output folder
 * @param kappa        κ_t (W/(m·K)) number (&gt; 0) or raster spec, or null
 * @param theta        θ (m³/m³) number (in (0, 1]) or raster spec, or null (both or neither with kappa)
 * @param boreholes    borehole ALT CSV, or null
 * @param rhoWater     ρ_w, kg/m³, &gt; 0
 * @param centreOffset composite date → window centre, days, 0 … 31
 * @param harmonics    HANTS harmonics of 365 days, 1 … 50
 * @param threads      worker threads ≥ 1, or null for all cores
 * @param memoryMb     block memory budget, MiB ≥ 0 (0: a share of the JVM heap)
 * @param maxCubeMb    ADDT + ADDF cubes at SAR dates larger than this (MiB) stream block by block into {@code addt.h5}/{@code addf.h5}
 *                     (arrays {@code addt}, {@code addf}) instead of {@code addt.h5}/{@code addf.h5}; ≥ 0
 */
public record ThermalParameters(Path lst, Path gridRef, Path datesFrom, Path out, String kappa, String theta,
                                Path boreholes, double rhoWater, double centreOffset, int harmonics, Integer threads,
                                long memoryMb, long maxCubeMb) {
    /** Default water density, kg/m³. */
    public static final double RHO_WATER = 1000;
    /** Default composite centre offset, days (MOD11A2). */
    public static final double LST_CENTRE_OFFSET = 3.5;
    /** Default HANTS harmonics. */
    public static final int HANTS_HARMONICS = 3;
    /** Default largest in-memory ADDT + ADDF cube, MiB. */
    public static final long MAX_CUBE_MB = 1024;

    public ThermalParameters {
        if (lst == null || out == null) {
            throw new IllegalArgumentException("raster mode needs --lst and --out, got lst=" + lst + " out=" + out);
        }
        if ((kappa == null) != (theta == null)) {
            throw new IllegalArgumentException("the physical Stefan ALT needs both --kappa and --theta, got kappa="
                    + kappa + " theta=" + theta);
        }
        NumberSpecs.require(kappa, "--kappa (thawed conductivity)", NumberSpecs::positive, "> 0 W/(m·K)");
        NumberSpecs.require(theta, "--theta (volumetric water content)", NumberSpecs::positiveFraction,
                "in (0, 1] m³/m³");
        if (!(rhoWater > 0) || harmonics < 1 || harmonics > 50 || (threads != null && threads < 1) || memoryMb < 0
                || maxCubeMb < 0) {
            throw new IllegalArgumentException("need rho-water > 0, 1 <= hants-harmonics <= 50, threads >= 1, memory-mb >= 0 "
                    + "(0: from the heap), max-cube-mb >= 0; got " + rhoWater + ", " + harmonics + ", " + threads + ", "
                    + memoryMb + ", " + maxCubeMb);
        }
        if (!(centreOffset >= 0) || centreOffset > 31) {
            throw new IllegalArgumentException("--lst-centre-offset must be in 0 … 31 days, got " + centreOffset);
        }
    }

    /** The defaults of {@code permasar thermal --lst LST --out OUT}. */
    public static ThermalParameters of(Path lst, Path out) {
        return new ThermalParameters(lst, null, null, out, null, null, null, RHO_WATER, LST_CENTRE_OFFSET, HANTS_HARMONICS,
                null, 0, MAX_CUBE_MB);
    }

    /** With ADDT/ADDF cubes at the dates of {@code timeseries}. */
    public ThermalParameters withDatesFrom(Path timeseries) {
        return new ThermalParameters(lst, gridRef, timeseries, out, kappa, theta, boreholes, rhoWater, centreOffset,
                harmonics, threads, memoryMb, maxCubeMb);
    }

    /** On the grid of {@code reference} instead of the LST grid. */
    public ThermalParameters withGrid(Path reference) {
        return new ThermalParameters(lst, reference, datesFrom, out, kappa, theta, boreholes, rhoWater, centreOffset,
                harmonics, threads, memoryMb, maxCubeMb);
    }

    /** With the Stefan maps: physical (κ_t, θ specs, or null) and calibrated at boreholes (or null). */
    public ThermalParameters withStefan(String kappaSpec, String thetaSpec, Path boreholeCsv) {
        return new ThermalParameters(lst, gridRef, datesFrom, out, kappaSpec, thetaSpec, boreholeCsv, rhoWater,
                centreOffset, harmonics, threads, memoryMb, maxCubeMb);
    }

    /** With the block engine's resources (null threads = all cores). */
    public ThermalParameters withResources(Integer nthreads, long memory) {
        return new ThermalParameters(lst, gridRef, datesFrom, out, kappa, theta, boreholes, rhoWater, centreOffset,
                harmonics, nthreads, memory, maxCubeMb);
    }
}
