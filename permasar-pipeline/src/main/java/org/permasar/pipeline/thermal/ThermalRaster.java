package org.permasar.pipeline.thermal;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.lst.LstRegridder;
import org.permasar.io.mintpy.MintPyTimeseriesSink;
import org.permasar.pipeline.fit.FitProducts;
import org.permasar.pipeline.fit.LstDaily;
import org.permasar.thermal.DegreeDays;
import org.permasar.thermal.FreezeThawOnsets;
import org.permasar.thermal.Hants;
import org.permasar.thermal.HantsParameters;

/**
 * The per-block work of {@code permasar thermal --lst} (raster mode, SCIENCE.md §3, seed 001 §3.1–3.2): LST
 * composites regridded onto the output grid → HANTS gap filling (Roerink et al. 2000) → daily series
 * (linear interpolation between composite centres, {@link LstDaily}) → mean thaw / freeze onsets
 * ({@link FreezeThawOnsets}, day of year) → degree-days.
 *
 * <p>Degree-days (Nelson et al. 1997; seed 001 §3.6), °C·day, from running sums of the daily series:
 * {@code ADDT = Σ max(T, 0)}, {@code ADDF = Σ max(−T, 0)} over the days of a permafrost year, which starts on
 * the pixel's mean thaw onset {@code 1 January + round(thawDoy) − 1} (as {@link DegreeDays}).
 * {@code addtMean}/{@code addfMean} are the means over the complete permafrost years inside the daily series;
 * at SAR dates, the sums from the start of the permafrost year containing the date up to it (inclusive), kept in
 * memory or streamed block by block to a Zarr store.
 *
 * <p>NaN policy: a pixel without a HANTS solution (status 1) or without a thaw onset gets NaN; degree-day
 * sums follow the NaN rule of {@link DegreeDays} (NaN day inside the span, or span not covered → NaN). Outputs go to whole-grid arrays; blocks write disjoint windows. Thread-safe
 * given one {@link Workspace} per thread.
 */
final class ThermalRaster {
    private final GridGeometry grid;
    private final List<LocalDate> lstDates;
    private final HantsParameters hants;
    private final double centreOffsetDays;
    private final FreezeThawOnsets onsets;
    private final List<LocalDate> sarDates;
    private final FitProducts products;
    private final float[] addtAt;
    private final float[] addfAt;
    private final MintPyTimeseriesSink addtSink;
    private final MintPyTimeseriesSink addfSink;
    private final AtomicLong solved = new AtomicLong();
    private final AtomicLong noHants = new AtomicLong();
    private final AtomicLong noThaw = new AtomicLong();

    /** Thread-confined reader, HANTS workspace and daily scratch. */
    record Workspace(LstRegridder lst, LstDaily daily, double[] series, double[] cumThaw, double[] cumFreeze,
                     int[] cumNan) {
    }

    /**
     * @param sarDates dates at which ADDT / ADDF cubes are wanted, or null
     * @param addtSink {@code addt.h5} streamed (MintPy time series layout, thread-safe sink) that receives the
     *                 SAR-date ADDT cube block by block, or null (with {@code addfSink}) to keep both in memory
     * @param addfSink {@code addf.h5} likewise for ADDF
     */
    ThermalRaster(GridGeometry grid, List<LocalDate> lstDates, HantsParameters hants, double centreOffsetDays,
                  FreezeThawOnsets onsets, List<LocalDate> sarDates, MintPyTimeseriesSink addtSink,
                  MintPyTimeseriesSink addfSink) {
        this.addtSink = addtSink;
        this.addfSink = addfSink;
        this.grid = grid;
        this.lstDates = List.copyOf(lstDates);
        this.hants = hants;
        this.centreOffsetDays = centreOffsetDays;
        this.onsets = onsets;
        this.sarDates = sarDates == null ? null : List.copyOf(sarDates);
        products = new FitProducts(grid);
        products.declare("thawOnsetDoy", "day", "mean thaw onset, day of year (0 degC crossing of the smoothed daily LST)");
        products.declare("freezeOnsetDoy", "day", "mean freeze onset, day of year of the thaw year (>365: next year)");
        products.declare("addtMean", "degC*day", "mean accumulated degree-days of thaw per permafrost year");
        products.declare("addfMean", "degC*day", "mean accumulated degree-days of freeze per permafrost year");
        products.declare("hantsStatus", "1", "0 ok, 1 too few valid LST composites");
        boolean inMemory = sarDates != null && addtSink == null;
        addtAt = inMemory ? nanArray((long) sarDates.size() * grid.size()) : null;
        addfAt = inMemory ? nanArray((long) sarDates.size() * grid.size()) : null;
    }

    private static float[] nanArray(long n) {
        float[] a = new float[Math.toIntExact(n)];
        java.util.Arrays.fill(a, Float.NaN);
        return a;
    }

    FitProducts products() {
        return products;
    }

    /** ADDT at the SAR dates, {@code [date·grid.size() + pixel]}, or null. */
    float[] addtAtDates() {
        return addtAt;
    }

    /** ADDF at the SAR dates, or null. */
    float[] addfAtDates() {
        return addfAt;
    }

    /** Block cubes {@code [q·npix + p]} into the streamed files or the whole-grid arrays. */
    private void storeCubes(Window w, float[] bt, float[] bf, int nd) throws IOException {
        if (addtSink != null) {
            addtSink.write(w, bt);
            addfSink.write(w, bf);
            return;
        }
        int npix = w.size();
        for (int q = 0; q < nd; q++) {
            for (int r = 0; r < w.rows(); r++) {
                int dst = q * grid.size() + (w.row0() + r) * grid.cols() + w.col0();
                System.arraycopy(bt, q * npix + r * w.cols(), addtAt, dst, w.cols());
                System.arraycopy(bf, q * npix + r * w.cols(), addfAt, dst, w.cols());
            }
        }
    }

    /** One-line summary of the run. */
    String summary() {
        return String.format(java.util.Locale.ROOT, "thermal: %d of %d pixels with onsets and degree-days "
                + "(%d without a HANTS solution, %d without a thaw onset)", solved.get(), grid.size(), noHants.get(),
                noThaw.get());
    }

    /** A workspace for one worker thread. */
    Workspace workspace(LstRegridder lst) {
        LstDaily d = new LstDaily(lstDates, hants, centreOffsetDays);
        int n = d.days();
        return new Workspace(lst, d, new double[n], new double[n + 1], new double[n + 1], new int[n + 1]);
    }

    /** Processes one block. */
    void process(Window w, Workspace ws) throws IOException {
        int npix = w.size();
        float[] celsius = ws.lst().read(w).celsius();
        LstDaily.Block b = ws.daily().daily(celsius, npix);
        int ndays = ws.daily().days();
        LocalDate start = ws.daily().start();
        double[][] on = onsets.detectBlock(start, b.daily(), ndays, npix);
        double[] addt = new double[npix], addf = new double[npix];
        double[] hs = new double[npix];
        long s0 = start.toEpochDay();
        int y0 = start.getYear(), y1 = start.plusDays(ndays - 1L).getYear();
        long[] jan1 = new long[y1 - y0 + 3];
        for (int k = 0; k < jan1.length; k++) {
            jan1[k] = LocalDate.of(y0 - 1 + k, 1, 1).toEpochDay() - s0;   // day index of 1 January of year y0-1+k
        }
        double[] cumT = ws.cumThaw(), cumF = ws.cumFreeze();
        int[] cumNan = ws.cumNan();
        int nd = sarDates == null ? 0 : sarDates.size();
        float[] bt = nd == 0 ? null : nanArray((long) nd * npix), bf = nd == 0 ? null : nanArray((long) nd * npix);
        long ok = 0, nh = 0, nt = 0;
        for (int p = 0; p < npix; p++) {
            hs[p] = b.hantsStatus()[p];
            double thaw = on[0][p];
            addt[p] = Double.NaN;
            addf[p] = Double.NaN;
            if (b.hantsStatus()[p] != Hants.OK) {
                nh++;
                continue;
            }
            if (Double.isNaN(thaw)) {
                nt++;
                continue;
            }
            DegreeDays.runningSums(b.daily(), ndays, npix, p, cumT, cumF, cumNan);  // Nelson et al. (1997)
            long off = DegreeDays.onsetOffsetDays(thaw);    // thaw onset = 1 January + round(doy) − 1
            double st = 0, sf = 0;
            int years = 0;
            for (int k = 1; k + 1 < jan1.length; k++) {
                long a = jan1[k] + off, e = jan1[k + 1] + off - 1;
                if (a >= 0 && e < ndays && cumNan[(int) e + 1] == cumNan[(int) a]) {
                    st += cumT[(int) e + 1] - cumT[(int) a];
                    sf += cumF[(int) e + 1] - cumF[(int) a];
                    years++;
                }
            }
            if (years > 0) {
                addt[p] = st / years;
                addf[p] = sf / years;
                ok++;
            }
            for (int q = 0; q < nd; q++) {
                long t = sarDates.get(q).toEpochDay() - s0;
                int k = sarDates.get(q).getYear() - (y0 - 1);
                if (t < 0 || t >= ndays || k < 0 || k >= jan1.length) {
                    continue;
                }
                long a = jan1[k] + off;
                if (t < a) {
                    a = jan1[k - 1] + off;                 // before this year's onset: last year's permafrost year
                }
                if (a < 0 || cumNan[(int) t + 1] != cumNan[(int) a]) {
                    continue;
                }
                bt[q * npix + p] = (float) (cumT[(int) t + 1] - cumT[(int) a]);
                bf[q * npix + p] = (float) (cumF[(int) t + 1] - cumF[(int) a]);
            }
        }
        if (nd > 0) {
            storeCubes(w, bt, bf, nd);
        }
        products.put("thawOnsetDoy", w, on[0]);
        products.put("freezeOnsetDoy", w, on[1]);
        products.put("addtMean", w, addt);
        products.put("addfMean", w, addf);
        products.put("hantsStatus", w, hs);
        solved.addAndGet(ok);
        noHants.addAndGet(nh);
        noThaw.addAndGet(nt);
    }
}
