package org.permasar.thermal.input;

import java.util.List;

/**
 * Daily soil temperature at several depths of one site (e.g. the Goldstream GSM1 or Jarvis Creek
 * Coal Mine Ridge profiles), °C. {@code series.get(k)} is the sensor at {@code depthsMetres[k]}
 * (depth below the surface, m, ≥ 0); all series share one start date and length. Two sensors may sit
 * at the same depth (Goldstream has CS650 probes beside the thermistors): they stay separate, told apart
 * by their column names. Depths are in file order, not sorted.
 *
 * @param site         site label (file name without extension)
 * @param depthsMetres sensor depths, m
 * @param series       one daily series per depth
 */
public record SoilTemperatureProfile(String site, double[] depthsMetres, List<DailySeries> series) {

    public SoilTemperatureProfile {
        series = List.copyOf(series);
        if (depthsMetres.length != series.size() || series.isEmpty()) {
            throw new IllegalArgumentException(depthsMetres.length + " depths for " + series.size()
                    + " series: need the same number, at least one");
        }
        for (int k = 0; k < depthsMetres.length; k++) {
            if (!(depthsMetres[k] >= 0)) {
                throw new IllegalArgumentException("depth " + depthsMetres[k] + " m of " + series.get(k).name()
                        + " must be ≥ 0");
            }
            if (!series.get(k).start().equals(series.get(0).start())
                    || series.get(k).length() != series.get(0).length()) {
                throw new IllegalArgumentException("series " + series.get(k).name() + " spans " + series.get(k).start()
                        + "+" + series.get(k).length() + " d, unlike " + series.get(0).start() + "+"
                        + series.get(0).length() + " d");
            }
        }
    }

    /** Index of the first series at {@code depth} m (within 1 mm), or −1. */
    public int indexOfDepth(double depth) {
        for (int k = 0; k < depthsMetres.length; k++) {
            if (Math.abs(depthsMetres[k] - depth) < 1e-3) {
                return k;
            }
        }
        return -1;
    }
}
