package org.permasar.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.permasar.io.AtomicFiles;

/**
 * Runs a command as a child process and measures it whole, as {@code /usr/bin/time -v} would:
 * wall-clock time from exec to exit and the peak resident set size of the child (the largest of
 * its process tree's waited-for processes). Three meters, the first that works on this machine:
 * <ol>
 *   <li>{@code /usr/bin/time -f "%e %M"} (GNU time: elapsed seconds, max RSS in KiB);</li>
 *   <li>a few lines of {@code /usr/bin/python3}: {@code time.perf_counter()} around
 *       {@code subprocess.call} and {@code resource.getrusage(RUSAGE_CHILDREN).ru_maxrss} (KiB on Linux);</li>
 *   <li>in Java: {@code System.nanoTime()} around the process and its {@code VmHWM} from
 *       {@code /proc/PID/status} polled every 20 ms (a lower bound: growth in the last 20 ms is
 *       missed), or no RSS at all where there is no {@code /proc}.</li>
 * </ol>
 * The child's stdout and stderr go to a log file. Immutable and thread-safe (each run is its own
 * process).
 */
final class ChildMeter {
    static final String GNU_TIME = "/usr/bin/time";
    static final String PYTHON = "/usr/bin/python3";
    private static final String RUSAGE_SCRIPT = String.join("\n",
            "import resource, subprocess, sys, time",
            "t = time.perf_counter()",
            "rc = subprocess.call(sys.argv[2:])",
            "w = time.perf_counter() - t",
            "open(sys.argv[1], 'w').write('%.3f %d\\n' % (w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))",
            "sys.exit(rc if rc >= 0 else 128 - rc)");

    /** How a run was measured. */
    enum Kind {
        GNU_TIME("/usr/bin/time (GNU time %e, %M)"),
        PYTHON_RUSAGE("python3 resource.getrusage(RUSAGE_CHILDREN).ru_maxrss"),
        PROC_POLL("VmHWM of /proc/PID/status polled every 20 ms (lower bound)");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    /**
     * One measured run.
     *
     * @param wallSeconds wall-clock seconds of the child, start to exit
     * @param peakRssKiB  peak resident set size in KiB, or −1 when it could not be measured
     * @param exitCode    the child's exit status
     * @param log         its stdout and stderr
     */
    record Measurement(double wallSeconds, long peakRssKiB, int exitCode, Path log) {
        double peakRssMb() {
            return peakRssKiB < 0 ? Double.NaN : peakRssKiB * 1024 / 1e6;
        }
    }

    private final Kind kind;

    private ChildMeter(Kind kind) {
        this.kind = kind;
    }

    /** The first meter that works here (each candidate is tried on {@code true}). */
    static ChildMeter detect() {
        for (Kind k : new Kind[] {Kind.GNU_TIME, Kind.PYTHON_RUSAGE}) {
            ChildMeter m = new ChildMeter(k);
            try {
                Path dir = Files.createTempDirectory("permasar-meter");
                try {
                    Measurement r = m.run(List.of("true"), dir, dir.resolve("probe.log"), Map.of(), 60);
                    if (r.exitCode() == 0 && r.wallSeconds() >= 0 && r.peakRssKiB() > 0) {
                        return m;
                    }
                } finally {
                    AtomicFiles.deleteRecursively(dir);
                }
            } catch (IOException | RuntimeException e) {
                // try the next meter
            }
        }
        return new ChildMeter(Kind.PROC_POLL);
    }

    /** A meter of the given kind, whether or not it works here (for tests). */
    static ChildMeter of(Kind kind) {
        return new ChildMeter(kind);
    }

    Kind kind() {
        return kind;
    }

    /**
     * Runs {@code command} in {@code dir} with {@code env} added to this process's environment,
     * its output to {@code log}; waits at most {@code timeoutSeconds}, then kills its process tree.
     *
     * @throws IOException when it cannot be started, times out, or the meter's figures are unreadable
     */
    Measurement run(List<String> command, Path dir, Path log, Map<String, String> env, long timeoutSeconds)
            throws IOException {
        Files.createDirectories(dir);
        Path stats = Files.createTempFile(dir, ".meter", ".txt");
        try {
            List<String> cmd = new ArrayList<>();
            switch (kind) {
                case GNU_TIME -> cmd.addAll(List.of(GNU_TIME, "-f", "%e %M", "-o", stats.toString()));
                case PYTHON_RUSAGE -> cmd.addAll(List.of(PYTHON, "-c", RUSAGE_SCRIPT, stats.toString()));
                case PROC_POLL -> { }
                default -> throw new IllegalStateException(kind.toString());
            }
            cmd.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            long hwm = -1;
            try {
                while (!p.waitFor(kind == Kind.PROC_POLL ? 20 : 200, TimeUnit.MILLISECONDS)) {
                    if (kind == Kind.PROC_POLL) {
                        hwm = Math.max(hwm, vmHwmKiB(p.pid()));
                    }
                    if (System.nanoTime() - t0 > timeoutSeconds * 1_000_000_000L) {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                        throw new IOException(String.join(" ", command) + ": still running after " + timeoutSeconds
                                + " s, killed (see " + log + ")");
                    }
                }
            } catch (InterruptedException e) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while timing " + command.get(0), e);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            if (kind == Kind.PROC_POLL) {
                return new Measurement(wall, hwm, p.exitValue(), log);
            }
            String text = Files.readString(stats).trim();
            String[] f = text.isEmpty() ? new String[0] : text.split("\\s+");
            if (f.length < 2) {
                // GNU time writes "Command exited with non-zero status N" first; the figures are the last line
                throw new IOException(kind.description + ": no figures for " + String.join(" ", command) + " (exit "
                        + p.exitValue() + ", got '" + text + "'; see " + log + ")");
            }
            try {
                return new Measurement(Double.parseDouble(f[f.length - 2]), Long.parseLong(f[f.length - 1]),
                        p.exitValue(), log);
            } catch (NumberFormatException e) {
                throw new IOException(kind.description + ": unreadable figures '" + text + "'", e);
            }
        } finally {
            Files.deleteIfExists(stats);
        }
    }

    /** The process's peak RSS so far in KiB ({@code VmHWM}), or −1 when unreadable (gone, or no /proc). */
    static long vmHwmKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public String toString() {
        return kind.description;
    }
}
