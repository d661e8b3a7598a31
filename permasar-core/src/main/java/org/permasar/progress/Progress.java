package org.permasar.progress;

/**
 * Progress of a long task, reported by the science and I/O code and drawn by the edges (a bar
 * on a terminal, plain lines in logs). Implementations must be thread-safe: blocks finish on
 * many threads.
 */
public interface Progress extends AutoCloseable {

    /** Starts a task of {@code total} units (pixels, blocks, pairs); replaces any previous task. */
    void start(String task, long total, String unit);

    /** Adds {@code n} finished units. */
    void step(long n);

    /** Ends the current task. */
    @Override
    void close();

    /** A sink that reports nothing. */
    Progress NONE = new Progress() {
        @Override public void start(String task, long total, String unit) { }
        @Override public void step(long n) { }
        @Override public void close() { }
    };
}
