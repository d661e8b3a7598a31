package org.permasar.sim;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;

/**
 * A simulated scene prepared for streaming: everything that is small (grid, dates, networks,
 * per-pixel maps, the random streams' recorded states) is made up front; the cubes are made one
 * band of rows at a time by {@link SceneSimulator#stream}. Handed to {@link SceneSink#begin} and
 * {@link SceneSink#end}.
 *
 * <p>Memory: about 40 bytes per pixel of maps, plus the recorded states (8 bytes per row per
 * day of the daily LST and per row per interferogram), the cloud masks (one bit per pixel per
 * 8-day composite) and, unless spilled to a temporary file, the atmosphere (4 bytes per pixel per
 * date and track). Accessors return internal arrays: <b>callers must not modify them</b>.
 */
public final class SceneStream implements AutoCloseable {
    private final SceneSpec spec;
    private final SceneLayout layout;
    private final LandSurfaceTemperature lst;
    private final StreamedTrack ascending;
    private final StreamedTrack descending;
    private final SceneTruth truth;
    private final PermafrostCalendar cal;
    private final int[] ascDay;
    private final int[] descDay;
    private final int years;
    private final float[] thawDoy;
    private final float[] freezeDoy;
    private final float[] amplitude;
    private final int[] thawDay;
    private final int[] freezeDay;
    private int bandRows;

    SceneStream(SceneSpec spec, long spillBytes) throws IOException {
        this.spec = spec;
        ReplayableRandom root = new ReplayableRandom(spec.seed());
        ReplayableRandom layoutRng = root.split();
        ReplayableRandom lstRng = root.split();
        ReplayableRandom ascRng = root.split();
        ReplayableRandom descRng = root.split();
        ReplayableRandom gapRng = root.split();
        RandomField field = new RandomField(spec.rows(), spec.cols());
        layout = new SceneLayout(spec, layoutRng, field);

        List<LocalDate> ascDates = AcquisitionPlan.dates(spec.start(), spec.years(), spec.repeatDays());
        List<LocalDate> descDates = AcquisitionPlan.dates(spec.start().plusDays(SceneSimulator.DESCENDING_OFFSET_DAYS),
                spec.years(), spec.repeatDays());
        int[] gaps = AcquisitionPlan.gapIndices(ascDates.size(), spec.gaps(), gapRng);
        ascDates = AcquisitionPlan.without(ascDates, gaps);
        descDates = AcquisitionPlan.without(descDates, gaps);
        LocalDate firstDay = LocalDate.of(spec.start().getYear() - 1, 1, 1);
        LocalDate lastDay = LocalDate.of(descDates.get(descDates.size() - 1).getYear() + 1, 12, 31);
        lst = new LandSurfaceTemperature(spec, layout, firstDay, lastDay, lstRng, field);
        ascDay = dayIndices(ascDates, firstDay);
        descDay = dayIndices(descDates, firstDay);
        cal = new PermafrostCalendar(lst.days, lst.yearStart);
        years = cal.years();
        int n = spec.size();
        thawDay = new int[Math.multiplyExact(years, n)];
        freezeDay = new int[years * n];
        thawDoy = new float[n];
        freezeDoy = new float[n];
        amplitude = new float[n];
        truth = new SceneTruth(layout, amplitude, thawDoy, freezeDoy, thawDay, freezeDay, years);
        TrackSimulator asc = new TrackSimulator(spec, layout, field, ascRng, "ascending", -12.0, ascDates, spillBytes);
        TrackSimulator desc;
        try {
            desc = new TrackSimulator(spec, layout, field, descRng, "descending", -168.0, descDates, spillBytes);
        } catch (IOException | RuntimeException e) {
            asc.close();
            throw e;
        }
        ascending = new StreamedTrack(asc, spec.wavelength(), layout.height.clone());
        descending = new StreamedTrack(desc, spec.wavelength(), layout.height.clone());
    }

    public SceneSpec spec() {
        return spec;
    }

    public GridGeometry grid() {
        return spec.grid();
    }

    public StreamedTrack ascending() {
        return ascending;
    }

    public StreamedTrack descending() {
        return descending;
    }

    /** Both tracks, ascending first. */
    public List<StreamedTrack> tracks() {
        return List.of(ascending, descending);
    }

    /**
     * The truth maps: regions, DEM, PECM and velocity parameters at once; seasonal amplitude and
     * onsets filled band by band, complete at {@link SceneSink#end}.
     */
    public SceneTruth truth() {
        return truth;
    }

    /** First day of the daily LST series. */
    public LocalDate dailyLstStart() {
        return lst.dailyStart;
    }

    /** Days of the daily LST series. */
    public int dailyLstDays() {
        return lst.days;
    }

    /** Dates of the 8-day composites (first day of each window). */
    public List<LocalDate> lstCompositeDates() {
        return lst.compositeDates;
    }

    /**
     * Working memory of one pixel of a block, bytes: every cube layer of both tracks, the PECM
     * series, the daily LST and the composites, in float32.
     */
    public long bytesPerPixel() {
        long layers = lst.days + lst.composites();
        for (StreamedTrack t : tracks()) {
            layers += 8L * t.dates().size() + 3L * t.network().pairCount();
        }
        return 4 * layers + 64;
    }

    /** Rows of every band but possibly the last (the writers' chunk rows); set before {@link SceneSink#begin}. */
    public int bandRows() {
        return bandRows;
    }

    void bandRows(int rows) {
        bandRows = rows;
    }

    /** The largest number of layers of one block array (the int index bound of a band). */
    int maxLayers() {
        int m = Math.max(lst.days, lst.composites());
        for (StreamedTrack t : tracks()) {
            m = Math.max(m, Math.max(t.dates().size(), t.network().pairCount()));
        }
        return m;
    }

    /** A workspace for bands of {@code nRows} rows starting at {@code row0}. */
    SceneBlock newBlock(int row0, int nRows) {
        int band = nRows * spec.cols();
        Window w = new Window(row0, 0, nRows, spec.cols());
        return new SceneBlock(w, new TrackBlock(ascending.network().pairCount(), ascending.dates().size(), band),
                new TrackBlock(descending.network().pairCount(), descending.dates().size(), band),
                lst.days, lst.composites());
    }

    /** Fills a block (its window must be whole rows) and the band's part of the truth maps. */
    void fill(SceneBlock block) {
        Window w = block.window();
        int row0 = w.row0(), nRows = w.rows(), band = w.size(), first = row0 * spec.cols(), n = spec.size();
        lst.fillDaily(row0, nRows, block.dailyLst);
        lst.fillComposites(row0, nRows, block.dailyLst, block.lstComposites);
        LocalDate firstDay = lst.dailyStart;
        PecmSeries ascSeries = block.ascending().pecm, descSeries = block.descending().pecm;
        for (int j = 0; j < band; j++) {
            int i = first + j;
            cal.load(block.dailyLst, j, band, layout.kappaRatio[i]);
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
            series(cal, v, d, ascDay, ascSeries, j, band);
            series(cal, v, d, descDay, descSeries, j, band);
        }
        ascending.sim.fillBlock(row0, nRows, ascSeries, block.ascending());
        descending.sim.fillBlock(row0, nRows, descSeries, block.descending());
    }

    /** Called after the last block: the maps that need every pixel's LST. */
    void complete() {
        ascending.completeAmplitude(amplitude);
        descending.completeAmplitude(amplitude);
    }

    /**
     * ADDT, ADDF, L, I at the acquisition days and D(τ) − D(τ_0) with D = v·L + d·I (Chen et al.
     * 2018, eq. 2), metres; D is NaN when v or d is NaN (lake).
     */
    private static void series(PermafrostCalendar cal, double v, double d, int[] days, PecmSeries dest, int j,
                               int band) {
        double d0 = v * cal.l(days[0]) + d * cal.i(days[0]);
        for (int t = 0; t < days.length; t++) {
            int o = t * band + j;
            double l = cal.l(days[t]), ii = cal.i(days[t]);
            dest.addt[o] = (float) cal.addt(days[t]);
            dest.addf[o] = (float) cal.addf(days[t]);
            dest.l[o] = (float) l;
            dest.i[o] = (float) ii;
            dest.up[o] = (float) (v * l + d * ii - d0);
        }
    }

    private static int[] dayIndices(List<LocalDate> dates, LocalDate firstDay) {
        int[] out = new int[dates.size()];
        for (int t = 0; t < out.length; t++) {
            out[t] = (int) (dates.get(t).toEpochDay() - firstDay.toEpochDay());
        }
        return out;
    }

    /** Deletes the spilled atmosphere. */
    @Override
    public void close() {
        try {
            ascending.sim.close();
        } finally {
            descending.sim.close();
        }
    }
}
