package org.permasar.pipeline.validate;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the validate step ({@link ValidateStep}): what {@code permasar validate} parses from its
 * options and what {@code permasar run} builds from its configuration. Validated on construction (an
 * {@link IllegalArgumentException} names the missing or offending values); {@code withX} methods return
 * modified copies; that there is something to compare is checked by the step. {@link #of} holds the defaults: the command's options and the configuration schema are
 * checked against it.
 *
 * <p>Immutable and thread-safe; {@link #toString()} is deterministic and lists every setting (the chain uses
 * it as the step's fingerprint).
 *
 * @param insar     MintPy time series (m, positive towards the satellite), or null (no GNSS comparison)
 * @param gnss      GNSS series (NGL .tenv3 or NEU CSV), at least one with {@code insar}
 * @param stations  station positions NAME:LON:LAT for files that have none
 * @param geometry  MintPy geometry (incidenceAngle, azimuthAngle), or null
 * @param incidence incidence angle, degrees, when there is no geometry, or null
 * @param azimuth   LOS azimuth angle, degrees (MintPy convention), when there is no geometry, or null
 * @param coherence weights, or null for temporalCoherence.h5 beside the time series (if present)
 * @param block     block width around a site, m, &gt; 0
 * @param matchDays GNSS days within ± this of an InSAR date are averaged when the same day is missing, ≥ 0
 * @param altInsar  InSAR ALT raster spec (m), or null (no borehole comparison)
 * @param boreholes borehole ALT CSV (id,lon,lat,alt), with {@code altInsar}
 * @param vwc       mean active-layer water content (number or raster) for the moisture-calibrated ALT, or null
 * @param out       output folder
 */
public record ValidateParameters(Path insar, List<Path> gnss, List<String> stations, Path geometry, Double incidence,
                                 Double azimuth, Path coherence, double block, int matchDays, String altInsar,
                                 Path boreholes, String vwc, Path out) {
    /** Default block width, m. */
    public static final double BLOCK = 200;
    /** Default GNSS date match, days. */
    public static final int MATCH_DAYS = 1;

    public ValidateParameters {
        Objects.requireNonNull(out, "out");
        gnss = gnss == null ? List.of() : List.copyOf(gnss);
        stations = stations == null ? List.of() : List.copyOf(stations);
        if (insar != null && gnss.isEmpty()) {
            throw new IllegalArgumentException("--insar needs at least one --gnss FILE");
        }
        if (insar != null && geometry == null && (incidence == null || azimuth == null)) {
            throw new IllegalArgumentException("give --geometry, or both --incidence and --azimuth, to project GNSS onto the LOS");
        }
        if (altInsar != null && boreholes == null) {
            throw new IllegalArgumentException("--alt-insar needs --boreholes CSV");
        }
        if (!(block > 0) || Double.isInfinite(block) || matchDays < 0) {
            throw new IllegalArgumentException("need --block > 0 m and --match-days ≥ 0, got " + block + ", " + matchDays);
        }
        positions(stations);
    }

    /** The defaults of {@code permasar validate --out OUT} (inputs added with {@code withGnss}, {@code withBoreholes}). */
    public static ValidateParameters of(Path out) {
        return new ValidateParameters(null, List.of(), List.of(), null, null, null, null, BLOCK, MATCH_DAYS, null, null, null,
                out);
    }

    /** With the GNSS comparison of {@code timeseries} against {@code files}, LOS from {@code geometryFile}. */
    public ValidateParameters withGnss(Path timeseries, List<Path> files, Path geometryFile) {
        return new ValidateParameters(timeseries, files, stations, geometryFile, incidence, azimuth, coherence, block,
                matchDays, altInsar, boreholes, vwc, out);
    }

    /** With the borehole comparison of the ALT raster {@code alt} (spec). */
    public ValidateParameters withBoreholes(String alt, Path csv) {
        return new ValidateParameters(insar, gnss, stations, geometry, incidence, azimuth, coherence, block, matchDays,
                alt, csv, vwc, out);
    }

    /** With another block width (m) and GNSS date match (days). */
    public ValidateParameters withMatching(double blockWidth, int days) {
        return new ValidateParameters(insar, gnss, stations, geometry, incidence, azimuth, coherence, blockWidth, days,
                altInsar, boreholes, vwc, out);
    }

    /** Station positions {name → {lon, lat}} from {@code NAME:LON:LAT} specs. */
    static Map<String, double[]> positions(List<String> specs) {
        Map<String, double[]> m = new HashMap<>();
        for (String s : specs) {
            String[] f = s.split(":");
            try {
                if (f.length != 3) {
                    throw new NumberFormatException("expected 3 fields");
                }
                m.put(f[0], new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--station '" + s + "': expected NAME:LON:LAT (" + e.getMessage() + ")");
            }
        }
        return m;
    }
}
