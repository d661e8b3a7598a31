package org.permasar.cli.pipeline;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permasar.cli.OutputFolder;
import org.permasar.cli.pipeline.ConfigSchema.Kind;
import org.permasar.cli.pipeline.ConfigSchema.Option;
import org.permasar.pipeline.fit.FitParameters;

/**
 * A parsed and fully validated {@code permasar run} configuration (format: see
 * {@link ConfigSchema#template()}). Parsing is strict and happens before any work: an unknown
 * section or key, a duplicate key, a value of the wrong type or out of range, a missing input file
 * or an output folder that cannot be written is an {@link IllegalArgumentException} whose one-line
 * message names the file, the line and the key. Nothing is created or written while parsing.
 *
 * <p>Immutable and thread-safe.
 */
public final class PipelineConfig {
    private final Path file;
    private final Path base;
    private final Path outDir;
    private final Map<String, String> values;
    private final String text;

    private PipelineConfig(Path file, Path outDir, Map<String, String> values, String text) {
        this.file = file;
        this.base = file.toAbsolutePath().normalize().getParent();
        this.outDir = outDir;
        this.values = Collections.unmodifiableMap(values);
        this.text = text;
    }

    /**
     * Reads and validates {@code file}.
     *
     * @param outOverride output folder from the command line, or null to use {@code output.dir}
     * @throws IllegalArgumentException with a one-line message on any problem (file unreadable included)
     */
    public static PipelineConfig parse(Path file, Path outOverride) {
        String text = read(file);
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        String section = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = file + ":" + (i + 1);
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new IllegalArgumentException(where + ": malformed section header '" + line + "'");
                }
                section = line.substring(1, line.length() - 1).strip();
                if (!ConfigSchema.sections().containsKey(section)) {
                    throw new IllegalArgumentException(where + ": unknown section [" + section + "] (known: "
                            + String.join(", ", ConfigSchema.sections().keySet()) + ")");
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + ": expected `key = value`, found '" + line + "'");
            }
            if (section == null) {
                throw new IllegalArgumentException(where + ": key '" + line.substring(0, eq).strip()
                        + "' before any [section]");
            }
            String name = section + "." + line.substring(0, eq).strip();
            if (ConfigSchema.option(name) == null) {
                throw new IllegalArgumentException(where + ": unknown key '" + line.substring(0, eq).strip()
                        + "' in [" + section + "] (known: " + known(section) + ")");
            }
            if (raw.containsKey(name)) {
                throw new IllegalArgumentException(where + ": " + name + " is set twice (first on line "
                        + lineOf.get(name) + ")");
            }
            raw.put(name, line.substring(eq + 1).strip());
            lineOf.put(name, i + 1);
        }
        Path base = file.toAbsolutePath().normalize().getParent();
        Map<String, String> values = new LinkedHashMap<>();
        for (Option o : ConfigSchema.options()) {
            boolean given = raw.containsKey(o.name());
            String v = given ? raw.get(o.name()) : o.fallback();
            String where = file + (given ? ":" + lineOf.get(o.name()) : "") + ": " + o.name();
            check(o, v, base, where);
            values.put(o.name(), v);
        }
        if (values.get("input.asc.stack").isEmpty() && values.get("input.desc.stack").isEmpty()) {
            throw new IllegalArgumentException(file + ": no input: set input.asc.stack and/or input.desc.stack");
        }
        Path out = outOverride != null ? outOverride.toAbsolutePath().normalize()
                : base.resolve(values.get("output.dir")).normalize();
        checkWritable(out, outOverride != null ? "--out " + outOverride : file + ": output.dir");
        return new PipelineConfig(file, out, values, text);
    }

    private static String stripComment(String line) {
        int h = line.indexOf('#');
        return h < 0 ? line : line.substring(0, h);
    }

    private static String known(String section) {
        List<String> k = new ArrayList<>();
        for (Option o : ConfigSchema.options()) {
            if (o.section().equals(section)) {
                k.add(o.key());
            }
        }
        return String.join(", ", k);
    }

    private static void check(Option o, String v, Path base, String where) {
        if (v.isEmpty()) {
            if (o.kind() == Kind.INPUT || o.kind() == Kind.PIXELS || o.kind() == Kind.TEXT) {
                return;
            }
            throw new IllegalArgumentException(where + ": a value is required");
        }
        switch (o.kind()) {
            case TEXT, OUTPUT -> { }
            case INPUT -> {
                Path p = base.resolve(stripDataset(v));
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException(where + ": input " + p + " does not exist");
                }
                if (!Files.isReadable(p)) {
                    throw new IllegalArgumentException(where + ": input " + p + " is not readable");
                }
            }
            case BOOLEAN -> {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException(where + ": expected true or false, found '" + v + "'");
                }
            }
            case INTEGER, NUMBER -> {
                double d;
                try {
                    d = o.kind() == Kind.INTEGER ? Long.parseLong(v) : Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": expected " + (o.kind() == Kind.INTEGER
                            ? "a whole number" : "a number") + (o.unit().isEmpty() ? "" : " in " + o.unit())
                            + ", found '" + v + "'");
                }
                if (!(d >= o.min() && d <= o.max())) {
                    throw new IllegalArgumentException(where + ": " + v + " is outside " + ConfigSchema.range(o));
                }
            }
            case NUMBER_OR_RASTER, NUMBER_RASTER_OR_ESTIMATE -> {
                if (o.kind() == Kind.NUMBER_RASTER_OR_ESTIMATE && v.trim().equalsIgnoreCase(FitParameters.KAPPA_ESTIMATE)) {
                    break;
                }
                try {
                    double d = Double.parseDouble(v);
                    if (!Double.isFinite(d)) {
                        throw new IllegalArgumentException(where + ": expected a finite number, found '" + v + "'");
                    }
                } catch (NumberFormatException e) {
                    Path p = base.resolve(stripDataset(v));
                    if (!Files.isRegularFile(p)) {
                        throw new IllegalArgumentException(where + ": expected a number or a raster file, found '"
                                + v + "' (" + p + " does not exist)");
                    }
                }
            }
            case CHOICE -> {
                if (!o.choices().contains(v)) {
                    throw new IllegalArgumentException(where + ": expected one of " + String.join(", ", o.choices())
                            + ", found '" + v + "'");
                }
            }
            case PIXEL_OR_AUTO -> {
                if (!v.equals("auto")) {
                    pixel(v, where);
                }
            }
            case PIXELS -> {
                for (String p : v.split(";")) {
                    if (!p.isBlank()) {
                        pixel(p.strip(), where);
                    }
                }
            }
        }
    }

    /** The configuration's text; IllegalArgumentException "cannot read configuration FILE: reason in words". */
    private static String read(Path file) {
        String reason;
        try {
            if (Files.isDirectory(file)) {
                reason = "a folder, not a configuration file";
            } else {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (text.indexOf('\0') < 0) {
                    return text;
                }
                reason = "not a text file (it contains NUL bytes; binary?)";
            }
        } catch (NoSuchFileException e) {
            reason = "no such file";
        } catch (AccessDeniedException e) {
            reason = "permission denied";
        } catch (CharacterCodingException e) {
            reason = "not a text file (not valid UTF-8; binary?)";
        } catch (FileSystemException e) {
            reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
        } catch (IOException e) {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        throw new IllegalArgumentException("cannot read configuration " + OutputFolder.shorten(file.toString()) + ": "
                + reason);
    }

    /** FILE.h5:DATASET → FILE.h5 (a Windows drive letter is not a dataset). */
    static String stripDataset(String v) {
        int c = v.lastIndexOf(':');
        return c > 1 ? v.substring(0, c) : v;
    }

    private static int[] pixel(String v, String where) {
        String[] rc = v.split(",");
        try {
            if (rc.length == 2) {
                int r = Integer.parseInt(rc[0].strip()), c = Integer.parseInt(rc[1].strip());
                if (r >= 0 && c >= 0) {
                    return new int[] {r, c};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(where + ": expected a pixel ROW,COL (non-negative whole numbers), found '"
                + v + "'");
    }

    private static void checkWritable(Path out, String where) {
        String problem = OutputFolder.problem(out);
        if (problem != null) {
            throw new IllegalArgumentException(where + ": output folder " + OutputFolder.shorten(out.toString()) + " "
                    + problem);
        }
    }

    /** The configuration file. */
    public Path file() {
        return file;
    }

    /** The output folder (absolute). */
    public Path outDir() {
        return outDir;
    }

    /** The configuration text as read (for the report). */
    public String text() {
        return text;
    }

    /** Every key with its effective value (defaults filled in), in template order. */
    public Map<String, String> values() {
        return values;
    }

    /** The value of {@code section.key} as text ("" when unset). */
    public String text(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no configuration key " + name);
        }
        return v;
    }

    /** An input path resolved against the configuration's folder (dataset suffix kept), or null when unset. */
    public Path path(String name) {
        String v = text(name);
        return v.isEmpty() ? null : base.resolve(v).normalize();
    }

    /** A number-or-raster value: the number as given, or the raster path resolved (with its :DATASET). */
    public String numberOrRaster(String name) {
        String v = text(name);
        if (v.trim().equalsIgnoreCase(FitParameters.KAPPA_ESTIMATE) && ConfigSchema.option(name).kind() == Kind.NUMBER_RASTER_OR_ESTIMATE) {
            return FitParameters.KAPPA_ESTIMATE;
        }
        try {
            Double.parseDouble(v);
            return v;
        } catch (NumberFormatException e) {
            return base.resolve(v).normalize().toString();
        }
    }

    public boolean bool(String name) {
        return Boolean.parseBoolean(text(name));
    }

    public long integer(String name) {
        return Long.parseLong(text(name));
    }

    public double number(String name) {
        return Double.parseDouble(text(name));
    }

    /** {@code report.pixels} or another PIXELS key as {row, col} pairs. */
    public List<int[]> pixels(String name) {
        List<int[]> out = new ArrayList<>();
        for (String p : text(name).split(";")) {
            if (!p.isBlank()) {
                out.add(pixel(p.strip(), name));
            }
        }
        return out;
    }

    /** The reference pixel, or null for {@code auto}. */
    public int[] reference() {
        String v = text("invert.reference");
        return v.equals("auto") ? null : pixel(v, "invert.reference");
    }

    /** Tracks given, in order ("asc", "desc"). */
    public List<String> tracks() {
        List<String> t = new ArrayList<>();
        for (String n : new String[] {"asc", "desc"}) {
            if (!text("input." + n + ".stack").isEmpty()) {
                t.add(n);
            }
        }
        return t;
    }
}
