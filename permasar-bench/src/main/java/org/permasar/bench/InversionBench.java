package org.permasar.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.permasar.inversion.InversionInput;
import org.permasar.inversion.InversionParameters;
import org.permasar.inversion.InversionResult;
import org.permasar.inversion.TimeSeriesInversion;
import org.permasar.network.Network;

/**
 * SBAS inversion of one block (145 dates, 825 pairs, 2048 pixels; fixed seed), one thread.
 * Score = seconds per block; pixels/s = 2048 / score.
 * Run: {@code java -jar permasar-bench/target/benchmarks.jar InversionBench}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class InversionBench {
    private static final int PIXELS = 2048;

    /** Fraction of NaN pair values (0: every pixel takes the shared-operator path of l2). */
    @Param({"0.0", "0.02"})
    public double nanFraction;

    private InversionInput input;
    private TimeSeriesInversion l2;
    private TimeSeriesInversion wlsVar;
    private TimeSeriesInversion l1;
    private InversionResult out;

    @Setup
    public void setup() {
        Network net = InversionStacks.network(145, 5);
        float[][] blk = InversionStacks.block(net, PIXELS, nanFraction, 42L);
        input = InversionInput.of(blk[0], blk[1], PIXELS);
        l2 = TimeSeriesInversion.create(net, "l2");
        wlsVar = TimeSeriesInversion.create(net, InversionParameters.of("wls").withLooks(5));
        l1 = TimeSeriesInversion.create(net, "l1");
        out = new InversionResult(net.dateCount(), PIXELS);
    }

    @Benchmark
    public InversionResult l2() {
        l2.invert(input, 0, PIXELS, out);
        return out;
    }

    @Benchmark
    public InversionResult wlsVar() {
        wlsVar.invert(input, 0, PIXELS, out);
        return out;
    }

    @Benchmark
    public InversionResult l1() {
        l1.invert(input, 0, PIXELS, out);
        return out;
    }
}
