package org.permasar.io.gamma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.permasar.stack.InvalidInputException;

/**
 * A GAMMA parameter file ({@code .par}: SLC/MLI, DEM/MAP, baseline): lines {@code key: value
 * [unit]}. Immutable.
 *
 * @param file   the file read
 * @param values raw text after the colon, trimmed, by key
 */
public record GammaPar(Path file, Map<String, String> values) {

    /** Speed of light in vacuum, m/s (exact, SI definition), for λ = c / radar_frequency. */
    public static final double SPEED_OF_LIGHT = 299_792_458.0;

    public GammaPar {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Reads a parameter file; lines without a colon are ignored. */
    public static GammaPar read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "missing GAMMA parameter file");
        }
        Map<String, String> v = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            int i = line.indexOf(':');
            if (i > 0) {
                v.putIfAbsent(line.substring(0, i).trim(), line.substring(i + 1).trim());
            }
        }
        return new GammaPar(file, v);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The i-th whitespace-separated token of a key's value. */
    public String token(String key, int i) throws InvalidInputException {
        String v = values.get(key);
        if (v == null) {
            throw new InvalidInputException(file, key, "missing parameter");
        }
        String[] t = v.split("\\s+");
        if (i >= t.length) {
            throw new InvalidInputException(file, key, "expected at least " + (i + 1) + " values, found '" + v + "'");
        }
        return t[i];
    }

    /** First number of a key's value. */
    public double number(String key) throws InvalidInputException {
        String t = token(key, 0);
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, key, "expected a number, found '" + t + "'", e);
        }
    }

    /** First number as a positive integer. */
    public int positiveInt(String key) throws InvalidInputException {
        double d = number(key);
        if (d != Math.rint(d) || d <= 0 || d > Integer.MAX_VALUE) {
            throw new InvalidInputException(file, key, "expected a positive integer, found " + values.get(key));
        }
        return (int) d;
    }

    /** Radar wavelength λ = c / radar_frequency, metres. */
    public double wavelength() throws InvalidInputException {
        double f = number("radar_frequency");
        if (!(f > 0)) {
            throw new InvalidInputException(file, "radar_frequency", "must be > 0 Hz, found " + f);
        }
        return SPEED_OF_LIGHT / f;
    }
}
