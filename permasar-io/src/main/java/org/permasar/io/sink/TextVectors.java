package org.permasar.io.sink;

import java.nio.charset.StandardCharsets;

/**
 * How sinks without 1-D datasets (Zarr groups, GeoTIFF folders) keep {@link BlockSink#writeStrings}
 * and {@link BlockSink#writeVector}: as one comma-separated text attribute (MintPy's {@code date}
 * list becomes {@code "20170104,20170116,…"}). Stateless.
 */
public final class TextVectors {
    private TextVectors() {
    }

    /**
     * The values joined by commas.
     *
     * @throws IllegalArgumentException when a value is not ASCII, holds a comma or is longer than
     *                                  {@code width} bytes (naming the dataset and the value)
     */
    public static String strings(String dataset, String[] values, int width) {
        var ascii = StandardCharsets.US_ASCII.newEncoder();
        for (int i = 0; i < values.length; i++) {
            if (values[i].length() > width || values[i].contains(",") || !ascii.canEncode(values[i])) {
                throw new IllegalArgumentException("dataset " + dataset + ": value " + i + " \"" + values[i]
                        + "\" is not comma-free ASCII of at most " + width + " bytes");
            }
        }
        return String.join(",", values);
    }

    /** The values as Java's shortest decimal strings ({@link Float#toString}), joined by commas. */
    public static String floats(float[] values) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ",").append(values[i]);
        }
        return b.toString();
    }
}
