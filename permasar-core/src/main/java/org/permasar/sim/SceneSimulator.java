package org.permasar.sim;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a {@link SimulatedScene} from a {@link SceneSpec}: deterministic for a given seed
 * (every random component draws from its own {@link SplittableRandom} split off the seed in a
 * fixed order, so the same spec gives bit-identical arrays on any JVM).
 *
 * <p>Steps: terrain, regions and parameters ({@link SceneLayout}); daily LST from 1 January of
 * the year before the first acquisition to 31 December of the year after the last one
 * ({@link LandSurfaceTemperature}); per pixel the freeze–thaw calendar and the PECM vertical
 * displacement D(τ) = v·L(τ) + d·I(τ) (Chen et al. 2018, eq. 2; {@link PermafrostCalendar}) at each
 * acquisition; then the two tracks ({@link TrackSimulator}): ascending dates from
 * {@link SceneSpec#start()}, descending dates {@value #DESCENDING_OFFSET_DAYS} days later, the
 * same {@link SceneSpec#gaps()} acquisitions missing on both.
 *
 * <p>Thread-safe (stateless); each call allocates its own workspaces.
 */
public final class SceneSimulator {
    /** Offset of the descending acquisitions after the ascending ones, days. */
    public static final int DESCENDING_OFFSET_DAYS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(SceneSimulator.class);

    private SceneSimulator() {
    }

    /** Simulates the scene described by {@code spec}. */
    public static SimulatedScene simulate(SceneSpec spec) {
        long t0 = System.nanoTime();
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom layoutRng = root.split();
        SplittableRandom lstRng = root.split();
        SplittableRandom ascRng = root.split();
        SplittableRandom descRng = root.split();
        SplittableRandom gapRng = root.split();
        RandomField field = new RandomField(spec.rows(), spec.cols());
        SceneLayout layout = new SceneLayout(spec, layoutRng, field);

        List<LocalDate> ascDates = AcquisitionPlan.dates(spec.start(), spec.years(), spec.repeatDays());
        List<LocalDate> descDates = AcquisitionPlan.dates(spec.start().plusDays(DESCENDING_OFFSET_DAYS),
                spec.years(), spec.repeatDays());
        int[] gaps = AcquisitionPlan.gapIndices(ascDates.size(), spec.gaps(), gapRng);
        ascDates = AcquisitionPlan.without(ascDates, gaps);
        descDates = AcquisitionPlan.without(descDates, gaps);
        LocalDate firstDay = LocalDate.of(spec.start().getYear() - 1, 1, 1);
        LocalDate lastDay = LocalDate.of(descDates.get(descDates.size() - 1).getYear() + 1, 12, 31);
        LandSurfaceTemperature lst = new LandSurfaceTemperature(spec, layout, firstDay, lastDay, lstRng, field);

        int n = spec.size();
        PecmSeries ascSeries = new PecmSeries(ascDates.size(), n);
        PecmSeries descSeries = new PecmSeries(descDates.size(), n);
        int[] ascDay = dayIndices(ascDates, firstDay);
        int[] descDay = dayIndices(descDates, firstDay);
        PermafrostCalendar cal = new PermafrostCalendar(lst.days, lst.yearStart);
        int years = cal.years();
        int[] thawDay = new int[years * n];
        int[] freezeDay = new int[years * n];
        float[] thawDoy = new float[n];
        float[] freezeDoy = new float[n];
        float[] amplitude = new float[n];
        float[] byPixel = pixelMajor(lst.daily, lst.days, n);
        for (int i = 0; i < n; i++) {
            cal.load(byPixel, i * lst.days, 1, layout.kappaRatio[i]);
            double sumThaw = 0, sumFreeze = 0, sumMaxI = 0;
            for (int k = 0; k < years; k++) {
                thawDay[k * n + i] = cal.thawOnset(k);
                freezeDay[k * n + i] = cal.freezeOnset(k);
                if (k < years - 1) {
                    sumThaw += firstDay.plusDays(cal.thawOnset(k)).getDayOfYear();
                    sumFreeze += firstDay.plusDays(cal.freezeOnset(k)).getDayOfYear();
                    sumMaxI += cal.maxI(k);
                }
            }
            thawDoy[i] = (float) (sumThaw / (years - 1));
            freezeDoy[i] = (float) (sumFreeze / (years - 1));
            double v = layout.pecmV[i], d = layout.pecmD[i];
            amplitude[i] = (float) (Math.abs(d) * sumMaxI / (years - 1));
            series(cal, v, d, ascDay, ascSeries, i, n);
            series(cal, v, d, descDay, descSeries, i, n);
        }
        SceneTruth truth = new SceneTruth(layout, amplitude, thawDoy, freezeDoy, thawDay, freezeDay, years);
        SimulatedTrack asc = new TrackSimulator(spec, layout, field, ascRng)
                .simulate("ascending", -12.0, ascDates, ascSeries, amplitude);
        SimulatedTrack desc = new TrackSimulator(spec, layout, field, descRng)
                .simulate("descending", -168.0, descDates, descSeries, amplitude);
        LOG.debug("simulated {}×{} px, {} + {} pairs in {} ms", spec.rows(), spec.cols(),
                asc.network().pairCount(), desc.network().pairCount(), (System.nanoTime() - t0) / 1_000_000);
        return new SimulatedScene(spec, asc, desc, truth, lst);
    }

    /**
     * ADDT, ADDF, L, I at the acquisition days and D(τ) − D(τ_0) with D = v·L + d·I (Chen et al.
     * 2018, eq. 2), metres; D is NaN when v or d is NaN (lake).
     */
    private static void series(PermafrostCalendar cal, double v, double d, int[] days, PecmSeries dest, int i,
                               int n) {
        double d0 = v * cal.l(days[0]) + d * cal.i(days[0]);
        for (int t = 0; t < days.length; t++) {
            int o = t * n + i;
            double l = cal.l(days[t]), ii = cal.i(days[t]);
            dest.addt[o] = (float) cal.addt(days[t]);
            dest.addf[o] = (float) cal.addf(days[t]);
            dest.l[o] = (float) l;
            dest.i[o] = (float) ii;
            dest.up[o] = (float) (v * l + d * ii - d0);
        }
    }

    /** Blocked transpose of a day-major cube into pixel-major order (cache-friendly per-pixel reads). */
    private static float[] pixelMajor(float[] dayMajor, int days, int n) {
        float[] out = new float[dayMajor.length];
        for (int p0 = 0; p0 < n; p0 += 64) {
            int p1 = Math.min(n, p0 + 64);
            for (int d = 0; d < days; d++) {
                int base = d * n;
                for (int p = p0; p < p1; p++) {
                    out[p * days + d] = dayMajor[base + p];
                }
            }
        }
        return out;
    }

    private static int[] dayIndices(List<LocalDate> dates, LocalDate firstDay) {
        int[] out = new int[dates.size()];
        for (int t = 0; t < out.length; t++) {
            out[t] = (int) (dates.get(t).toEpochDay() - firstDay.toEpochDay());
        }
        return out;
    }
}
