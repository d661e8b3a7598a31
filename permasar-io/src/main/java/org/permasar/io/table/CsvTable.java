package org.permasar.io.table;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.permasar.io.TextFiles;
import org.permasar.stack.InvalidInputException;

/**
 * A small delimited text table as the station and site files come: a header line of column names,
 * then rows. Lines starting with {@code #} and blank lines are skipped; a UTF-8 byte-order mark is
 * dropped; the delimiter is a comma, or a semicolon / tab when the header has no comma. Fields are
 * trimmed and may be double-quoted (no embedded delimiters inside quotes beyond the simple case).
 * Immutable after reading; whole file in memory (station files are a few MB at most).
 */
public final class CsvTable {
    private final Path file;
    private final List<String> columns;
    private final List<String[]> rows;
    private final int[] lineNumbers;

    private CsvTable(Path file, List<String> columns, List<String[]> rows, int[] lineNumbers) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
        this.lineNumbers = lineNumbers;
    }

    /** Reads {@code file}; throws {@link InvalidInputException} when it is missing, empty or ragged. */
    public static CsvTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such table file");
        }
        List<String> header = null;
        String delim = ",";
        List<String[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader r = TextFiles.reader(file)) {
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (no == 1) {
                    line = line.replace("\uFEFF", "");
                }
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (header == null) {
                    delim = t.contains(",") ? "," : t.contains(";") ? ";" : "\t";
                    header = List.of(split(t, delim));
                    continue;
                }
                String[] f = split(line, delim);
                if (f.length < header.size()) {
                    // trailing empty cells may be dropped by some writers: pad
                    String[] g = new String[header.size()];
                    System.arraycopy(f, 0, g, 0, f.length);
                    for (int i = f.length; i < g.length; i++) {
                        g[i] = "";
                    }
                    f = g;
                } else if (f.length > header.size()) {
                    throw new InvalidInputException(file, "line " + no + ": " + f.length + " fields, but the header "
                            + header + " has " + header.size());
                }
                rows.add(f);
                lines.add(no);
            }
        }
        if (header == null) {
            throw new InvalidInputException(file, "empty table: expected a header line of column names");
        }
        int[] ln = new int[lines.size()];
        for (int i = 0; i < ln.length; i++) {
            ln[i] = lines.get(i);
        }
        return new CsvTable(file, header, rows, ln);
    }

    private static String[] split(String line, String delim) {
        String[] f = line.split(delim.equals("\t") ? "\t" : delim, -1);
        for (int i = 0; i < f.length; i++) {
            String s = f[i].trim();
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                s = s.substring(1, s.length() - 1).trim();
            }
            f[i] = s;
        }
        return f;
    }

    public Path file() {
        return file;
    }

    public List<String> columns() {
        return columns;
    }

    public int rowCount() {
        return rows.size();
    }

    /** Raw trimmed cell. */
    public String cell(int row, int col) {
        return rows.get(row)[col];
    }

    /** Line number in the file of data row {@code row}, for messages. */
    public int lineOf(int row) {
        return lineNumbers[row];
    }

    /** Index of the first column whose name equals one of {@code names} (case-insensitive), or −1. */
    public int find(String... names) {
        for (String n : names) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).toLowerCase(Locale.ROOT).equals(n.toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Like {@link #find} but throws naming the file and the columns found. */
    public int require(String what, String... names) throws InvalidInputException {
        int i = find(names);
        if (i < 0) {
            throw new InvalidInputException(file, "no " + what + " column: expected one of " + List.of(names)
                    + ", found " + columns);
        }
        return i;
    }

    /**
     * Number in a cell: empty, {@code NA}, {@code NaN}, {@code null} or one of {@code missingCodes}
     * give NaN; anything else unparseable throws naming file, line and column.
     */
    public double number(int row, int col, double... missingCodes) throws InvalidInputException {
        String s = cell(row, col);
        if (s.isEmpty() || s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("NaN") || s.equalsIgnoreCase("null")) {
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, columns.get(col), "line " + lineOf(row) + ": '" + s
                    + "' is not a number");
        }
        for (double m : missingCodes) {
            if (v == m) {
                return Double.NaN;
            }
        }
        return v;
    }
}
