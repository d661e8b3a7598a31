package org.permasar.io.folder;

/**
 * Sentinel-1 constants used when a product does not state them. The C-SAR centre frequency is
 * 5.405 GHz (ESA, Sentinel-1 User Handbook, 2013, §2.2), so λ = c / f = 299 792 458 / 5.405e9
 * = 0.0554657646 m.
 */
public final class Sentinel1 {
    /** Radar centre frequency, Hz. */
    public static final double FREQUENCY_HZ = 5.405e9;
    /** Radar wavelength, metres: c / {@link #FREQUENCY_HZ}. */
    public static final double WAVELENGTH_M = 299_792_458.0 / FREQUENCY_HZ;

    private Sentinel1() {
    }
}
