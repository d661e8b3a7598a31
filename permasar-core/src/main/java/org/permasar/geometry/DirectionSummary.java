package org.permasar.geometry;

/**
 * Per-class pixel counts of a direction-class raster (the paper's pie charts, seed 002 Fig. 5/6, with the
 * stable class of SCIENCE.md §5 added). Percentages are of the pixels with data (classes 1–4), so no-data
 * pixels do not dilute them. Immutable.
 *
 * @param noData       pixels of class 0
 * @param vertical     pixels of class 1
 * @param eastWest     pixels of class 2
 * @param undetermined pixels of class 3
 * @param stable       pixels of class 4 (not significant on both tracks)
 */
public record DirectionSummary(long noData, long vertical, long eastWest, long undetermined, long stable) {
    public DirectionSummary {
        if (noData < 0 || vertical < 0 || eastWest < 0 || undetermined < 0 || stable < 0) {
            throw new IllegalArgumentException("negative count: " + noData + ", " + vertical + ", " + eastWest
                    + ", " + undetermined + ", " + stable);
        }
    }

    /** Counts the classes of a raster from {@link DirectionClassifier}; other codes are an error. */
    public static DirectionSummary of(byte[] classes) {
        long[] n = new long[DirectionClassifier.CLASSES];
        for (int k = 0; k < classes.length; k++) {
            int c = classes[k];
            if (c < 0 || c >= n.length) {
                throw new IllegalArgumentException("unknown class code " + c + " at index " + k
                        + " (expected 0 … " + (n.length - 1) + ")");
            }
            n[c]++;
        }
        return new DirectionSummary(n[0], n[1], n[2], n[3], n[4]);
    }

    /** Pixels of class {@code classCode} (0–4); IllegalArgumentException for another code. */
    public long count(int classCode) {
        return switch (classCode) {
            case DirectionClassifier.NO_DATA -> noData;
            case DirectionClassifier.VERTICAL -> vertical;
            case DirectionClassifier.EAST_WEST -> eastWest;
            case DirectionClassifier.UNDETERMINED -> undetermined;
            case DirectionClassifier.STABLE -> stable;
            default -> throw new IllegalArgumentException("unknown class code " + classCode + " (expected 0 … 4)");
        };
    }

    /** Pixels with data (classes 1–4). */
    public long withData() {
        return vertical + eastWest + undetermined + stable;
    }

    /** Percentage of the pixels with data in class 1–4; NaN when there are none, or for class 0 or another code. */
    public double percent(int classCode) {
        long d = withData();
        if (d == 0 || classCode < 1 || classCode >= DirectionClassifier.CLASSES) {
            return Double.NaN;
        }
        return 100.0 * count(classCode) / d;
    }
}
