package org.permasar.stack;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An input file that cannot be used: missing, truncated, of the wrong kind, or inconsistent.
 * The message names the file, the dataset (when there is one) and what was expected, so the
 * command line can print it as one line and exit with code 2.
 */
public class InvalidInputException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String dataset;

    public InvalidInputException(Path file, String dataset, String problem) {
        this(file, dataset, problem, null);
    }

    public InvalidInputException(Path file, String dataset, String problem, Throwable cause) {
        super(compose(file, dataset, problem), cause);
        this.file = file;
        this.dataset = dataset;
    }

    public InvalidInputException(Path file, String problem) {
        this(file, null, problem, null);
    }

    private static String compose(Path file, String dataset, String problem) {
        StringBuilder b = new StringBuilder();
        b.append(file == null ? "<input>" : file.toString());
        if (dataset != null && !dataset.isEmpty()) {
            b.append(" [").append(dataset).append(']');
        }
        b.append(": ").append(problem);
        // one line, as the command line prints it: text quoted from a damaged file may hold line breaks
        // and control characters (a GDAL metadata date that ran into the next XML line, found by the
        // reader fuzzer); they are shown as \n and U+FFFD
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c == '\n' || c == '\r') {
                b.replace(i, i + 1, c == '\n' ? "\\n" : "\\r");
                i++;
            } else if (Character.isISOControl(c) && c != '\t') {
                b.setCharAt(i, '\uFFFD');
            }
        }
        return b.toString();
    }

    /** The offending file, or null. */
    public Path file() {
        return file;
    }

    /** The offending dataset within the file, or null. */
    public String dataset() {
        return dataset;
    }
}
