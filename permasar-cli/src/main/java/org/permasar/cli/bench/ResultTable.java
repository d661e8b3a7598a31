package org.permasar.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.permasar.io.AtomicFiles;

/**
 * A table of benchmark results as text: a Markdown pipe table (printed, and pasteable into the
 * README), CSV (RFC 4180 quoting) and JSON (an array of objects keyed by the header; cells that
 * parse as finite numbers are written as numbers, empty cells as null). Mutable: rows are added
 * one by one; not thread-safe.
 */
final class ResultTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    ResultTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row of exactly one cell per column. */
    void add(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header " + header.size() + ": " + cells);
        }
        rows.add(List.copyOf(cells));
    }

    List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** {@code v} with {@code digits} decimals, or "" when NaN. */
    static String num(double v, int digits) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    /** Markdown pipe table, columns padded to their widest cell. */
    String markdown() {
        int[] w = new int[header.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = Math.max(3, header.get(c).length());
            for (List<String> r : rows) {
                w[c] = Math.max(w[c], r.get(c).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, header, w);
        List<String> rule = new ArrayList<>();
        for (int width : w) {
            rule.add("-".repeat(width));
        }
        line(b, rule, w);
        for (List<String> r : rows) {
            line(b, r, w);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells, int[] w) {
        b.append('|');
        for (int c = 0; c < w.length; c++) {
            String s = cells.get(c).isEmpty() ? "—" : cells.get(c);
            b.append(' ').append(s).append(" ".repeat(Math.max(0, w[c] - s.length()))).append(" |");
        }
        b.append('\n');
    }

    String csv() {
        StringBuilder b = new StringBuilder();
        csvLine(b, header);
        for (List<String> r : rows) {
            csvLine(b, r);
        }
        return b.toString();
    }

    private static void csvLine(StringBuilder b, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            String s = cells.get(c);
            if (c > 0) {
                b.append(',');
            }
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                b.append(s);
            }
        }
        b.append('\n');
    }

    String json() {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < rows.size(); i++) {
            b.append("  {");
            for (int c = 0; c < header.size(); c++) {
                b.append(c > 0 ? ", " : "").append(quote(header.get(c))).append(": ").append(jsonValue(rows.get(i).get(c)));
            }
            b.append(i + 1 < rows.size() ? "},\n" : "}\n");
        }
        return b.append("]\n").toString();
    }

    private static String jsonValue(String s) {
        if (s.isEmpty()) {
            return "null";
        }
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v) && !s.endsWith("d") && !s.endsWith("f") && !s.endsWith("D") && !s.endsWith("F")) {
                return s;
            }
        } catch (NumberFormatException e) {
            // a string
        }
        return quote(s);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Writes {@code base.md}, {@code base.csv} and {@code base.json} in {@code dir} (atomic each). */
    void write(Path dir, String base, String preamble) throws IOException {
        Files.createDirectories(dir);
        writeText(dir.resolve(base + ".md"), preamble + "\n" + markdown());
        writeText(dir.resolve(base + ".csv"), csv());
        writeText(dir.resolve(base + ".json"), json());
    }

    static void writeText(Path file, String text) throws IOException {
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
