package org.permasar.backscatter;

import java.util.List;

/**
 * A fitted incidence-angle slope dσ⁰/dθ (dB per degree) as a linear function of position, height and
 * season (Chen et al. 2022, Remote Sensing 14(21) 5534, the model of seed 004):
 * <pre>  dσ⁰/dθ(x, y, h, d) = β₀ + β_x·(x − x̄) + β_y·(y − ȳ) + β_h·(h − h̄)/1000
 *                      + β_c·cos(2πd/365.25) + β_s·sin(2πd/365.25)</pre>
 * with x, y the map coordinates (longitude and latitude in degrees on a geographic grid), h the height in
 * metres (so β_h is dB/° per km) and d the day of year. Only the {@link #terms} that were fitted appear;
 * the others are zero. Immutable.
 *
 * @param terms        fitted terms, in the order of {@code coefficients}
 * @param coefficients β per term, dB/° (per degree of x or y, per km of height)
 * @param stdErrors    one-sigma standard errors of the coefficients from σ̂²(AᵀA)⁻¹, same units
 * @param xMean        x̄, the mean x of the observations
 * @param yMean        ȳ
 * @param hMean        h̄, metres (0 when height is not a term)
 * @param pairOffsets  per asc/desc pair, the fitted mean of r (dB), or zeros when not fitted
 * @param rms          RMS of the residuals r, dB
 * @param observations number of pixels used
 */
public record IncidenceSlopeModel(List<Term> terms, double[] coefficients, double[] stdErrors, double xMean, double yMean,
                                  double hMean, double[] pairOffsets, double rms, long observations) {

    /** A term of the slope model. */
    public enum Term {
        CONSTANT, X, Y, HEIGHT, COS_DOY, SIN_DOY
    }

    public IncidenceSlopeModel {
        terms = List.copyOf(terms);
        if (coefficients.length != terms.size() || stdErrors.length != terms.size()) {
            throw new IllegalArgumentException(terms.size() + " terms need as many coefficients and errors, got "
                    + coefficients.length + " and " + stdErrors.length);
        }
    }

    /** The coefficient of {@code t}, 0 when it was not fitted. */
    public double coefficient(Term t) {
        int k = terms.indexOf(t);
        return k < 0 ? 0 : coefficients[k];
    }

    /** The standard error of {@code t}, NaN when it was not fitted. */
    public double stdError(Term t) {
        int k = terms.indexOf(t);
        return k < 0 ? Double.NaN : stdErrors[k];
    }

    /**
     * dσ⁰/dθ, dB per degree, at map coordinates (x, y), height h (metres; NaN counts as h̄) and day of year
     * {@code doy} (1 … 366).
     */
    public double slope(double x, double y, double h, int doy) {
        double s = 0;
        for (int k = 0; k < terms.size(); k++) {
            s += coefficients[k] * feature(terms.get(k), x - xMean, y - yMean, Double.isNaN(h) ? 0 : (h - hMean) / 1000, doy);
        }
        return s;
    }

    /** The value of one term's regressor for centred x, y, centred height in km and day of year. */
    static double feature(Term t, double dx, double dy, double dhKm, int doy) {
        return switch (t) {
            case CONSTANT -> 1;
            case X -> dx;
            case Y -> dy;
            case HEIGHT -> dhKm;
            case COS_DOY -> Math.cos(2 * Math.PI * doy / 365.25);
            case SIN_DOY -> Math.sin(2 * Math.PI * doy / 365.25);
        };
    }
}
