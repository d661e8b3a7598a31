package org.permasar.hazard;

/**
 * The WGS 84 / UTM zone of a longitude and latitude, as an EPSG code: 32601…32660 north of the equator,
 * 32701…32760 south. Zones are 6° wide from −180° (zone 1 is −180 … −174°), numbered 1…60
 * (Snyder 1987, "Map projections — a working manual", USGS PP 1395, p. 57). The Norway (32V) and Svalbard
 * (31X…37X) exceptions of the military grid are not applied: they only widen or narrow zones that this rule
 * already covers to within a zone, and a corridor's metric buffers are unaffected by which of two neighbouring
 * zones is used beyond the scale-factor change (≤ 0.1 % within 3° of a zone's edge).
 *
 * <p>Stateless and thread-safe.
 */
public final class UtmZone {
    private UtmZone() {
    }

    /**
     * The zone number 1…60 of a longitude, degrees (any value; wrapped into −180 … 180 first; exactly 180° is zone 60).
     *
     * @throws IllegalArgumentException when the longitude is not finite
     */
    public static int zone(double lonDeg) {
        if (!Double.isFinite(lonDeg)) {
            throw new IllegalArgumentException("longitude must be finite, got " + lonDeg);
        }
        double lon = ((lonDeg + 180) % 360 + 360) % 360 - 180; // −180 … <180
        int z = (int) Math.floor((lon + 180) / 6) + 1;
        return Math.min(60, Math.max(1, z));
    }

    /**
     * EPSG code of the WGS 84 / UTM zone that holds (lon, lat), degrees: 326zz north of the equator (lat ≥ 0), 327zz south.
     *
     * @throws IllegalArgumentException when lat is outside −90 … 90 or either value is not finite
     */
    public static int epsg(double lonDeg, double latDeg) {
        if (!(latDeg >= -90 && latDeg <= 90)) {
            throw new IllegalArgumentException("latitude must lie in −90 … 90 degrees, got " + latDeg);
        }
        return (latDeg >= 0 ? 32600 : 32700) + zone(lonDeg);
    }

    /** The central meridian of a zone 1…60, degrees: −183 + 6·zone. */
    public static double centralMeridian(int zone) {
        if (zone < 1 || zone > 60) {
            throw new IllegalArgumentException("UTM zone must be 1…60, got " + zone);
        }
        return -183.0 + 6.0 * zone;
    }
}
