package org.permasar.thermal.input;

/**
 * An in-situ active-layer-thickness observation (borehole, probing or CALM site), used to calibrate
 * and validate InSAR ALT (SCIENCE.md §4, seed 002 n calibration).
 *
 * @param id        site identifier, non-blank
 * @param lon       longitude, degrees east, in [−180, 360]
 * @param lat       latitude, degrees north, in [−90, 90]
 * @param altMetres active-layer thickness, m, &gt; 0 (NaN when the row gives none)
 * @param vwc       volumetric water content, m³/m³ in [0, 1], NaN when not given
 */
public record AltSite(String id, double lon, double lat, double altMetres, double vwc) {

    public AltSite {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("site id must be non-blank, got '" + id + "'");
        }
        if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 360)) {
            throw new IllegalArgumentException("site " + id + ": lon/lat (" + lon + ", " + lat + ") out of range");
        }
        if (!Double.isNaN(altMetres) && !(altMetres > 0)) {
            throw new IllegalArgumentException("site " + id + ": ALT must be > 0 m, got " + altMetres);
        }
        if (!Double.isNaN(vwc) && !(vwc >= 0 && vwc <= 1)) {
            throw new IllegalArgumentException("site " + id + ": VWC must be in [0, 1] m³/m³, got " + vwc);
        }
    }
}
