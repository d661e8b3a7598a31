package org.permasar.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.permasar.permafrost.pecm.PecmFit;
import org.permasar.permafrost.pecm.PecmForcing;
import org.permasar.permafrost.pecm.PecmForcingBuilder;

/**
 * PECM throughput: the per-pixel 2×2 least squares for 150 SAR dates, and the forcing builder over
 * ~5 years of daily temperature. Fixed seed 42. Pixels/s = pixels / (time per op).
 * Run: {@code java -jar permasar-bench/target/benchmarks.jar PecmBench -t 1} (and {@code -t 2}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PecmBench {

    @Param({"20000"})
    public int pixels;

    private PecmForcing forcing;
    private float[] displacement;
    private float[] daily;
    private int ndays;
    private double[] thaw;
    private double[] freeze;
    private List<LocalDate> dates;
    private final LocalDate start = LocalDate.of(2015, 1, 1);

    @Setup(Level.Trial)
    public void setup() {
        Random rnd = new Random(42);
        dates = new ArrayList<>();
        LocalDate d = LocalDate.of(2015, 6, 1);
        for (int i = 0; i < 150; i++) {
            dates.add(d);
            d = d.plusDays(12);
        }
        ndays = (int) (d.plusDays(400).toEpochDay() - start.toEpochDay());
        daily = new float[ndays * pixels];
        thaw = new double[pixels];
        freeze = new double[pixels];
        for (int p = 0; p < pixels; p++) {
            thaw[p] = 110 + rnd.nextInt(30);
            freeze[p] = 270 + rnd.nextInt(30);
        }
        for (int k = 0; k < ndays; k++) {
            double seasonal = -4 + 14 * Math.sin(2 * Math.PI * (k - 110) / 365.25);
            for (int p = 0; p < pixels; p++) {
                daily[k * pixels + p] = (float) (seasonal + 3 * rnd.nextGaussian());
            }
        }
        forcing = PecmForcingBuilder.build(start, daily, ndays, pixels, thaw, freeze, dates, 1.2);
        displacement = new float[150 * pixels];
        for (int i = 0; i < 150; i++) {
            for (int p = 0; p < pixels; p++) {
                int o = i * pixels + p;
                displacement[o] = (float) (-0.01 * forcing.linear()[o] - 0.002 * forcing.seasonal()[o]
                        + 0.005 * rnd.nextGaussian());
            }
        }
    }

    /** 2×2 normal equations per pixel, 150 dates. */
    @Benchmark
    public PecmFit.Result fit() {
        return PecmFit.fit(forcing, displacement, 0);
    }

    /** L(τ), I(τ) with closure from ~6.3 years of daily temperatures, then the fit. */
    @Benchmark
    public PecmFit.Result buildAndFit() {
        return PecmFit.fit(PecmForcingBuilder.build(start, daily, ndays, pixels, thaw, freeze, dates, 1.2),
                displacement, 0);
    }
}
