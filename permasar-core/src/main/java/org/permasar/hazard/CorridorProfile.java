package org.permasar.hazard;

import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * The deformation profile of a corridor by chainage: the line is cut into bins of {@code binKm} km from its start,
 * each pixel within the corridor's widest buffer goes to the bin of its chainage (the length along the line to the
 * pixel's nearest point on it, JTS {@link LengthIndexedLine#project}), and each bin gets the number of pixels, the
 * mean rate, the 95th percentile of the subsidence rate, the share of pixels subsiding faster than a threshold and
 * the number of hazard features per layer (by the chainage of their nearest point to the line, within the widest
 * buffer). Answers the engineers' "where along my line, by kilometre, is the ground moving, and what is near it?"
 *
 * <p><b>Units and signs.</b> Coordinates in the corridor's projected CRS, metres. {@code rate} is the LOS or vertical
 * velocity in the caller's unit (positive towards the satellite / up, MintPy's convention); the subsidence rate is
 * −rate, so "faster than the threshold" means −rate &gt; threshold (same unit). Percentiles are linear interpolation
 * between order statistics (Hyndman &amp; Fan 1996, definition 7, numpy's default).
 *
 * <p><b>NaN policy.</b> Pixels with a non-finite rate or position are skipped; a bin without pixels has NaN mean,
 * percentile and share, and 0 pixels. The line's chainage is measured along its parts in stored order (a
 * MultiLineString is one chainage along its parts end to end).
 *
 * <p>Stateless; thread-safe.
 */
public final class CorridorProfile {
    private CorridorProfile() {
    }

    /**
     * One bin of the profile.
     *
     * @param startKm       chainage of the bin's start, km
     * @param endKm         chainage of the bin's end, km (the last bin ends at the line's length)
     * @param pixels        pixels with a finite rate within the widest buffer
     * @param meanRate      mean rate (caller's unit), NaN without pixels
     * @param p95Subsidence 95th percentile of −rate, NaN without pixels
     * @param shareFaster   share of pixels with −rate &gt; threshold, 0…1, NaN without pixels
     * @param hazards       per layer, features whose nearest point to the line is in this bin (within the widest buffer)
     */
    public record Bin(double startKm, double endKm, int pixels, double meanRate, double p95Subsidence,
                      double shareFaster, int[] hazards) {
    }

    /**
     * The profile.
     *
     * @param corridor  the corridor (its widest buffer bounds the pixels and features used)
     * @param binKm     bin length, km, &gt; 0
     * @param x         pixel centres, easting, m (flat array)
     * @param y         pixel centres, northing, m
     * @param rate      rate per pixel
     * @param threshold subsidence-rate threshold for {@link Bin#shareFaster}, same unit as rate
     * @param layers    hazard layers (projected metres), may be empty
     */
    public static Bin[] compute(Corridor corridor, double binKm, double[] x, double[] y, double[] rate,
                                double threshold, List<List<Geometry>> layers) {
        return compute(corridor, Chainage.fromStart(corridor.line()), binKm, x, y, rate, threshold, layers);
    }

    /**
     * The profile by a given chainage (e.g. {@link Chainage#fromPosts kilometre posts}): bins of {@code binKm} start
     * at the multiple of {@code binKm} at or below the line's smallest chainage; the first bin starts at that
     * chainage and the last ends at the largest. Otherwise as {@link #compute(Corridor, double, double[], double[],
     * double[], double, List)}.
     */
    public static Bin[] compute(Corridor corridor, Chainage chainage, double binKm, double[] x, double[] y, double[] rate,
                                double threshold, List<List<Geometry>> layers) {
        if (!(binKm > 0) || Double.isInfinite(binKm)) {
            throw new IllegalArgumentException("bin length must be finite and > 0 km, got " + binKm);
        }
        if (x.length != y.length || x.length != rate.length) {
            throw new IllegalArgumentException("x, y and rate must have one value per pixel, got " + x.length + ", "
                    + y.length + ", " + rate.length);
        }
        Geometry line = corridor.line();
        double width = corridor.rings().widest();
        double minKm = chainage.minKm();
        double maxKm = chainage.maxKm();
        double origin = Math.floor(minKm / binKm) * binKm;
        int nBins = Math.max(1, (int) Math.ceil((maxKm - origin) / binKm - 1e-9));
        Envelope env = corridor.buffer(corridor.rings().size() - 1).getEnvelopeInternal();

        // pass 1: bin of each pixel (−1 outside)
        int[] binOf = new int[x.length];
        int[] counts = new int[nBins];
        Coordinate c = new Coordinate();
        for (int i = 0; i < x.length; i++) {
            binOf[i] = -1;
            if (!Double.isFinite(rate[i]) || !env.contains(x[i], y[i])) {
                continue;
            }
            if (corridor.distanceTo(x[i], y[i]) > width) {
                continue;
            }
            c.x = x[i];
            c.y = y[i];
            int b = bin(chainage.km(c) - origin, binKm, nBins);
            binOf[i] = b;
            counts[b]++;
        }
        // pass 2: per-bin values (flat, offsets by cumulative counts)
        int[] start = new int[nBins + 1];
        for (int b = 0; b < nBins; b++) {
            start[b + 1] = start[b] + counts[b];
        }
        double[] subs = new double[start[nBins]];
        int[] fill = Arrays.copyOf(start, nBins);
        for (int i = 0; i < x.length; i++) {
            if (binOf[i] >= 0) {
                subs[fill[binOf[i]]++] = -rate[i];
            }
        }
        int[][] hazards = new int[nBins][layers.size()];
        for (int l = 0; l < layers.size(); l++) {
            for (Geometry f : layers.get(l)) {
                if (f == null || f.isEmpty() || corridor.distanceTo(f) > width) {
                    continue;
                }
                Coordinate near = DistanceOp.nearestPoints(line, f)[0];
                hazards[bin(chainage.km(near) - origin, binKm, nBins)][l]++;
            }
        }
        Bin[] out = new Bin[nBins];
        for (int b = 0; b < nBins; b++) {
            int n = counts[b];
            double mean = Double.NaN;
            double p95 = Double.NaN;
            double share = Double.NaN;
            if (n > 0) {
                double sum = 0;
                int faster = 0;
                for (int j = start[b]; j < start[b + 1]; j++) {
                    sum += subs[j];
                    if (subs[j] > threshold) {
                        faster++;
                    }
                }
                mean = -sum / n + 0.0; // + 0.0: no "-0" for a stable stretch
                Arrays.sort(subs, start[b], start[b + 1]);
                p95 = percentile(subs, start[b], n, 95);
                share = (double) faster / n;
            }
            out[b] = new Bin(Math.max(origin + b * binKm, minKm), Math.min(origin + (b + 1) * binKm, maxKm), n, mean, p95,
                    share, hazards[b]);
        }
        return out;
    }

    private static int bin(double km, double binKm, int nBins) {
        return Math.min(nBins - 1, Math.max(0, (int) Math.floor(km / binKm)));
    }

    /**
     * The p-th percentile of sorted values v[off … off+n−1]: Hyndman &amp; Fan (1996) definition 7,
     * h = (n − 1)·p/100, v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]).
     */
    static double percentile(double[] sorted, int off, int n, double p) {
        double h = (n - 1) * p / 100;
        int lo = (int) Math.floor(h);
        int hi = Math.min(n - 1, lo + 1);
        return sorted[off + lo] + (h - lo) * (sorted[off + hi] - sorted[off + lo]);
    }

    /**
     * The indices of the {@code count} bins with the highest 95th-percentile subsidence (bins without pixels last),
     * worst first.
     */
    public static int[] worst(Bin[] bins, int count) {
        Integer[] idx = new Integer[bins.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            double va = bins[a].p95Subsidence();
            double vb = bins[b].p95Subsidence();
            if (Double.isNaN(va) != Double.isNaN(vb)) {
                return Double.isNaN(va) ? 1 : -1;
            }
            return Double.compare(vb, va);
        });
        int m = Math.min(count, idx.length);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
