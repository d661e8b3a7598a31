package org.permasar.pipeline.fit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.List;
import org.permasar.thermal.DailyInterpolation;
import org.permasar.thermal.DailyInterpolationReference;
import org.permasar.thermal.Hants;
import org.permasar.thermal.HantsParameters;
import org.permasar.thermal.HantsReference;
import org.permasar.thermal.SyntheticLst;

/**
 * Thread-CPU time per pixel of {@link LstDaily#daily} against the former implementation
 * ({@link LstDailyReference}) in one JVM, with the HANTS and daily-interpolation parts separately: 8 years of
 * MOD11A2 composites (368) of {@code npix} synthetic pixels ({@link SyntheticLst}), or of the first {@code npix}
 * pixels of a scene given as raw little-endian float32 composites in kelvin, date-major, 368 dates from 1 January 2016
 * (e.g. {@code gdal_translate -of ENVI -co INTERLEAVE=BSQ lst_8day.tif lst.raw}). Not a test; run with the test
 * class path:
 * {@code java -cp ... org.permasar.pipeline.fit.LstDailyTiming [npix [rounds [outlierRate [scene.raw]]]]}.
 */
public final class LstDailyTiming {

    private LstDailyTiming() {
    }

    public static void main(String[] args) throws java.io.IOException {
        int npix = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        double outlierRate = args.length > 2 ? Double.parseDouble(args[2]) : 0.1;
        List<LocalDate> dates = SyntheticLst.dates(2016, 8);
        double offset = 3.5;
        double[] t = SyntheticLst.times(dates, offset);
        float[] celsius = args.length > 3 ? scene(java.nio.file.Path.of(args[3]), t.length, npix)
                : SyntheticLst.composites(t, npix, 42L, outlierRate);
        HantsParameters par = HantsParameters.lstDefaults();
        LstDaily neu = new LstDaily(dates, par, offset);
        LstDailyReference old = new LstDailyReference(dates, par, offset);
        Hants hn = new Hants(par, t);
        HantsReference ho = new HantsReference(par, t);
        double[] q = new double[neu.days()];
        for (int k = 0; k < q.length; k++) {
            q[k] = k;
        }
        Hants.Result hr = hn.fill(celsius, npix);
        long rej = 0;
        int bad = 0;
        for (int p = 0; p < npix; p++) {
            rej += hr.rejected()[p];
            bad += hr.status()[p] != Hants.OK ? 1 : 0;
        }
        System.out.printf("%d pixels x %d composites, %d days; mean rejections %.2f, %d pixels unsolved%n",
                npix, t.length, q.length, rej / (double) npix, bad);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        float[] complete = hr.filled().clone();          // the HANTS output without its unsolved (NaN) pixels
        for (int k = 0; k < complete.length; k++) {
            complete[k] = complete[k] == complete[k] ? complete[k] : 0f;
        }
        String[] names = {"LstDaily.daily old", "LstDaily.daily new", "Hants.fill old", "Hants.fill new",
            "interpolateBlock old", "interpolateBlock new", "interp. no NaN old", "interp. no NaN new"};
        double[] best = new double[names.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (int w = 0; w < names.length; w++) {
                long t0 = mx.getCurrentThreadCpuTime();
                Object o = switch (w) {
                    case 0 -> old.daily(celsius, npix);
                    case 1 -> neu.daily(celsius, npix);
                    case 2 -> ho.fill(celsius, npix);
                    case 3 -> hn.fill(celsius, npix);
                    case 4 -> DailyInterpolationReference.interpolateBlock(t, hr.filled(), npix, q);
                    case 5 -> DailyInterpolation.interpolateBlock(t, hr.filled(), npix, q);
                    case 6 -> DailyInterpolationReference.interpolateBlock(t, complete, npix, q);
                    default -> DailyInterpolation.interpolateBlock(t, complete, npix, q);
                };
                long t1 = mx.getCurrentThreadCpuTime();
                sink += o.hashCode();
                best[w] = Math.min(best[w], (t1 - t0) / 1e3 / npix);
            }
        }
        for (int w = 0; w < names.length; w++) {
            System.out.printf("%-22s %8.2f us/pixel (best of %d)%n", names[w], best[w], rounds);
        }
        System.out.println(sink == 42 ? "" : "done");
    }

    /** The first npix pixels of each of n date bands of a raw float32 scene in kelvin, in °C. */
    static float[] scene(java.nio.file.Path raw, int n, int npix) throws java.io.IOException {
        java.nio.FloatBuffer all = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(raw))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        int scenePixels = all.capacity() / n;
        if (npix > scenePixels) {
            throw new IllegalArgumentException("the scene has " + scenePixels + " pixels per date, asked " + npix);
        }
        float[] c = new float[n * npix];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < npix; p++) {
                c[i * npix + p] = (float) (all.get(i * scenePixels + p) - 273.15);
            }
        }
        return c;
    }
}
