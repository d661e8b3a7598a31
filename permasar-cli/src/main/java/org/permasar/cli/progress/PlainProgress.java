package org.permasar.cli.progress;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.permasar.progress.Progress;

/**
 * Progress as plain log lines, for logs and CI where there is no terminal: no ANSI codes and
 * no carriage returns, one line per event, e.g.
 * <pre>
 *   invert: started (100000 pixels)
 *   invert: 40% (40000/100000 pixels, 12 500 pixels/s, ETA 5 s)
 *   invert: done, 100000 pixels in 8.0 s (12 500 pixels/s)
 * </pre>
 * A progress line is written when the task crosses a multiple of 10 % or, failing that, when
 * at least 5 s have passed since the previous line and work was done meanwhile. The rate is
 * the average since {@link #start}; ETA = remaining units / rate, rounded up to a second.
 *
 * <p>Thread-safe: all methods synchronise on this object; call {@link #step} once per block,
 * not per pixel.
 */
public final class PlainProgress implements Progress {
    /** Seconds between time-driven lines when no 10 % boundary is crossed. */
    static final long INTERVAL_NANOS = 5_000_000_000L;

    private final Consumer<String> sink;
    private final LongSupplier clock;
    private String task;
    private String unit;
    private long total;
    private long done;
    private long startNanos;
    private long lastLineNanos;
    private long lastLineDone;
    private int lastDecile;
    private boolean active;

    /**
     * @param sink  receives each line (without line terminator), e.g. {@code System.err::println}
     * @param clock monotonic nanoseconds, e.g. {@code System::nanoTime}
     */
    public PlainProgress(Consumer<String> sink, LongSupplier clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void start(String taskName, long totalUnits, String unitName) {
        task = taskName == null || taskName.isBlank() ? "task" : taskName;
        unit = unitName == null || unitName.isBlank() ? "units" : unitName;
        total = totalUnits;
        done = 0;
        startNanos = clock.getAsLong();
        lastLineNanos = startNanos;
        lastLineDone = 0;
        lastDecile = 0;
        active = true;
        sink.accept(task + ": started" + (total > 0 ? " (" + total + " " + unit + ")" : ""));
    }

    @Override
    public synchronized void step(long n) {
        if (!active || n <= 0) {
            return;
        }
        done += n;
        long now = clock.getAsLong();
        int decile = total > 0 ? (int) Math.min(10, done * 10 / total) : 0;
        if (decile > lastDecile || (now - lastLineNanos >= INTERVAL_NANOS && done > lastLineDone)) {
            lastDecile = Math.max(lastDecile, decile);
            lastLineNanos = now;
            lastLineDone = done;
            sink.accept(line(now));
        }
    }

    /** The progress line at time {@code now}. */
    private String line(long now) {
        double seconds = (now - startNanos) * 1e-9;
        StringBuilder b = new StringBuilder(task).append(": ");
        if (total > 0) {
            b.append(Math.min(100, done * 100 / total)).append("% (").append(done).append('/').append(total);
        } else {
            b.append('(').append(done);
        }
        b.append(' ').append(unit);
        if (seconds > 0) {
            double rate = done / seconds;
            b.append(", ").append(rate(rate)).append(' ').append(unit).append("/s");
            if (total > 0) {
                b.append(", ETA ").append(duration(Math.ceil(Math.max(0, total - done) / rate)));
            }
        }
        return b.append(')').toString();
    }

    @Override
    public synchronized void close() {
        if (!active) {
            return;
        }
        active = false;
        double seconds = (clock.getAsLong() - startNanos) * 1e-9;
        StringBuilder b = new StringBuilder(task).append(": done, ").append(done).append(' ').append(unit)
                .append(" in ").append(String.format(java.util.Locale.ROOT, "%.1f s", seconds));
        if (seconds > 0) {
            b.append(" (").append(rate(done / seconds)).append(' ').append(unit).append("/s)");
        }
        sink.accept(b.toString());
    }

    /**
     * A rate for humans: one decimal below 10, whole numbers below 1000, three significant
     * digits above, thousands grouped with a space ("12 300").
     */
    static String rate(double r) {
        if (!Double.isFinite(r)) {
            return "?";
        }
        if (r < 10) {
            return String.format(java.util.Locale.ROOT, "%.1f", r);
        }
        long v = Math.round(r);
        if (v >= 1000) {
            double scale = Math.pow(10, Math.floor(Math.log10(v)) - 2);
            v = Math.round(Math.round(v / scale) * scale);
        }
        return grouped(v);
    }

    /** Digits grouped by three with a plain space, e.g. 1234567 → "1 234 567". */
    static String grouped(long v) {
        String s = Long.toString(Math.abs(v));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && (s.length() - i) % 3 == 0) {
                b.append(' ');
            }
            b.append(s.charAt(i));
        }
        return (v < 0 ? "-" : "") + b;
    }

    /** A duration in whole seconds: "5 s", "3 min 20 s", "2 h 05 min". */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = (long) Math.ceil(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + String.format(java.util.Locale.ROOT, "%02d", (s % 3600) / 60) + " min";
    }
}
