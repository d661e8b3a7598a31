package org.permasar.pipeline.fit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.permasar.permafrost.pecm.PecmDegreeDays;
import org.permasar.permafrost.pecm.PecmForcingBuilder;
import org.permasar.thermal.DailyScatter;
import org.permasar.thermal.FreezeThawOnsets;
import org.permasar.thermal.HantsParameters;
import org.permasar.thermal.SyntheticLst;

/**
 * Thread-CPU time per pixel of the per-day kernels of {@code fit --model pecm} (onsets, degree-day pass, forcing
 * with the yearly maximum of I) on the daily series that {@link LstDaily} makes from a scene's composites, as the fit
 * runs them on one block: the first {@code npix} pixels of a scene given as raw little-endian float32 composites in
 * kelvin, date-major, 368 dates from 1 January 2016 ({@code gdal_translate -of ENVI -co INTERLEAVE=BSQ lst_8day.tif
 * lst.raw}). A diagnosis, not a test; run with the test class path:
 * {@code java -cp ... org.permasar.pipeline.fit.PecmThermalTiming scene.raw [npix [rounds]]}.
 */
public final class PecmThermalTiming {

    private PecmThermalTiming() {
    }

    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path raw = java.nio.file.Path.of(args[0]);
        int npix = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        List<LocalDate> dates = SyntheticLst.dates(2016, 8);
        double offset = 3.5;
        float[] celsius = LstDailyTiming.scene(raw, dates.size(), npix);
        LstDaily ld = new LstDaily(dates, HantsParameters.lstDefaults(), offset);
        LstDaily.Block b = ld.daily(celsius, npix, true);
        int ndays = ld.days();
        double[] sd = new double[npix];
        for (int q = 0; q < npix; q++) {
            sd[q] = DailyScatter.dailyStd(b.compositeStd()[q], b.compositeLag1()[q], 8);
        }
        List<LocalDate> sar = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2016, 6, 1); d.isBefore(LocalDate.of(2022, 10, 1)); d = d.plusDays(12)) {
            sar.add(d);
        }
        double[] kappa = new double[npix];
        java.util.Arrays.fill(kappa, 1.3);
        int[] identity = new int[npix];
        java.util.Arrays.setAll(identity, q -> q);
        FreezeThawOnsets on = FreezeThawOnsets.defaults();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        String[] names = {"onsets (detectBlock)", "degree-day pass", "forcing (yearly max)"};
        double[][] t = new double[names.length][rounds];
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = mx.getCurrentThreadCpuTime();
            double[][] o = on.detectBlock(ld.start(), b.daily(), ndays, npix);
            long t1 = mx.getCurrentThreadCpuTime();
            PecmDegreeDays dd = PecmForcingBuilder.degreeDays(ld.start(), b.smooth(), ndays, npix, o[0], o[1], sar, sd);
            long t2 = mx.getCurrentThreadCpuTime();
            sink += PecmForcingBuilder.forcing(dd, kappa, ld.start(), b.smooth(), ndays, npix, identity, o[0], sd, sar)
                    .hashCode();
            long t3 = mx.getCurrentThreadCpuTime();
            t[0][r] = (t1 - t0) / 1e3 / npix;
            t[1][r] = (t2 - t1) / 1e3 / npix;
            t[2][r] = (t3 - t2) / 1e3 / npix;
        }
        System.out.printf("%d pixels, %d days, %d SAR dates, %d rounds (%d)%n", npix, ndays, sar.size(), rounds, sink & 1);
        for (int k = 0; k < names.length; k++) {
            double[] s = t[k].clone();
            java.util.Arrays.sort(s);
            System.out.printf("  %-22s median %7.2f µs/px, min %7.2f%n", names[k], s[s.length / 2], s[0]);
        }
    }
}
