package org.permasar.io.lst;

/**
 * How raw LST values become degrees Celsius. Immutable.
 *
 * <p>With {@link Encoding#AUTO}, values whose median (over a sample of valid pixels) exceeds
 * {@link #RAW_THRESHOLD} are taken as MODIS raw digital numbers: physical = DN × {@code dnScale}
 * (MOD11A2 LST_Day_1km / LST_Night_1km: scale 0.02 K, valid DN 7500–65535, fill 0; Wan 2013, MODIS
 * LST Product User's Guide C6, Table 3). DNs below 7500 become NaN. With {@link Unit#AUTO}, physical
 * values whose median exceeds {@link #KELVIN_THRESHOLD} = 150 are Kelvin (no land surface is
 * colder than −123 °C or warmer than 150 °C), otherwise °C. Kelvin → °C subtracts 273.15.
 *
 * @param unit     unit of the physical values, or AUTO
 * @param encoding raw DN or physical values, or AUTO
 * @param dnScale  scale factor of raw DNs (MODIS: 0.02), &gt; 0
 */
public record LstOptions(Unit unit, Encoding encoding, double dnScale) {
    /** Median above which AUTO treats values as raw DN. */
    public static final double RAW_THRESHOLD = 7500;
    /** Median above which AUTO treats physical values as Kelvin. */
    public static final double KELVIN_THRESHOLD = 150;
    /** MODIS MOD11/MYD11 LST scale factor, K per DN. */
    public static final double MODIS_SCALE = 0.02;

    /** Unit of the physical values. */
    public enum Unit { AUTO, KELVIN, CELSIUS }

    /** Whether stored values are raw integer DNs needing the scale factor. */
    public enum Encoding { AUTO, RAW_DN, PHYSICAL }

    public LstOptions {
        if (unit == null || encoding == null) {
            throw new IllegalArgumentException("unit and encoding are required, got " + unit + ", " + encoding);
        }
        if (!(dnScale > 0) || Double.isInfinite(dnScale)) {
            throw new IllegalArgumentException("DN scale factor must be > 0 and finite, got " + dnScale);
        }
    }

    /** Everything detected, MODIS scale 0.02. */
    public static LstOptions auto() {
        return new LstOptions(Unit.AUTO, Encoding.AUTO, MODIS_SCALE);
    }

    public LstOptions withUnit(Unit u) {
        return new LstOptions(u, encoding, dnScale);
    }

    public LstOptions withEncoding(Encoding e) {
        return new LstOptions(unit, e, dnScale);
    }

    public LstOptions withDnScale(double s) {
        return new LstOptions(unit, encoding, s);
    }
}
