package org.permasar.pipeline.thermal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.lst.LstOptions;
import org.permasar.io.lst.LstRegridder;
import org.permasar.io.lst.LstSource;
import org.permasar.pipeline.block.BlockKernel;
import org.permasar.pipeline.fit.LstDaily;
import org.permasar.thermal.DegreeDays;
import org.permasar.thermal.FreezeThawOnsets;
import org.permasar.thermal.Hants;
import org.permasar.thermal.HantsParameters;

/**
 * The per-block work of the thermal step (raster mode, SCIENCE.md §3, seed 001 §3.1–3.2), as any
 * {@link org.permasar.pipeline.block.BlockRunner} schedules it: each worker opens the LST, regrids a
 * window's composites onto the output grid → HANTS gap filling (Roerink et al. 2000) → daily series
 * (linear interpolation between composite centres, {@link LstDaily}) → mean thaw / freeze onsets
 * ({@link FreezeThawOnsets}, day of year) → degree-days.
 *
 * <p>Degree-days (Nelson et al. 1997; seed 001 §3.6), °C·day, from running sums of the daily series:
 * {@code ADDT = Σ max(T, 0)}, {@code ADDF = Σ max(−T, 0)} over the days of a permafrost year, which starts on
 * the pixel's mean thaw onset {@code 1 January + round(thawDoy) − 1} (as {@link DegreeDays}).
 * {@code addtMean}/{@code addfMean} are the means over the complete permafrost years inside the daily series;
 * {@link #ADDT}/{@link #ADDF} (one layer per SAR date) the sums from the start of the permafrost year
 * containing the date up to it (inclusive).
 *
 * <p>Outputs per window: one plane per name of {@link #MAPS} and, with SAR dates, the two cubes.
 * NaN policy: a pixel without a HANTS solution ({@code hantsStatus} 1) or without a thaw onset gets NaN;
 * degree-day sums follow the NaN rule of {@link DegreeDays} (NaN day inside the span, or span not covered
 * → NaN). Every pixel depends on that pixel alone.
 *
 * @param lst          LST multi-band GeoTIFF or folder of dated GeoTIFFs, as text
 * @param grid         output grid
 * @param lstDates     composite dates
 * @param hants        HANTS settings
 * @param centreOffset days from a composite's date to its window centre
 * @param onsets       onset detection
 * @param sarDates     dates of the degree-day cubes, or null for none
 */
public record ThermalKernel(String lst, GridGeometry grid, List<LocalDate> lstDates, HantsParameters hants,
                            double centreOffset, FreezeThawOnsets onsets, List<LocalDate> sarDates) implements BlockKernel {
    /** The maps, in the order of {@code thermal.h5}. */
    public static final List<String> MAPS = List.of("thawOnsetDoy", "freezeOnsetDoy", "addtMean", "addfMean", "hantsStatus");
    /** ADDT at the SAR dates (cube). */
    public static final String ADDT = "addt";
    /** ADDF at the SAR dates (cube). */
    public static final String ADDF = "addf";

    public ThermalKernel {
        Objects.requireNonNull(lst, "lst");
        lstDates = List.copyOf(lstDates);
        sarDates = sarDates == null ? null : List.copyOf(sarDates);
    }

    /** SAR dates of the cubes (0 without). */
    public int cubeLayers() {
        return sarDates == null ? 0 : sarDates.size();
    }

    @Override
    public Worker open() throws IOException {
        return new ThermalWorker();
    }

    /** Thread-confined LST reader, HANTS workspace and daily scratch. */
    private final class ThermalWorker implements Worker {
        private final LstSource source;
        private final LstRegridder regridder;
        private final LstDaily daily;
        private final double[] cumThaw;
        private final double[] cumFreeze;
        private final int[] cumNan;

        ThermalWorker() throws IOException {
            source = LstSource.open(Path.of(lst), LstOptions.auto());
            try {
                regridder = new LstRegridder(source, grid, GridResampler.Method.BILINEAR);
            } catch (IOException | RuntimeException e) {
                source.close();
                throw e;
            }
            daily = new LstDaily(lstDates, hants, centreOffset);
            int n = daily.days();
            cumThaw = new double[n + 1];
            cumFreeze = new double[n + 1];
            cumNan = new int[n + 1];
        }

        @Override
        public Map<String, float[]> compute(Window w) throws IOException {
            int npix = w.size();
            float[] celsius = regridder.read(w).celsius();
            LstDaily.Block b = daily.daily(celsius, npix, false);      // the daily series only
            int ndays = daily.days();
            LocalDate start = daily.start();
            double[][] on = onsets.detectBlock(start, b.daily(), ndays, npix);
            float[] addt = nan(npix), addf = nan(npix), hs = new float[npix];
            long s0 = start.toEpochDay();
            int y0 = start.getYear(), y1 = start.plusDays(ndays - 1L).getYear();
            long[] jan1 = new long[y1 - y0 + 3];
            for (int k = 0; k < jan1.length; k++) {
                jan1[k] = LocalDate.of(y0 - 1 + k, 1, 1).toEpochDay() - s0;   // day index of 1 January of year y0-1+k
            }
            int nd = cubeLayers();
            float[] bt = nan(nd * npix), bf = nan(nd * npix);
            for (int p = 0; p < npix; p++) {
                hs[p] = b.hantsStatus()[p];
                double thaw = on[0][p];
                if (b.hantsStatus()[p] != Hants.OK || Double.isNaN(thaw)) {
                    continue;
                }
                DegreeDays.runningSums(b.daily(), ndays, npix, p, cumThaw, cumFreeze, cumNan);  // Nelson et al. (1997)
                long off = DegreeDays.onsetOffsetDays(thaw);    // thaw onset = 1 January + round(doy) − 1
                double st = 0, sf = 0;
                int years = 0;
                for (int k = 1; k + 1 < jan1.length; k++) {
                    long a = jan1[k] + off, e = jan1[k + 1] + off - 1;
                    if (a >= 0 && e < ndays && cumNan[(int) e + 1] == cumNan[(int) a]) {
                        st += cumThaw[(int) e + 1] - cumThaw[(int) a];
                        sf += cumFreeze[(int) e + 1] - cumFreeze[(int) a];
                        years++;
                    }
                }
                if (years > 0) {
                    addt[p] = (float) (st / years);
                    addf[p] = (float) (sf / years);
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
                    bt[q * npix + p] = (float) (cumThaw[(int) t + 1] - cumThaw[(int) a]);
                    bf[q * npix + p] = (float) (cumFreeze[(int) t + 1] - cumFreeze[(int) a]);
                }
            }
            Map<String, float[]> out = new HashMap<>();
            out.put("thawOnsetDoy", floats(on[0]));
            out.put("freezeOnsetDoy", floats(on[1]));
            out.put("addtMean", addt);
            out.put("addfMean", addf);
            out.put("hantsStatus", hs);
            if (nd > 0) {
                out.put(ADDT, bt);
                out.put(ADDF, bf);
            }
            return out;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    private static float[] nan(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    private static float[] floats(double[] v) {
        float[] a = new float[v.length];
        for (int q = 0; q < v.length; q++) {
            a[q] = (float) v[q];
        }
        return a;
    }
}
