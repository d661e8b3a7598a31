package org.permasar.hazard;

import java.util.Arrays;

/**
 * Buffer distances around a line, metres, strictly increasing and &gt; 0: ring k covers distances
 * (d<sub>k−1</sub>, d<sub>k</sub>] from the line (ring 0 covers [0, d<sub>0</sub>]), and buffer k covers
 * [0, d<sub>k</sub>]. Seed 002 §4.3 uses 500, 1000, 1500 and 2000 m ({@link #DEFAULT}).
 *
 * @param distancesM buffer distances, m; copied
 */
public record BufferRings(double[] distancesM) {
    /** Seed 002 §4.3: 500, 1 000, 1 500, 2 000 m. */
    public static final BufferRings DEFAULT = new BufferRings(new double[] {500, 1000, 1500, 2000});

    public BufferRings {
        if (distancesM == null || distancesM.length == 0) {
            throw new IllegalArgumentException("need at least one buffer distance, m");
        }
        distancesM = distancesM.clone();
        for (int k = 0; k < distancesM.length; k++) {
            double d = distancesM[k];
            if (!(d > 0) || Double.isInfinite(d) || (k > 0 && !(d > distancesM[k - 1]))) {
                throw new IllegalArgumentException("buffer distances must be finite, > 0 m and strictly increasing, got "
                        + Arrays.toString(distancesM));
            }
        }
    }

    /** Parses "500,1000,1500,2000" (metres). */
    public static BufferRings parse(String csv) {
        String[] parts = csv.split(",");
        double[] d = new double[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                d[k] = Double.parseDouble(parts[k].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("buffer distance '" + parts[k].trim() + "' is not a number (m)");
            }
        }
        return new BufferRings(d);
    }

    @Override
    public double[] distancesM() {
        return distancesM.clone();
    }

    public int size() {
        return distancesM.length;
    }

    /** Distance d<sub>k</sub>, m. */
    public double distance(int k) {
        return distancesM[k];
    }

    /** The widest buffer, m. */
    public double widest() {
        return distancesM[distancesM.length - 1];
    }

    /**
     * The ring of a distance from the line, m: the smallest k with distance ≤ d<sub>k</sub>, or −1 beyond the widest
     * buffer or for NaN.
     */
    public int ringOf(double distanceM) {
        for (int k = 0; k < distancesM.length; k++) {
            if (distanceM <= distancesM[k]) {
                return k;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BufferRings b && Arrays.equals(distancesM, b.distancesM);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(distancesM);
    }

    @Override
    public String toString() {
        return "BufferRings" + Arrays.toString(distancesM);
    }
}
