package org.permasar.pipeline.controls;

import java.util.Locale;
import org.permasar.stats.geodetector.Discretization;

/**
 * How one continuous factor is discretised: a fixed method and class count ({@code METHOD:K}, e.g.
 * {@code quantile:5}) or the OPGD search ({@code opgd}, k = 2…8, or {@code opgd:KMIN-KMAX}) over all methods.
 * Immutable.
 *
 * @param method the method, or null for the OPGD search
 * @param k      class count of a fixed method (≥ 2), else 0
 * @param kMin   smallest class count tried by OPGD (≥ 2), else 0
 * @param kMax   largest class count tried by OPGD (≥ kMin), else 0
 */
public record DiscretizeSpec(Discretization.Method method, int k, int kMin, int kMax) {
    /** Default OPGD class counts. */
    public static final int OPGD_K_MIN = 2, OPGD_K_MAX = 8;

    public DiscretizeSpec {
        if (method != null && (k < 2 || k > 1000)) {
            throw new IllegalArgumentException("class count must be 2…1000, got " + k);
        }
        if (method == null && (kMin < 2 || kMax < kMin || kMax > 1000)) {
            throw new IllegalArgumentException("OPGD class counts must satisfy 2 ≤ KMIN ≤ KMAX ≤ 1000, got " + kMin + "-" + kMax);
        }
    }

    /** True for the OPGD search. */
    public boolean opgd() {
        return method == null;
    }

    /** Parses {@code METHOD:K}, {@code opgd} or {@code opgd:KMIN-KMAX}. */
    public static DiscretizeSpec parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("opgd")) {
            return new DiscretizeSpec(null, 0, OPGD_K_MIN, OPGD_K_MAX);
        }
        int colon = t.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + s + "': expected METHOD:K (equal, quantile, natural, geometric, sd), "
                    + "opgd or opgd:KMIN-KMAX");
        }
        String head = t.substring(0, colon), tail = t.substring(colon + 1);
        try {
            if (head.equals("opgd")) {
                String[] r = tail.split("-");
                if (r.length != 2) {
                    throw new IllegalArgumentException("'" + s + "': expected opgd:KMIN-KMAX, e.g. opgd:2-8");
                }
                return new DiscretizeSpec(null, 0, Integer.parseInt(r[0].trim()), Integer.parseInt(r[1].trim()));
            }
            return new DiscretizeSpec(Discretization.Method.parse(head), Integer.parseInt(tail.trim()), 0, 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "': the class count is not an integer");
        }
    }

    @Override
    public String toString() {
        return opgd() ? "opgd:" + kMin + "-" + kMax : method.label() + ":" + k;
    }
}
