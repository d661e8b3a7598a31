package org.permasar.cli.seasonal;

import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import org.permasar.geometry.LosGeometry;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.lst.LstRegridder;
import org.permasar.io.mintpy.MintPyGeometry;
import org.permasar.io.TimeSeriesProduct;
import org.permasar.permafrost.pecm.PecmFit;
import org.permasar.permafrost.pecm.PecmForcing;
import org.permasar.permafrost.pecm.PecmForcingBuilder;
import org.permasar.permafrost.pecm.PecmStatus;
import org.permasar.thermal.DailyScatter;
import org.permasar.thermal.FreezeThawOnsets;
import org.permasar.thermal.HantsParameters;
import org.permasar.timefn.LinearBatchFit;
import org.permasar.timefn.SeasonalityClassifier;
import org.permasar.timefn.TimeFunctionFit;
import org.permasar.timefn.TimeFunctionModel;

/**
 * The per-block work of {@code permasar fit}: read the block's time series (optionally LOS → vertical,
 * {@code d_up = d_LOS / cos θ_inc}), fit the time functions ({@link TimeFunctionFit}), test seasonality
 * ({@link SeasonalityClassifier} with its permafrost extensions; amplitude and timing NaN where not seasonal, SCIENCE.md §2), and for
 * PECM build the forcing from the regridded LST and fit v, d ({@link PecmFit}).
 *
 * <p>Reason codes ({@code fitStatus}): 0 ok, 1 fewer valid dates than unknowns (also every pixel when the
 * series has fewer dates than the model has unknowns, or spans less than its longest period), 2 singular.
 * {@code pecmStatus}: {@link PecmStatus} codes. Outputs go to {@link #products()}; counts for the
 * summary line are kept atomically. Thread-safe given one {@link Workspace} per thread.
 */
final class FitStep {
    /** fitStatus: the series is too short for the model (fewer dates than unknowns, or shorter than a period). */
    static final byte SERIES_TOO_SHORT = LinearBatchFit.TOO_FEW_VALID;

    /** PECM settings. */
    record Pecm(List<LocalDate> lstDates, HantsParameters hants, double centreOffsetDays, FreezeThawOnsets onsets,
                float[] kappaRatio, int refIndex, PecmUncertainty uncertainty, boolean expectedDegreeDays,
                double dailyTemperatureStd) {
    }

    /** Thread-confined readers and HANTS workspace. */
    record Workspace(TimeSeriesProduct timeseries, MintPyGeometry geometry, LstRegridder lst, LstDaily daily,
                     PecmUncertainty.Worker uncertainty) {
    }

    private final GridGeometry grid;
    private final List<LocalDate> dates;
    private final TimeFunctionModel model;
    private final SeasonalityClassifier classifier;
    private final Pecm pecm;
    private final boolean tooShort;
    private final int compositeDays;
    private final FitProducts products;
    private final AtomicLongArray fitCounts = new AtomicLongArray(4);     // ok, too few, singular, seasonal
    private final AtomicLongArray pecmCounts = new AtomicLongArray(16);

    FitStep(GridGeometry grid, List<LocalDate> dates, TimeFunctionModel model, SeasonalityClassifier classifier,
            Pecm pecm) {
        this.grid = grid;
        this.dates = List.copyOf(dates);
        this.model = model;
        this.classifier = classifier;
        this.pecm = pecm;
        double span = ChronoUnit.DAYS.between(dates.get(0), dates.get(dates.size() - 1)) / TimeFunctionModel.DAYS_PER_YEAR;
        double longest = 0;
        for (double p : model.periodsYears()) {
            longest = Math.max(longest, p);
        }
        tooShort = dates.size() < model.parameterCount() || span < longest;
        // a composite averages w = 2·offset + 1 days (MOD11A2: offset 3.5 → 8 days); σ_d from its scatter
        // and lag-1 correlation under an AR(1) day-to-day model (DailyScatter)
        compositeDays = pecm == null ? 1 : (int) Math.max(1, Math.round(2 * pecm.centreOffsetDays() + 1));
        products = new FitProducts(grid);
        products.declare("intercept", "m", "intercept of the time-function fit");
        products.declare("velocity", "m/year", "linear rate, " + model);
        products.declare("velocityStd", "m/year", "one-sigma of the linear rate (residual-based, as MintPy)");
        products.declare("annualAmplitude", "m", "annual amplitude |A| (MintPy)");
        products.declare("annualPhase", "radian", "annual phase atan2(cos, sin) (MintPy)");
        products.declare("seasonalAmplitude", "m", "seasonal peak-to-trough amplitude 2|A| (seasonal pixels only)");
        products.declare("seasonalAmplitudeStd", "m", "one-sigma of the peak-to-trough amplitude");
        products.declare("seasonalTiming", "day", "day of year of the annual maximum (seasonal pixels only)");
        products.declare("seasonalMask", "1", "1 = seasonal (extrema test), 0 = not seasonal or not fitted");
        products.declare("residualRms", "m", "RMS of the time-function residuals");
        products.declare("fitStatus", "1", "0 ok, 1 too few valid dates / series too short, 2 singular");
        if (pecm != null) {
            products.declare("pecmVelocity", "m/year", "PECM long-term rate v (Chen et al. 2018)");
            String std = pecm.uncertainty() == null ? "residual-based (Santer n_e)"
                    : "sqrt(max(a-priori, residual-based variance)); a-priori: " + pecm.uncertainty().describe();
            products.declare("pecmVelocityStd", "m/year", "one-sigma of v, " + std);
            products.declare("pecmSeasonalCoef", "m/sqrt(degC*day)", "PECM seasonal coefficient d");
            products.declare("pecmSeasonalCoefStd", "m/sqrt(degC*day)", "one-sigma of d, " + std);
            if (pecm.uncertainty() != null) {
                products.declare("pecmVelocityStdApriori", "m/year", "a-priori one-sigma of v, " + pecm.uncertainty().describe());
                products.declare("pecmSeasonalCoefStdApriori", "m/sqrt(degC*day)", "a-priori one-sigma of d");
            }
            products.declare("pecmResidualRms", "m", "RMS of the PECM residuals");
            products.declare("pecmPeakToTrough", "m", "modelled seasonal peak-to-trough |d|·max I, mean over years");
            products.declare("pecmStatus", "1", "PECM reason code (0 ok, 1 no LST, 2 no thaw, 3 no freeze, "
                    + "4 dates outside LST, 5 too short, 6 singular, 7 LST gap, 8 no reference)");
        }
    }

    FitProducts products() {
        return products;
    }

    /** A workspace for one worker thread. */
    Workspace workspace(TimeSeriesProduct ts, MintPyGeometry geometry, LstRegridder lst) throws IOException {
        LstDaily d = pecm == null ? null : new LstDaily(pecm.lstDates(), pecm.hants(), pecm.centreOffsetDays());
        PecmUncertainty.Worker u = pecm == null || pecm.uncertainty() == null ? null : pecm.uncertainty().worker();
        return new Workspace(ts, geometry, lst, d, u);
    }

    /** Processes one block. */
    void process(Window w, Workspace ws) throws IOException {
        int npix = w.size();
        int n = dates.size();
        float[] y = ws.timeseries().read("timeseries", w);
        float[] inc = null;
        if (ws.geometry() != null) {
            inc = ws.geometry().read("incidenceAngle", w);
            for (int i = 0; i < n; i++) {
                int o = i * npix;
                for (int q = 0; q < npix; q++) {
                    y[o + q] = (float) LosGeometry.losToVertical(y[o + q], inc[q]); // vertical-only motion: d_up = d_LOS / cos θ
                }
            }
        }
        fitTimeFunctions(w, y, npix);
        if (pecm != null) {
            fitPecm(w, ws, y, npix, inc);
        }
    }

    private void fitTimeFunctions(Window w, float[] y, int npix) {
        byte[] status = new byte[npix];
        if (tooShort) {
            java.util.Arrays.fill(status, SERIES_TOO_SHORT);
            products.put("fitStatus", w, status);
            fitCounts.addAndGet(1, npix);
            return;
        }
        TimeFunctionFit.Result r = TimeFunctionFit.fit(model, dates, y, npix);
        boolean[] seasonal = dates.size() >= 8 ? classifier.classify(dates, y, npix).seasonal() : new boolean[npix];
        TimeFunctionFit.Result m = SeasonalityClassifier.maskNonSeasonal(r, seasonal);
        double[] mask = new double[npix];
        long ok = 0, few = 0, sing = 0, nSeasonal = 0;
        for (int q = 0; q < npix; q++) {
            status[q] = r.status()[q];
            mask[q] = r.status()[q] == LinearBatchFit.OK ? (seasonal[q] ? 1 : 0) : Double.NaN;
            ok += status[q] == LinearBatchFit.OK ? 1 : 0;
            few += status[q] == LinearBatchFit.TOO_FEW_VALID ? 1 : 0;
            sing += status[q] == LinearBatchFit.SINGULAR ? 1 : 0;
            nSeasonal += seasonal[q] ? 1 : 0;
        }
        fitCounts.addAndGet(0, ok);
        fitCounts.addAndGet(1, few);
        fitCounts.addAndGet(2, sing);
        fitCounts.addAndGet(3, nSeasonal);
        products.put("intercept", w, r.intercept());
        if (model.polynomialDegree() >= 1) {
            products.put("velocity", w, r.rate());
            products.put("velocityStd", w, r.rateStd());
        }
        products.put("annualAmplitude", w, r.annualAmplitude());
        products.put("annualPhase", w, r.annualPhase());
        products.put("seasonalAmplitude", w, m.seasonalAmplitude());
        products.put("seasonalAmplitudeStd", w, m.seasonalAmplitudeStd());
        products.put("seasonalTiming", w, m.seasonalTiming());
        products.put("seasonalMask", w, mask);
        products.put("residualRms", w, r.residualRms());
        products.put("fitStatus", w, status);
    }

    private void fitPecm(Window w, Workspace ws, float[] y, int npix, float[] inc) throws IOException {
        float[] lst = ws.lst().read(w).celsius();
        LstDaily.Block b = ws.daily().daily(lst, npix);
        int ndays = ws.daily().days();
        double[][] on = pecm.onsets().detectBlock(ws.daily().start(), b.daily(), ndays, npix);
        double[] kappa = new double[npix];
        for (int r = 0; r < w.rows(); r++) {
            for (int c = 0; c < w.cols(); c++) {
                kappa[r * w.cols() + c] = pecm.kappaRatio()[(w.row0() + r) * grid.cols() + w.col0() + c];
            }
        }
        PecmForcing f;
        if (pecm.expectedDegreeDays()) {
            double[] sd = new double[npix];
            for (int q = 0; q < npix; q++) {
                sd[q] = Double.isNaN(pecm.dailyTemperatureStd())
                        ? DailyScatter.dailyStd(b.compositeStd()[q], b.compositeLag1()[q], compositeDays)
                        : pecm.dailyTemperatureStd();
            }
            f = PecmForcingBuilder.build(ws.daily().start(), b.smooth(), ndays, npix, on[0], on[1], dates, kappa, sd);
        } else {
            f = PecmForcingBuilder.build(ws.daily().start(), b.daily(), ndays, npix, on[0], on[1], dates, kappa);
        }
        PecmFit.Result p = PecmFit.fit(f, y, pecm.refIndex());
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
            pecmCounts.incrementAndGet(Math.min(15, p.status()[q] & 0xff));
        }
        double[] vStd = p.rateStd(), dStd = p.seasonalStd();
        if (ws.uncertainty() != null) {
            double[][] apr = ws.uncertainty().variances(w, f, p, y, pecm.refIndex(), inc);
            vStd = combined(apr[0], vStd);
            dStd = combined(apr[1], dStd);
            products.put("pecmVelocityStdApriori", w, sqrt(apr[0]));
            products.put("pecmSeasonalCoefStdApriori", w, sqrt(apr[1]));
        }
        products.put("pecmVelocity", w, p.rate());
        products.put("pecmVelocityStd", w, vStd);
        products.put("pecmSeasonalCoef", w, p.seasonalCoefficient());
        products.put("pecmSeasonalCoefStd", w, dStd);
        products.put("pecmResidualRms", w, p.residualRms());
        products.put("pecmPeakToTrough", w, ptt);
        products.put("pecmStatus", w, p.status());
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

    /** "N pixels fitted, M NaN: k too few valid dates, …; S seasonal". */
    String summary() {
        long ok = fitCounts.get(0), few = fitCounts.get(1), sing = fitCounts.get(2);
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %d pixels fitted, %d NaN", model, ok, few + sing));
        if (few + sing > 0) {
            s.append(": ");
            String sep = "";
            if (few > 0) {
                s.append(few).append(tooShort ? " series too short for the model" : " too few valid dates");
                sep = ", ";
            }
            if (sing > 0) {
                s.append(sep).append(sing).append(" singular");
            }
        }
        s.append("; ").append(fitCounts.get(3)).append(" seasonal");
        return s.toString();
    }

    /** "PECM: N pixels fitted, M NaN: k no thaw onset, …", or null without PECM. */
    String pecmSummary() {
        if (pecm == null) {
            return null;
        }
        long total = 0;
        for (int k = 0; k < pecmCounts.length(); k++) {
            total += pecmCounts.get(k);
        }
        long ok = pecmCounts.get(PecmStatus.OK);
        StringBuilder s = new StringBuilder("PECM: " + ok + " pixels fitted, " + (total - ok) + " NaN");
        String sep = ": ";
        for (int k = 1; k < pecmCounts.length(); k++) {
            if (pecmCounts.get(k) > 0) {
                s.append(sep).append(pecmCounts.get(k)).append(' ').append(PecmStatus.describe((byte) k));
                sep = ", ";
            }
        }
        return s.toString();
    }
}
