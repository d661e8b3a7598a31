package org.permasar.hydro;

/**
 * A fitted recession law −dQ/dt = a·Q^b with Q in m³/s and t in days, so a is in
 * (m³/s)^(1−b) per day and b is dimensionless. NaN when the fit could not be made (too few points,
 * no spread in Q). {@code n} is the number of points used.
 */
public record PowerLawFit(FitMethod method, double a, double b, int n) {
    /** A fit that could not be made from {@code n} points. */
    public static PowerLawFit failed(FitMethod method, int n) {
        return new PowerLawFit(method, Double.NaN, Double.NaN, n);
    }

    /** Whether a and b are finite. */
    public boolean ok() {
        return Double.isFinite(a) && Double.isFinite(b);
    }

    /** −dQ/dt predicted at discharge {@code q} (m³/s), m³/s per day. */
    public double rate(double q) {
        return a * Math.pow(q, b);
    }

    /**
     * Characteristic drainage time at discharge {@code q}: τ = Q / (−dQ/dt) = 1 / (a·Q^(b−1)), days
     * (Brutsaert &amp; Nieber 1977; for b = 1 it is the storage constant K = 1/a of a linear reservoir).
     */
    public double timescaleDays(double q) {
        return 1.0 / (a * Math.pow(q, b - 1));
    }
}
