package org.permasar.cli.progress;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The stderr that log lines go through while a progress bar is drawn on the terminal: every line
 * starts with a carriage return and "erase line" (ANSI {@code ESC[2K}), so a log line replaces the
 * bar's half-drawn line instead of being appended to it, and the bar is redrawn below it at its
 * next update. The bar itself writes to the underlying stream. Not used without a terminal.
 */
final class AboveBarStream extends FilterOutputStream {
    static final byte[] CLEAR = "\r\u001b[2K".getBytes(StandardCharsets.US_ASCII);
    private boolean lineStart = true;

    AboveBarStream(OutputStream terminal) {
        super(terminal);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (lineStart) {
            out.write(CLEAR);
        }
        out.write(b);
        lineStart = b == '\n';
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int start = off, end = off + len;
        for (int i = off; i < end; i++) {
            if (lineStart) {
                out.write(b, start, i - start);
                out.write(CLEAR);
                start = i;
            }
            lineStart = b[i] == '\n';
        }
        out.write(b, start, end - start);
    }
}
