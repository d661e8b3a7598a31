package org.permasar.pipeline.fit;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.permasar.geometry.GridResampler;
import org.permasar.geometry.LosGeometry;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.TimeSeriesProduct;
import org.permasar.io.lst.LstOptions;
import org.permasar.io.lst.LstRegridder;
import org.permasar.io.lst.LstSource;
import org.permasar.io.mintpy.MintPyGeometry;
import org.permasar.permafrost.pecm.PecmFit;
import org.permasar.permafrost.pecm.PecmForcing;
import org.permasar.permafrost.pecm.PecmDegreeDays;
import org.permasar.permafrost.pecm.PecmForcingBuilder;
import org.permasar.permafrost.pecm.PecmKappaProfile;
import org.permasar.permafrost.pecm.PecmStatus;
import org.permasar.pipeline.block.BlockKernel;
import org.permasar.thermal.DailyScatter;
import org.permasar.thermal.FreezeThawOnsets;
import org.permasar.thermal.HantsParameters;
import org.permasar.timefn.LinearBatchFit;
import org.permasar.timefn.SeasonalityClassifier;
import org.permasar.timefn.TimeFunctionFit;
import org.permasar.timefn.TimeFunctionModel;

/**
 * The per-block work of the fit step, as any {@link org.permasar.pipeline.block.BlockRunner}
 * schedules it: each worker re-opens the time series (and the geometry, the LST and the stack of the
 * a-priori uncertainty) from their paths, reads a window's series (optionally LOS → vertical,
 * {@code d_up = d_LOS / cos θ_inc}), fits the time functions ({@link TimeFunctionFit}), tests
 * seasonality ({@link SeasonalityClassifier} with its permafrost extensions; amplitude and timing NaN
 * where not seasonal, SCIENCE.md §2), and for PECM builds the forcing from the regridded LST and fits
 * v, d ({@link PecmFit}). Every pixel's numbers depend on that pixel alone.
 *
 * <p>Outputs per window: one plane per name of {@code outputs} (the maps of {@link FitProducts}, NaN
 * where not estimated) and {@link #SEASONAL_TEST} (1 where the extrema test found the pixel seasonal,
 * whatever the fit's status; for the summary). Reason codes ({@code fitStatus}): 0 ok, 1 fewer valid
 * dates than unknowns (also every pixel when the series has fewer dates than the model has unknowns,
 * or spans less than its longest period), 2 singular. {@code pecmStatus}:
 * {@link org.permasar.permafrost.pecm.PecmStatus} codes.
 *
 * @param timeseries MintPy time series (or Zarr store), as text
 * @param grid       the series' grid
 * @param dates      the series' dates
 * @param model      time functions
 * @param layers     indices of the series' layers (dates) the time functions use, ascending (MintPy's start,
 *                   end and excluded dates); the PECM uses every layer
 * @param secondsOfDay acquisition time of day, seconds after 00:00 UTC (MintPy's {@code CENTER_LINE_UTC}):
 *                   places the acquisitions relative to steps and decay onsets
 * @param classifier seasonality test
 * @param geometry   MintPy geometry file whose incidenceAngle turns LOS into vertical, or null (LOS)
 * @param pecm       PECM settings, or null for time functions only
 * @param outputs    names of the maps, in declaration order
 * @param times      CPU time of each stage, counted by the workers (read at the end of a local run)
 */
public record FitKernel(String timeseries, GridGeometry grid, List<LocalDate> dates, TimeFunctionModel model,
                        int[] layers, double secondsOfDay, SeasonalityClassifier classifier, String geometry, Pecm pecm,
                        PecmUncertainty stackUncertainty, List<String> outputs, StageTimes times)
        implements BlockKernel {
    /** fitStatus: the series is too short for the model (fewer dates than unknowns, or shorter than a period). */
    public static final byte SERIES_TOO_SHORT = LinearBatchFit.TOO_FEW_VALID;
    /** PECM: 1 where the LST shows a freeze–thaw cycle (thaw and freeze onsets found), else 0. */
    public static final String THAW_SEASON = "thawSeason";
    /**
     * Output name of the PECM model series of each pixel ({@code [date*npix + p]}, the series' unit and
     * geometry): asked for by {@link FitStep#pecmModelAt}, never a map of the products.
     */
    public static final String PECM_MODEL = "pecmModel";
    /**
     * Output name of the PECM seasonal regressor I(τ) of each pixel at every date ({@code [date*npix + p]},
     * √(°C·day), {@link PecmForcing#seasonal}): asked for by {@link FitStep#pecmCurveAt}, never a map.
     */
    public static final String PECM_FORCING = "pecmForcing";
    /** 1 where the extrema test says seasonal (counted for the summary, not written). */
    public static final String SEASONAL_TEST = "seasonalTest";

    /**
     * PECM settings.
     *
     * @param lst                 LST multi-band GeoTIFF or folder of dated GeoTIFFs, as text
     * @param lstDates            composite dates
     * @param hants               HANTS settings of the gap filling
     * @param centreOffsetDays    days from a composite's date to its window centre
     * @param onsets              freeze/thaw onset detection
     * @param kappaRatio          κ_f/κ_t per pixel of the grid
     * @param refIndex            index of the series' reference date
     * @param uncertainty         a-priori uncertainty from the stack, or null
     * @param expectedDegreeDays  expected (true) or direct degree-days
     * @param dailyTemperatureStd σ_d in °C, or NaN for per-pixel from the composites
     */
    public record Pecm(String lst, List<LocalDate> lstDates, HantsParameters hants, double centreOffsetDays,
                       FreezeThawOnsets onsets, float[] kappaRatio, int refIndex, PecmUncertainty uncertainty,
                       boolean expectedDegreeDays, double dailyTemperatureStd) implements Serializable {
        public Pecm {
            Objects.requireNonNull(lst, "lst");
            lstDates = List.copyOf(lstDates);
        }
    }

    /** As the canonical constructor, counting the stages' CPU time in a new {@link StageTimes}. */
    public FitKernel(String timeseries, GridGeometry grid, List<LocalDate> dates, TimeFunctionModel model, int[] layers,
                     double secondsOfDay, SeasonalityClassifier classifier, String geometry, Pecm pecm,
                     PecmUncertainty stackUncertainty, List<String> outputs) {
        this(timeseries, grid, dates, model, layers, secondsOfDay, classifier, geometry, pecm, stackUncertainty, outputs,
                new StageTimes());
    }

    public FitKernel {
        Objects.requireNonNull(timeseries, "timeseries");
        Objects.requireNonNull(times, "times");
        dates = List.copyOf(dates);
        outputs = List.copyOf(outputs);
        layers = layers.clone();
        for (int k = 0; k < layers.length; k++) {
            if (layers[k] < 0 || layers[k] >= dates.size() || k > 0 && layers[k] <= layers[k - 1]) {
                throw new IllegalArgumentException("layers must be ascending indices below " + dates.size() + ", got "
                        + Arrays.toString(layers));
            }
        }
    }

    /** The dates the time functions use. */
    public List<LocalDate> modelDates() {
        LocalDate[] d = new LocalDate[layers.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = dates.get(layers[k]);
        }
        return List.of(d);
    }

    @Override
    public int[] layers() {
        return layers.clone();
    }

    /**
     * Whether the dates the time functions use are too few for the model: fewer than its unknowns (or than 2),
     * or spanning less than its longest period.
     */
    public boolean tooShort() {
        return tooShort(model, modelDates());
    }

    /** Whether {@code used} dates are too few for {@code m}; see {@link #tooShort()}. */
    public static boolean tooShort(TimeFunctionModel m, List<LocalDate> used) {
        if (used.size() < Math.max(2, m.parameterCount())) {
            return true;
        }
        double span = ChronoUnit.DAYS.between(used.get(0), used.get(used.size() - 1)) / TimeFunctionModel.DAYS_PER_YEAR;
        return span < m.longestPeriod();
    }

    /**
     * Days a composite averages, w = 2·offset + 1 (MOD11A2: offset 3.5 → 8 days); σ_d from its scatter
     * and lag-1 correlation under an AR(1) day-to-day model ({@link DailyScatter}).
     */
    int compositeDays() {
        return pecm == null ? 1 : (int) Math.max(1, Math.round(2 * pecm.centreOffsetDays() + 1));
    }

    @Override
    public Worker open() throws IOException {
        return new FitWorker();
    }

    /** Thread-confined readers and HANTS workspace. */
    private final class FitWorker implements Worker {
        private final boolean tooShort = tooShort();
        private TimeSeriesProduct series;
        private MintPyGeometry incidence;
        private LstSource lstSource;
        private LstRegridder lst;
        private LstDaily daily;
        private PecmUncertainty.Worker uncertainty;

        FitWorker() throws IOException {
            try {
                series = TimeSeriesProduct.open(Path.of(timeseries));
                if (geometry != null) {
                    incidence = MintPyGeometry.open(Path.of(geometry));
                }
                if (pecm != null) {
                    lstSource = LstSource.open(Path.of(pecm.lst()), LstOptions.auto());
                    lst = new LstRegridder(lstSource, grid, GridResampler.Method.BILINEAR);
                    daily = new LstDaily(pecm.lstDates(), pecm.hants(), pecm.centreOffsetDays());
                }
                if (stackUncertainty != null) {
                    uncertainty = stackUncertainty.worker();
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public Map<String, float[]> compute(Window w) throws IOException {
            int npix = w.size();
            int n = dates.size();
            Map<String, float[]> out = new HashMap<>();
            for (String name : outputs) {
                float[] a = new float[name.equals(PECM_MODEL) || name.equals(PECM_FORCING) ? n * npix : npix];
                Arrays.fill(a, Float.NaN);
                out.put(name, a);
            }
            long t = times.now();
            float[] y = series.read("timeseries", w);
            float[] inc = null;
            if (incidence != null) {
                inc = incidence.read("incidenceAngle", w);
                for (int i = 0; i < n; i++) {
                    int o = i * npix;
                    for (int q = 0; q < npix; q++) {
                        y[o + q] = (float) LosGeometry.losToVertical(y[o + q], inc[q]); // vertical-only motion: d_up = d_LOS / cos θ
                    }
                }
            }
            t = times.add(StageTimes.Stage.READ_SERIES, t);
            fitTimeFunctions(out, y, npix, w, inc);
            times.add(StageTimes.Stage.TIME_FUNCTIONS, t);
            if (pecm != null) {
                fitPecm(out, w, y, npix, inc);
            }
            return out;
        }

        private void fitTimeFunctions(Map<String, float[]> out, float[] all, int npix, Window w, float[] inc)
                throws IOException {
            byte[] status = new byte[npix];
            if (tooShort) {
                java.util.Arrays.fill(status, SERIES_TOO_SHORT);
                put(out, "fitStatus", status);
                out.put(SEASONAL_TEST, new float[npix]);
                return;
            }
            List<LocalDate> used = modelDates();
            float[] y = all;
            if (layers.length != dates.size()) {                     // start/end/excluded dates: the kept layers
                y = new float[layers.length * npix];
                for (int k = 0; k < layers.length; k++) {
                    System.arraycopy(all, layers[k] * npix, y, k * npix, npix);
                }
            }
            TimeFunctionModel tf = model();
            TimeFunctionFit.Result r = TimeFunctionFit.fit(tf, used, secondsOfDay, y, npix);
            for (int k = 0; k <= tf.polynomialDegree(); k++) {
                putTerm(out, TimeFunctionModel.polynomialName(k), r, k);
            }
            if (uncertainty != null && pecm == null && tf.polynomialDegree() >= 1) {
                // (with PECM the a-priori σ goes to v and d; the trend's maps there keep MintPy's residual σ)
                // the rate's σ from the interferograms' decorrelation noise through the SBAS network (a-priori)
                boolean[] ok = new boolean[npix];
                double[] resid = new double[npix];
                for (int q = 0; q < npix; q++) {
                    ok[q] = r.status()[q] == LinearBatchFit.OK;
                    resid[q] = r.paramStd()[npix + q];
                }
                double[] apr = uncertainty.termVariances(w, tf.designMatrix(used, secondsOfDay), tf.parameterCount(),
                        layers, 1, y, ok, inc);
                String rate = TimeFunctionModel.polynomialName(1);
                put(out, rate + "Std", combined(apr, resid));
                put(out, rate + "StdApriori", sqrt(apr));
            }
            double[] periods = tf.periodsYears();
            for (int i = 0; i < periods.length; i++) {
                // amplitude √(c² + s²), phase atan2(c, s) of c·cos + s·sin (Minchew et al. 2017, eqs. 9–10; MintPy)
                int jc = tf.periodicColumn(i);
                double[] amp = new double[npix], pha = new double[npix];
                for (int q = 0; q < npix; q++) {
                    double c = r.param(jc, q), sn = r.param(jc + 1, q);
                    amp[q] = Math.sqrt(c * c + sn * sn);
                    pha[q] = Math.atan2(c, sn);
                }
                String name = TimeFunctionModel.periodName(periods[i]);
                put(out, name + "Amplitude", amp);
                put(out, name + "Phase", pha);
            }
            for (int i = 0; i < tf.stepDates().size(); i++) {
                putTerm(out, TimeFunctionModel.stepName(tf.stepDates().get(i)), r, tf.stepColumn(i));
            }
            for (int i = 0; i < tf.exponentials().size(); i++) {
                putTerm(out, tf.exponentials().get(i).name("exp"), r, tf.exponentialColumn(i));
            }
            for (int i = 0; i < tf.logarithms().size(); i++) {
                putTerm(out, tf.logarithms().get(i).name("log"), r, tf.logarithmColumn(i));
            }
            float[] test = new float[npix];
            if (tf.annualIndex() >= 0) {
                // a trend + annual fit is the one the classifier's amplitude gates need: it reuses it (same result)
                TimeFunctionFit.Result annual = tf.equals(TimeFunctionModel.linearAnnual()) ? r : null;
                boolean[] seasonal = used.size() >= 8 ? classifier().classify(used, y, npix, annual).seasonal()
                        : new boolean[npix];
                TimeFunctionFit.Result m = SeasonalityClassifier.maskNonSeasonal(r, seasonal);
                double[] mask = new double[npix];
                for (int q = 0; q < npix; q++) {
                    mask[q] = r.status()[q] == LinearBatchFit.OK ? (seasonal[q] ? 1 : 0) : Double.NaN;
                    test[q] = seasonal[q] ? 1f : 0f;
                }
                put(out, "seasonalAmplitude", m.seasonalAmplitude());
                put(out, "seasonalAmplitudeStd", m.seasonalAmplitudeStd());
                put(out, "seasonalTiming", m.seasonalTiming());
                put(out, "seasonalMask", mask);
            }
            put(out, "residualRms", r.residualRms());
            put(out, "residue", r.residue());
            put(out, "fitStatus", r.status());
            out.put(SEASONAL_TEST, test);
        }

        /** Parameter {@code j} and its std as maps {@code name} and {@code nameStd}. */
        private void putTerm(Map<String, float[]> out, String name, TimeFunctionFit.Result r, int j) {
            int npix = r.pixels();
            put(out, name, Arrays.copyOfRange(r.params(), j * npix, (j + 1) * npix));
            put(out, name + "Std", Arrays.copyOfRange(r.paramStd(), j * npix, (j + 1) * npix));
        }


        private void fitPecm(Map<String, float[]> out, Window w, float[] y, int npix, float[] inc) throws IOException {
            double[] kappa = null;
            if (pecm().kappaRatio() != null) {
                kappa = new double[npix];
                for (int r = 0; r < w.rows(); r++) {
                    for (int c = 0; c < w.cols(); c++) {
                        kappa[r * w.cols() + c] = pecm().kappaRatio()[(w.row0() + r) * grid().cols() + w.col0() + c];
                    }
                }
            }
            double[][] est = {new double[npix], new double[npix]};      // estimated κ_f/κ_t and its σ
            long t = times.now();
            PecmForcing f;
            if (lst.coarserThanTarget()) {
                LstRegridder.Cells cells = lst.readCells(w);
                times.add(StageTimes.Stage.READ_LST, t);
                f = forcing(cells, npix, kappa, y, est);
            } else {
                float[] celsius = lst.read(w).celsius();
                times.add(StageTimes.Stage.READ_LST, t);
                f = forcing(celsius, npix, kappa, y, est);
            }
            t = times.now();
            if (kappa == null) {
                put(out, "pecmKappaRatio", est[0]);
                put(out, "pecmKappaRatioStd", est[1]);
            }
            PecmFit.Result p = PecmFit.fit(f, y, pecm().refIndex());
            double[] ptt = new double[npix];
            for (int q = 0; q < npix; q++) {
                double s = 0;
                int k = 0;
                for (int yr = 0; yr < p.years(); yr++) {
                    double v = p.peakToTrough()[yr * npix + q];
                    if (!Double.isNaN(v)) {
                        s += v;
                        k++;
                    }
                }
                ptt[q] = k == 0 ? Double.NaN : s / k;
            }
            double[] vStd = p.rateStd(), dStd = p.seasonalStd();
            if (uncertainty != null) {
                double[][] apr = uncertainty.variances(w, f, p, y, pecm().refIndex(), inc);
                vStd = combined(apr[0], vStd);
                dStd = combined(apr[1], dStd);
                put(out, "pecmVelocityStdApriori", sqrt(apr[0]));
                put(out, "pecmSeasonalCoefStdApriori", sqrt(apr[1]));
            }
            if (out.containsKey(PECM_MODEL)) {
                pecmModelSeries(out.get(PECM_MODEL), f, p, y, npix, inc);
            }
            times.add(StageTimes.Stage.PECM_FIT, t);
            if (out.containsKey(PECM_FORCING)) {
                System.arraycopy(f.seasonal(), 0, out.get(PECM_FORCING), 0, dates.size() * npix);
            }
            put(out, "pecmVelocity", p.rate());
            put(out, "pecmVelocityStd", vStd);
            put(out, "pecmSeasonalCoef", p.seasonalCoefficient());
            put(out, "pecmSeasonalCoefStd", dStd);
            put(out, "pecmResidualRms", p.residualRms());
            put(out, "pecmPeakToTrough", ptt);
            put(out, "pecmStatus", p.status());
            double[] season = new double[npix];
            for (int q = 0; q < npix; q++) {
                byte st = f.status()[q];
                // the LST shows a thaw and a freeze onset (a freeze–thaw cycle: ALT means something here)
                season[q] = st == PecmStatus.NO_VALID_LST || st == PecmStatus.NO_THAW || st == PecmStatus.NO_FREEZE ? 0 : 1;
            }
            put(out, THAW_SEASON, season);
        }


        /**
         * c + v·L + d·I at every date (c: the fit's free offset, the mean of y − v·L − d·I over the dates the
         * fit used, which is its least-squares value for the fitted v, d), back in LOS when the fit was vertical.
         */
        private void pecmModelSeries(float[] dest, PecmForcing f, PecmFit.Result p, float[] y, int npix, float[] inc) {
            int n = dates.size();
            for (int q = 0; q < npix; q++) {
                double v = p.rate()[q], d = p.seasonalCoefficient()[q];
                if (!Double.isFinite(v) || !Double.isFinite(d)) {
                    continue;
                }
                double s = 0;
                int m = 0;
                for (int i = 0; i < n; i++) {
                    int o = i * npix + q;
                    double r = y[o] - v * f.linear()[o] - d * f.seasonal()[o];
                    if (Double.isFinite(r)) {
                        s += r;
                        m++;
                    }
                }
                double c = m == 0 ? Double.NaN : s / m;
                double toLos = inc == null ? 1 : LosGeometry.unitUp(inc[q]);   // vertical → LOS
                for (int i = 0; i < n; i++) {
                    int o = i * npix + q;
                    dest[o] = (float) (toLos * (c + v * f.linear()[o] + d * f.seasonal()[o]));
                }
            }
        }

        /**
         * LST coarser than the InSAR grid: HANTS, the daily series and the onsets run once per LST cell
         * under the window, and the degree-day sums once per distinct (cell, κ_f/κ_t); every InSAR pixel
         * takes the forcing of the cell that contains its centre — the same numbers as nearest-neighbour
         * resampling of the LST followed by the per-pixel chain, at 1/(pixels per cell) of its cost.
         */
        private PecmForcing forcing(LstRegridder.Cells cells, int npix, double[] kappa, float[] y, double[][] est) {
            return forcing(cells.celsius(), cells.cells(), cells.cellOfPixel(), npix, kappa, y, est);
        }

        /**
         * LST on the InSAR grid (resampled bilinearly, or given there): every distinct composite series is
         * one cell. Pixels whose series are identical (an LST brought onto the InSAR grid by nearest
         * neighbour, or a constant fill) share its chain, which depends on the series alone: the same
         * numbers as running it per pixel.
         */
        private PecmForcing forcing(float[] celsius, int npix, double[] kappa, float[] y, double[][] est) {
            int[] cellOf = new int[npix];
            int cells = distinctColumns(celsius, npix, cellOf);
            if (cells == npix) {
                return forcing(celsius, npix, cellOf, npix, kappa, y, est);
            }
            int layers = celsius.length / npix;
            int[] first = new int[cells];
            for (int q = npix - 1; q >= 0; q--) {
                first[cellOf[q]] = q;
            }
            float[] compact = new float[layers * cells];
            for (int i = 0; i < layers; i++) {
                for (int c = 0; c < cells; c++) {
                    compact[i * cells + c] = celsius[i * npix + first[c]];
                }
            }
            return forcing(compact, cells, cellOf, npix, kappa, y, est);
        }

        /**
         * HANTS → daily series → onsets per cell, then the PECM regressors per pixel. With κ_f/κ_t given
         * ({@code kappa}), the degree-day pass runs per distinct (cell, κ). With {@code kappa} null the
         * ratio is estimated per pixel from its series ({@link PecmKappaProfile} on the degree-day sums of
         * a first pass at κ = 1; the estimate and its σ go to {@code est[0]}, {@code est[1]}, NaN where the
         * series cannot tell it, and those pixels use κ = {@link #FALLBACK_KAPPA}).
         *
         * @param celsius  composites of the cells, layer-major
         * @param cellOf   per pixel, its cell (−1: outside the LST grid)
         */
        private PecmForcing forcing(float[] celsius, int cells, int[] cellOf, int npix, double[] kappa, float[] y,
                                    double[][] est) {
            long t = times.now();
            LstDaily.Block b = daily.daily(celsius, cells, pecm().expectedDegreeDays());
            int ndays = daily.days();
            t = times.add(StageTimes.Stage.HANTS_DAILY, t);
            double[][] on = pecm().onsets().detectBlock(daily.start(), b.daily(), ndays, cells);
            t = times.add(StageTimes.Stage.ONSETS, t);
            double[] sd = null;
            if (pecm().expectedDegreeDays()) {
                sd = new double[cells];
                for (int q = 0; q < cells; q++) {
                    sd[q] = Double.isNaN(pecm().dailyTemperatureStd())
                            ? DailyScatter.dailyStd(b.compositeStd()[q], b.compositeLag1()[q], compositeDays())
                            : pecm().dailyTemperatureStd();
                }
            }
            float[] temps = pecm().expectedDegreeDays() ? b.smooth() : b.daily();
            double[] thaw = on[0], freeze = on[1];
            // the pass over the days that does not depend on κ_f/κ_t, once per cell
            // with several pixels per cell the yearly maximum of I comes from hulls built in this pass, once per
            // cell, instead of a walk over the days per (cell, κ)
            PecmDegreeDays ddCells = PecmForcingBuilder.degreeDays(daily.start(), temps, ndays, cells, thaw, freeze,
                    dates(), sd, npix > cells);
            t = times.add(StageTimes.Stage.DEGREE_DAYS, t);
            double[] k = kappa;
            if (k == null) {
                // its degree-day sums give I_r of every r (PecmDegreeDays): κ_f/κ_t per pixel by profile
                PecmKappaProfile.Result prof = PecmKappaProfile.estimate(gather(ddCells, cellOf), y, pecm().refIndex());
                k = new double[npix];
                for (int q = 0; q < npix; q++) {
                    est[0][q] = prof.ratio()[q];
                    est[1][q] = prof.ratioStd()[q];
                    k[q] = Double.isNaN(prof.ratio()[q]) ? FALLBACK_KAPPA : prof.ratio()[q];
                }
            }
            t = times.add(StageTimes.Stage.KAPPA, t);
            // distinct (cell, κ): κ given comes from a float raster (its float bits identify it); estimated
            // ratios are per pixel
            int[] unique = new int[npix];
            Map<Long, Integer> ids = new HashMap<>();
            int[] cellOfUnique = new int[npix];
            double[] kappaOfUnique = new double[npix];
            int nu = 0;
            for (int q = 0; q < npix; q++) {
                if (cellOf[q] < 0) {
                    unique[q] = -1;
                    continue;
                }
                Integer id = null;
                long key = ((long) cellOf[q] << 32) | (Float.floatToIntBits((float) k[q]) & 0xffffffffL);
                if (kappa != null) {
                    id = ids.get(key);
                }
                if (id == null) {
                    id = nu++;
                    if (kappa != null) {
                        ids.put(key, id);
                    }
                    cellOfUnique[id] = cellOf[q];
                    kappaOfUnique[id] = k[q];
                }
                unique[q] = id;
            }
            int[] unitCell = Arrays.copyOf(cellOfUnique, nu);
            // I and its yearly maximum for the ratio of each (cell, κ)
            PecmForcing shared = PecmForcingBuilder.forcing(gather(ddCells, unitCell), Arrays.copyOf(kappaOfUnique, nu),
                    daily.start(), temps, ndays, cells, unitCell, thaw, sd, dates());
            PecmForcing f = isIdentity(unique, npix) ? shared : shared.gather(unique, PecmStatus.NO_VALID_LST);
            times.add(StageTimes.Stage.FORCING, t);
            return f;
        }

        private static PecmDegreeDays gather(PecmDegreeDays dd, int[] index) {
            return isIdentity(index, dd.pixels()) ? dd : dd.gather(index, PecmStatus.NO_VALID_LST);
        }

        private static boolean isIdentity(int[] index, int n) {
            if (index.length != n) {
                return false;
            }
            for (int q = 0; q < n; q++) {
                if (index[q] != q) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            AutoCloseable[] all = {uncertainty, lstSource, incidence, series};
            IOException first = null;
            for (AutoCloseable c : all) {
                if (c == null) {
                    continue;
                }
                try {
                    c.close();
                } catch (Exception e) {
                    first = first != null ? first : e instanceof IOException io ? io : new IOException(e);
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /**
     * Groups the columns of a layer-major block ({@code values[layer*npix + q]}) whose values are
     * bit-identical (NaN equal to NaN): {@code cellOf[q]} is the group of column q, numbered in order of first
     * appearance; returns the number of groups. A hash of each column picks candidates, which are compared
     * value by value.
     */
    static int distinctColumns(float[] values, int npix, int[] cellOf) {
        int layers = values.length / npix;
        long[] hash = new long[npix];
        for (int i = 0; i < layers; i++) {
            int o = i * npix;
            for (int q = 0; q < npix; q++) {
                hash[q] = hash[q] * 0x9E3779B97F4A7C15L + Float.floatToIntBits(values[o + q]);
            }
        }
        Map<Long, int[]> firstOf = new HashMap<>();
        int[] firstOfCell = new int[npix];
        int cells = 0;
        for (int q = 0; q < npix; q++) {
            int[] candidates = firstOf.get(hash[q]);
            int cell = -1;
            if (candidates != null) {
                for (int c : candidates) {
                    if (sameColumn(values, npix, layers, firstOfCell[c], q)) {
                        cell = c;
                        break;
                    }
                }
            }
            if (cell < 0) {
                cell = cells++;
                firstOfCell[cell] = q;
                int[] grown = candidates == null ? new int[1] : Arrays.copyOf(candidates, candidates.length + 1);
                grown[grown.length - 1] = cell;
                firstOf.put(hash[q], grown);
            }
            cellOf[q] = cell;
        }
        return cells;
    }

    private static boolean sameColumn(float[] values, int npix, int layers, int a, int b) {
        for (int i = 0; i < layers; i++) {
            if (Float.floatToIntBits(values[i * npix + a]) != Float.floatToIntBits(values[i * npix + b])) {
                return false;
            }
        }
        return true;
    }

    /** κ_f/κ_t where none is given and the series cannot tell it. */
    static final double FALLBACK_KAPPA = 1.0;

    /** Copies block values into the output plane of {@code name} (float32, as the products store them). */
    private static void put(Map<String, float[]> out, String name, double[] values) {
        float[] a = out.get(name);
        if (a == null) {
            throw new IllegalStateException("map " + name + " was not declared (have " + out.keySet() + ")");
        }
        for (int q = 0; q < values.length; q++) {
            a[q] = (float) values[q];
        }
    }

    /** As {@link #put(Map, String, double[])} for byte codes. */
    private static void put(Map<String, float[]> out, String name, byte[] codes) {
        double[] d = new double[codes.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = codes[k];
        }
        put(out, name, d);
    }

    /**
     * Reported σ = √max(σ²_a-priori, σ²_residual). The a-priori variance carries the decorrelation noise
     * through the SBAS network (including its random-walk-like, trend-absorbed part and the reference
     * pixel's noise) but knows nothing of unmodelled signal (atmosphere left in the series, model
     * misfit); the residual-based variance sees exactly those but misses the absorbed part. Neither is
     * a lower bound of the other, so the larger one is reported (a conservative choice; adding them
     * would count the decorrelation noise twice, since it is also in the residuals).
     */
    private static double[] combined(double[] aprioriVar, double[] residualStd) {
        double[] out = new double[residualStd.length];
        for (int q = 0; q < out.length; q++) {
            double a = aprioriVar[q], r = residualStd[q];
            out[q] = Double.isNaN(r) ? Double.NaN : Double.isNaN(a) ? r : Math.sqrt(Math.max(a, r * r));
        }
        return out;
    }

    private static double[] sqrt(double[] v) {
        double[] out = new double[v.length];
        for (int q = 0; q < out.length; q++) {
            out[q] = Math.sqrt(v[q]);
        }
        return out;
    }
}
