package org.permasar.cli.plot;

import java.awt.Color;

/**
 * Perceptual colour ramps sampled at a few control points and interpolated linearly in RGB.
 * Values are mapped from [min, max]; NaN is drawn transparent by callers.
 */
public enum Colormap {
    /** Sequential, dark blue → yellow (for coherence, amplitude, thickness). */
    VIRIDIS(new int[] {0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725}),
    /** Diverging, red ← white → blue (for rates: subsidence red, uplift blue). */
    RDBU(new int[] {0x67001F, 0xB2182B, 0xD6604D, 0xF4A582, 0xFDDBC7, 0xF7F7F7, 0xD1E5F0, 0x92C5DE, 0x4393C3, 0x2166AC, 0x053061}),
    /** Cyclic, for day of year or phase. */
    TWILIGHT(new int[] {0xE2D9E2, 0x9EBBC9, 0x6685C0, 0x5A4A9F, 0x2F1436, 0x6B1F4A, 0xAC5150, 0xD0987D, 0xE2D9E2});

    private final int[] rgb;

    Colormap(int[] rgb) {
        this.rgb = rgb;
    }

    /** Colour of {@code t} ∈ [0, 1] (clamped). */
    public Color at(double t) {
        if (Double.isNaN(t)) {
            return new Color(0, 0, 0, 0);
        }
        double x = Math.max(0, Math.min(1, t)) * (rgb.length - 1);
        int i = Math.min((int) x, rgb.length - 2);
        double f = x - i;
        int a = rgb[i], b = rgb[i + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return new Color(r, g, bl);
    }
}
