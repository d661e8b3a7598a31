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
import org.permasar.hazard.SlumpSeriesClassifier;

/**
 * Thaw-slump classes ({@link SlumpSeriesClassifier}, annual term fitted jointly): 10 000 series of 119 dates 12 days
 * apart, a third each stable, abrupt thaw (Δv 15–35 mm/yr) and linear subsidence, an annual sinusoid of 5–15 mm, σ
 * 2 mm; fixed seed 20261207. One op classes all series.
 * Run: {@code java -jar permasar-bench/target/benchmarks.jar SlumpBench -t 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SlumpBench {

    @Param({"10000"})
    public int series;

    private List<LocalDate> dates;
    private double[][] y;
    private SlumpSeriesClassifier classifier;

    @Setup(Level.Trial)
    public void setup() {
        Random rnd = new Random(20261207L);
        int nd = 119;
        dates = new ArrayList<>();
        for (int i = 0; i < nd; i++) {
            dates.add(LocalDate.of(2019, 1, 1).plusDays(12L * i));
        }
        y = new double[series][nd];
        for (int s = 0; s < series; s++) {
            int cls = s % 3;
            double v1 = cls == 2 ? -8 - 27 * rnd.nextDouble() : -3 + 6 * rnd.nextDouble();
            double dv = cls == 1 ? -15 - 20 * rnd.nextDouble() : 0;
            double tb = 12.0 * nd / 365.25 * (0.2 + 0.6 * rnd.nextDouble());
            double amp = 5 + 10 * rnd.nextDouble(), phase = 2 * Math.PI * rnd.nextDouble();
            for (int i = 0; i < nd; i++) {
                double t = 12.0 * i / 365.25;
                y[s][i] = v1 * t + dv * Math.max(0, t - tb) + amp * Math.sin(2 * Math.PI * t + phase) + 2 * rnd.nextGaussian();
            }
        }
        classifier = SlumpSeriesClassifier.millimetreDefaults().withAnnual(true);
    }

    /** Classes every series; returns the abrupt count so the work is not eliminated. */
    @Benchmark
    public int classify() {
        int abrupt = 0;
        for (double[] s : y) {
            abrupt += classifier.classify(dates, s).kind() == SlumpSeriesClassifier.Kind.ABRUPT_THAW ? 1 : 0;
        }
        return abrupt;
    }
}
