package org.permasar.cli.progress;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.permasar.progress.Progress;

/**
 * The command line's {@link Progress}: a live bar with rate and ETA on stderr when there is a
 * terminal (me.tongfei progressbar), plain log lines when there is not (CI, redirected
 * output; see {@link PlainProgress}), or nothing. {@link #create()} picks the mode; the
 * environment variable {@code PERMASAR_PROGRESS = bar | plain | none} overrides it.
 *
 * <p>Thread-safe: blocks may report from many threads.
 */
public final class ConsoleProgress implements Progress {
    /** Environment variable that forces a mode. */
    public static final String ENV = "PERMASAR_PROGRESS";

    /** How progress is shown. */
    public enum Mode {
        /** Redrawn bar on stderr (needs a terminal). */
        BAR,
        /** Plain lines on stderr, at most every 10 % or 5 s. */
        PLAIN,
        /** Silent. */
        NONE
    }

    private final Mode mode;
    private final PlainProgress plain;
    private ProgressBar bar;
    /** The real stderr while a bar is shown (System.err is then an {@link AboveBarStream} over it). */
    private PrintStream terminal;

    private ConsoleProgress(Mode mode, PlainProgress plain) {
        this.mode = mode;
        this.plain = plain;
    }

    /** Mode from {@code $PERMASAR_PROGRESS}, else BAR with a console and PLAIN without. */
    public static ConsoleProgress create() {
        return of(chooseMode(System.getenv(ENV), System.console() != null));
    }

    /** A reporter of the given mode writing to stderr. */
    public static ConsoleProgress of(Mode mode) {
        return new ConsoleProgress(mode, mode == Mode.PLAIN ? new PlainProgress(System.err::println, System::nanoTime)
                : null);
    }

    /** Plain mode writing to {@code sink} with clock {@code nanoClock} (for tests and log capture). */
    public static ConsoleProgress plain(Consumer<String> sink, LongSupplier nanoClock) {
        return new ConsoleProgress(Mode.PLAIN, new PlainProgress(sink, nanoClock));
    }

    /**
     * The mode for a value of {@code $PERMASAR_PROGRESS} (null or blank = automatic).
     *
     * @throws IllegalArgumentException for any other value than bar, plain, none
     */
    public static Mode chooseMode(String env, boolean hasConsole) {
        if (env == null || env.isBlank()) {
            return hasConsole ? Mode.BAR : Mode.PLAIN;
        }
        return switch (env.trim().toLowerCase(Locale.ROOT)) {
            case "bar" -> Mode.BAR;
            case "plain" -> Mode.PLAIN;
            case "none" -> Mode.NONE;
            default -> throw new IllegalArgumentException(ENV + " must be bar, plain or none, got \"" + env + "\"");
        };
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public void start(String task, long total, String unit) {
        switch (mode) {
            case PLAIN -> plain.start(task, total, unit);
            case BAR -> startBar(task, total, unit);
            default -> { }
        }
    }

    private synchronized void startBar(String task, long total, String unit) {
        if (bar != null) {
            bar.close();
        }
        if (terminal == null) {
            // log lines (slf4j-simple writes to System.err as it is at each line) go above the bar
            terminal = System.err;
            System.setErr(new PrintStream(new AboveBarStream(terminal), true, StandardCharsets.UTF_8));
        }
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total > 0 ? total : -1)
                .setUnit(" " + (unit == null ? "" : unit), 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(terminal))
                .build();
    }

    @Override
    public void step(long n) {
        switch (mode) {
            case PLAIN -> plain.step(n);
            case BAR -> {
                ProgressBar b;
                synchronized (this) {
                    b = bar;
                }
                if (b != null) {
                    b.stepBy(n); // ProgressBar's state is synchronised
                }
            }
            default -> { }
        }
    }

    @Override
    public void close() {
        switch (mode) {
            case PLAIN -> plain.close();
            case BAR -> {
                synchronized (this) {
                    if (bar != null) {
                        bar.close();
                        bar = null;
                    }
                    if (terminal != null) {
                        System.err.flush();
                        System.setErr(terminal);
                        terminal = null;
                    }
                }
            }
            default -> { }
        }
    }
}
