package org.permasar.geometry;

/**
 * Per-class pixel counts of a direction-class raster (the paper's pie charts, seed 002 Fig. 5/6).
 * Percentages are of the pixels with data (classes 1–3), so no-data pixels do not dilute them.
 * Immutable.
 *
 * @param noData       pixels of class 0
 * @param vertical     pixels of class 1
 * @param eastWest     pixels of class 2
 * @param undetermined pixels of class 3
 */
public record DirectionSummary(long noData, long vertical, long eastWest, long undetermined) {
    public DirectionSummary {
        if (noData < 0 || vertical < 0 || eastWest < 0 || undetermined < 0) {
            throw new IllegalArgumentException("negative count: " + noData + ", " + vertical + ", " + eastWest
                    + ", " + undetermined);
        }
    }

    /** Counts the classes of a raster from {@link DirectionClassifier}; other codes are an error. */
    public static DirectionSummary of(byte[] classes) {
        long[] n = new long[4];
        for (int k = 0; k < classes.length; k++) {
            int c = classes[k];
            if (c < 0 || c > 3) {
                throw new IllegalArgumentException("unknown class code " + c + " at index " + k);
            }
            n[c]++;
        }
        return new DirectionSummary(n[0], n[1], n[2], n[3]);
    }

    /** Pixels with data (classes 1–3). */
    public long withData() {
        return vertical + eastWest + undetermined;
    }

    /** Percentage of the pixels with data in class 1, 2 or 3; NaN when there are none or for class 0. */
    public double percent(int classCode) {
        long d = withData();
        if (d == 0 || classCode < 1 || classCode > 3) {
            return Double.NaN;
        }
        long c = classCode == 1 ? vertical : classCode == 2 ? eastWest : undetermined;
        return 100.0 * c / d;
    }
}
