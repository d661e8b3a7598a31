package org.permasar.cli.products;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.TimeSeriesPlot;
import org.permasar.pipeline.validate.BoreholeComparison;
import org.permasar.pipeline.validate.GnssComparison;
import org.permasar.pipeline.validate.ValidateParameters;
import org.permasar.pipeline.validate.ValidateStep;
import org.permasar.stats.Agreement;
import org.permasar.stats.GnssSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar validate}: InSAR against GNSS stations and in-situ ALT (SCIENCE.md §6 "Validation").
 *
 * <p>GNSS mode ({@code --insar TIMESERIES.h5 --gnss FILE...}): per station, the InSAR time series is averaged in a
 * {@code --block}-metre square around the station ({@code SiteBlockAverage}, weights from
 * {@code temporalCoherence.h5} beside the time series, or {@code --coherence}), the GNSS east/north/up series
 * (tenv3 or NEU CSV) is projected onto the LOS with the incidence/azimuth of the station's pixel
 * ({@code --geometry}, or {@code --incidence}/{@code --azimuth}), and {@link GnssComparison} aligns, references
 * and compares them. Writes {@code validation.csv} (one row per station; a station outside the grid or without
 * common dates gets NaN and the reason in {@code status}) and {@code <station>.png}; when every station lies
 * outside the grid, exit 2 naming them.
 *
 * <p>A thin adapter: parses its options into {@link ValidateParameters}, runs {@link ValidateStep} (as the
 * {@code permasar run} chain does) and draws the station plots.
 *
 * <p>ALT mode ({@code --alt-insar ALT.tif --boreholes CSV}): {@link BoreholeComparison}.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Compare InSAR with GNSS stations (LOS, block average, ME/RMSE/bias/R², KS test) and InSAR ALT with boreholes.")
public final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--insar", paramLabel = "TIMESERIES.h5", description = "MintPy time series (m, positive towards the satellite).")
    Path insar;
    @Option(names = "--gnss", arity = "1..*", paramLabel = "FILE", description = "GNSS series: NGL .tenv3 or NEU CSV.")
    List<Path> gnss = new ArrayList<>();
    @Option(names = "--station", paramLabel = "NAME:LON:LAT", description = "Station position in WGS 84 degrees, placed on "
            + "the grid whatever its CRS; replaces the file's (repeatable).")
    List<String> stations = new ArrayList<>();
    @Option(names = "--geometry", paramLabel = "GEOMETRY.h5", description = "MintPy geometry (incidenceAngle, azimuthAngle).")
    Path geometry;
    @Option(names = "--incidence", description = "Incidence angle, degrees, when there is no --geometry.")
    Double incidence;
    @Option(names = "--azimuth", description = "LOS azimuth angle, degrees (MintPy convention), when there is no --geometry.")
    Double azimuth;
    @Option(names = "--coherence", paramLabel = "FILE", description = "Weights (default: temporalCoherence.h5 beside --insar, if present).")
    Path coherence;
    @Option(names = "--block", defaultValue = "200", description = "Block width around a site, m (default ${DEFAULT-VALUE}).")
    double block;
    @Option(names = "--match-days", defaultValue = "1", description = "GNSS days within ± this of an InSAR date are averaged when the same day is missing (default ${DEFAULT-VALUE}).")
    int matchDays;
    @Option(names = "--alt-insar", paramLabel = "ALT", description = "InSAR ALT raster, m (e.g. alt.tif).")
    String altInsar;
    @Option(names = "--boreholes", paramLabel = "CSV", description = "Borehole ALT (id,lon,lat,alt).")
    Path boreholes;
    @Option(names = "--vwc", paramLabel = "VWC", description = "Mean active-layer water content (number or raster) for the moisture-calibrated ALT.")
    String vwc;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        ValidateStep.Result r = execute();
        for (ValidateStep.StationResult st : r.stations()) {
            Agreement a = st.comparison() == null ? null : st.comparison().agreement();
            System.out.printf(Locale.ROOT, "%s: %s%n", st.station(), a == null ? st.status()
                    : String.format(Locale.ROOT, "bias %.2f mm, RMSE %.2f mm over %d dates", a.bias() * 1e3, a.rmse() * 1e3, a.n()));
        }
        for (BoreholeComparison.Summary s : r.boreholes()) {
            System.out.printf(Locale.ROOT, "ALT %s: n %d, bias %.3f m, RMSE %.3f m%n", s.kind(), s.agreement().n(),
                    s.agreement().bias(), s.agreement().rmse());
        }
        System.out.println("wrote " + out);
        return 0;
    }

    /** The options as the step's parameters (validated there). */
    ValidateParameters parameters() {
        return new ValidateParameters(insar, gnss, stations, geometry, incidence, azimuth, coherence, block, matchDays,
                altInsar, boreholes, vwc, out);
    }

    /** Runs the step and draws one plot per compared station. */
    public ValidateStep.Result execute() throws IOException {
        ValidateParameters p = parameters();
        ValidateStep.Result r = ValidateStep.run(p);
        writePlots(p.out(), r);
        return r;
    }

    /** {@code <station>.png}: InSAR and GNSS LOS series of every compared station. */
    public static void writePlots(Path out, ValidateStep.Result r) throws IOException {
        for (ValidateStep.StationResult st : r.stations()) {
            if (st.comparison() != null) {
                GnssComparison.Result c = st.comparison();
                new TimeSeriesPlot("InSAR vs GNSS (LOS) at " + st.station(), "LOS displacement (mm)")
                        .points("InSAR", c.dates(), scale(c.insar(), 1e3))
                        .points("GNSS", c.dates(), scale(c.gnss(), 1e3))
                        .write(out.resolve(safe(st.station()) + ".png"));
            }
        }
    }

    /** {@link ValidateStep#readGnss}, kept for this command's callers. */
    public static GnssSeries readGnss(Path f) throws IOException {
        return ValidateStep.readGnss(f);
    }

    private static double[] scale(double[] v, double f) {
        double[] o = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            o[k] = v[k] * f;
        }
        return o;
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
