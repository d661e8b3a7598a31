package org.permasar.pipeline.fit;

import java.io.Serializable;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * CPU time of each stage of {@code fit}, summed over the worker threads (thread CPU time, user + system, as
 * {@link ThreadMXBean#getCurrentThreadCpuTime} gives it), and what the JVM spent beside them while the step ran
 * (JIT compiling, garbage collection): where the time of a whole command goes, printed at its end. Thread-safe;
 * a copy sent to another JVM (Spark executors) counts there and is not reported.
 */
public final class StageTimes implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The stages, in the order of a block. */
    public enum Stage {
        READ_SERIES("read series"),
        TIME_FUNCTIONS("time functions + seasonality"),
        READ_LST("read LST"),
        HANTS_DAILY("HANTS + daily"),
        ONSETS("onsets"),
        DEGREE_DAYS("degree days"),
        KAPPA("κ profile"),
        FORCING("I + yearly max"),
        PECM_FIT("PECM fit");

        private final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

    private final AtomicLongArray nanos = new AtomicLongArray(Stage.values().length);

    /** Thread CPU time of the calling thread, ns (0 where the JVM does not measure it). */
    long now() {
        return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** Adds the calling thread's CPU time since {@code since} (a {@link #now()}) to {@code stage}; returns now. */
    long add(Stage stage, long since) {
        long t = now();
        nanos.addAndGet(stage.ordinal(), t - since);
        return t;
    }

    /** CPU seconds of a stage so far. */
    public double seconds(Stage stage) {
        return nanos.get(stage.ordinal()) / 1e9;
    }

    /** The JVM's JIT compiling and GC times so far, ms (−1 where unknown): a reading to subtract from a later one. */
    public static long[] jvmMillis() {
        CompilationMXBean c = ManagementFactory.getCompilationMXBean();
        long jit = c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : -1;
        long gc = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, b.getCollectionTime());
        }
        return new long[] {jit, gc};
    }

    /**
     * One line: the stages that ran, CPU seconds each, then the JVM's JIT compiling (compiler threads' time) and GC
     * (collection pauses, wall) since {@code jvmAtStart} ({@link #jvmMillis()} when the step started).
     */
    public String summary(long[] jvmAtStart) {
        StringJoiner j = new StringJoiner(", ");
        double total = 0;
        for (Stage s : Stage.values()) {
            double v = seconds(s);
            total += v;
            if (v > 0) {
                j.add(String.format(Locale.ROOT, "%s %.2f", s.label, v));
            }
        }
        long[] now = jvmMillis();
        String jvm = now[0] < 0 || jvmAtStart[0] < 0 ? ""
                : String.format(Locale.ROOT, "; beside them the JVM spent %.2f s compiling (JIT) and %.2f s in GC pauses",
                        (now[0] - jvmAtStart[0]) / 1e3, (now[1] - jvmAtStart[1]) / 1e3);
        return String.format(Locale.ROOT, "CPU s by stage, all threads: %s (%.2f in all)%s", j, total, jvm);
    }
}
