package org.permasar.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.permasar.permafrost.pecm.PecmDegreeDays;
import org.permasar.permafrost.pecm.PecmForcingBuilder;
import org.permasar.thermal.FreezeThawOnsets;

/**
 * Timing of the per-day kernels of the PECM thermal chain on a realistic block (8 years of days, 10 000 pixels),
 * a diagnosis, not a test: {@code java -cp … org.permasar.bench.ThermalKernelTiming [pixels] [reps]}. Prints µs
 * of CPU per pixel of each kernel (thread CPU time, median of the repetitions).
 */
public final class ThermalKernelTiming {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private ThermalKernelTiming() {
    }

    public static void main(String[] args) {
        int npix = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        LocalDate start = LocalDate.of(2015, 1, 1);
        int ndays = 8 * 365 + 2;
        SplittableRandom rng = new SplittableRandom(1);
        float[] daily = new float[ndays * npix];
        double[] sd = new double[npix];
        for (int p = 0; p < npix; p++) {
            double mean = -6 + 4 * rng.nextDouble(), amp = 10 + 8 * rng.nextDouble();
            for (int k = 0; k < ndays; k++) {
                daily[k * npix + p] = (float) (mean - amp * Math.cos(2 * Math.PI * (k - 15) / 365.25)
                        + 1.5 * Math.sin(4 * Math.PI * k / 365.25));
            }
            sd[p] = 2 + rng.nextDouble();
        }
        List<LocalDate> sar = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2015, 6, 1); d.isBefore(LocalDate.of(2022, 10, 1)); d = d.plusDays(18)) {
            sar.add(d);
        }
        FreezeThawOnsets on = FreezeThawOnsets.defaults();
        double[] kappa = new double[npix];
        java.util.Arrays.fill(kappa, 1.3);
        int[] identity = new int[npix];
        java.util.Arrays.setAll(identity, q -> q);
        double[][] t = new double[3][reps];
        for (int r = 0; r < reps; r++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            double[][] o = on.detectBlock(start, daily, ndays, npix);
            long t1 = CPU.getCurrentThreadCpuTime();
            PecmDegreeDays dd = PecmForcingBuilder.degreeDays(start, daily, ndays, npix, o[0], o[1], sar, sd);
            long t2 = CPU.getCurrentThreadCpuTime();
            PecmForcingBuilder.forcing(dd, kappa, start, daily, ndays, npix, identity, o[0], sd, sar);
            long t3 = CPU.getCurrentThreadCpuTime();
            t[0][r] = (t1 - t0) / 1e3 / npix;
            t[1][r] = (t2 - t1) / 1e3 / npix;
            t[2][r] = (t3 - t2) / 1e3 / npix;
        }
        String[] names = {"onsets (detectBlock)", "degree-day pass", "forcing (yearly max)"};
        for (int i = 0; i < 3; i++) {
            java.util.Arrays.sort(t[i]);
            System.out.printf("%-22s %8.2f us/px (min %.2f) %s%n", names[i], t[i][reps / 2], t[i][0], java.util.Arrays.toString(t[i]));
        }
    }
}
