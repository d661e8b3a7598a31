package org.permasar.timefn;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.permasar.inversion.InversionInput;
import org.permasar.inversion.InversionParameters;
import org.permasar.inversion.InversionResult;
import org.permasar.inversion.QualityFlag;
import org.permasar.inversion.TimeSeriesInversion;
import org.permasar.network.Network;
import org.permasar.network.Pair;

/**
 * One sensor's displacement series made of segments whose references are unrelated (the connected
 * components of a disconnected SBAS network, or campaigns of a short-lived sensor), put onto one reference
 * by the NSBAS inversion that {@code permasar invert --method nsbas} uses (López-Quiroz et al. 2009; Doin
 * et al. 2011), optionally with the rate held at an external value from another sensor (the
 * data-constrained variant of seed 003).
 *
 * <p>Each segment becomes a chain of increments between consecutive valid dates (exact: a chain carries
 * the whole information of a referenced series); the NSBAS rows γ(φ_d − c − v·t_d − a·cos ωt_d −
 * b·sin ωt_d) = 0 for every date tie the segments together through the model. With an external v the
 * model has only c, a, b free, so the offsets between segments come from the other sensor's rate rather
 * than from the short sensor's own, poorly determined one. Within a segment the result equals the input
 * up to the segment's constant (to float precision and the γ² = 10⁻⁴ pull of the model rows).
 *
 * <p>Units: displacement in any unit u, rate in u per year; NaN values are skipped and stay NaN. Stateless.
 */
public final class NsbasReconnection {
    /** NSBAS weight γ of the model rows, the inversion's default. */
    public static final double GAMMA = 0.01;

    private NsbasReconnection() {
    }

    /**
     * Segments of a series: a new one starts where consecutive valid dates are more than {@code maxGapDays}
     * apart (no SBAS pair spans such a gap).
     */
    public static int[] segmentsByGap(LocalDate[] dates, double[] d, int maxGapDays) {
        int[] seg = new int[dates.length];
        int s = 0;
        LocalDate prev = null;
        for (int i = 0; i < dates.length; i++) {
            if (!Double.isFinite(d[i])) {
                seg[i] = -1;
                continue;
            }
            if (prev != null && dates[i].toEpochDay() - prev.toEpochDay() > maxGapDays) {
                s++;
            }
            seg[i] = s;
            prev = dates[i];
        }
        return seg;
    }

    /**
     * The series on one reference (its first valid date = 0).
     *
     * @param dates increasing dates
     * @param d displacement (NaN = missing)
     * @param segment segment id per date (values of a segment share a reference; ids need not be contiguous)
     * @param externalRate rate held fixed, units of d per year, or NaN to estimate it (free-rate NSBAS)
     * @throws IllegalArgumentException when dates do not increase, lengths differ, or the inversion is singular
     */
    public static double[] reconnect(LocalDate[] dates, double[] d, int[] segment, double externalRate) {
        if (dates.length != d.length || segment.length != d.length) {
            throw new IllegalArgumentException("dates, values and segments differ in length: " + dates.length + ", " + d.length
                    + ", " + segment.length);
        }
        for (int i = 1; i < dates.length; i++) {
            if (!dates[i].isAfter(dates[i - 1])) {
                throw new IllegalArgumentException("dates must increase: " + dates[i] + " after " + dates[i - 1]);
            }
        }
        // chain of increments within each segment
        List<Pair> pairs = new ArrayList<>();
        List<Double> inc = new ArrayList<>();
        java.util.Map<Integer, Integer> last = new java.util.HashMap<>();
        int valid = 0;
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                continue;
            }
            valid++;
            Integer j = last.put(segment[i], i);
            if (j != null) {
                pairs.add(new Pair(dates[j], dates[i]));
                inc.add(d[i] - d[j]);
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no segment has two valid dates");
        }
        // a segment of a single date has no pair: it cannot be placed and stays NaN
        Network net = new Network(pairs, null);
        double scale = 0;
        for (double v : inc) {
            scale = Math.max(scale, Math.abs(v));
        }
        scale = scale > 0 ? scale : 1; // the inversion works in float: increments scaled to O(1)
        float[] ph = new float[pairs.size()];
        for (int k = 0; k < ph.length; k++) {
            ph[k] = (float) (inc.get(k) / scale);
        }
        float[] ext = Double.isNaN(externalRate) ? null : new float[] {(float) (externalRate / scale)};
        TimeSeriesInversion inv = TimeSeriesInversion.create(net, InversionParameters.of("nsbas").withNsbasGamma(GAMMA));
        InversionResult r = inv.invert(new InversionInput(ph, null, null, ext, 1));
        if (r.flagOf(0) != QualityFlag.OK) {
            throw new IllegalArgumentException("the NSBAS inversion of " + valid + " dates in segments failed: " + r.flagOf(0));
        }
        List<LocalDate> nd = net.dates();
        double[] out = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            int k = Double.isFinite(d[i]) ? nd.indexOf(dates[i]) : -1;
            out[i] = k < 0 ? Double.NaN : r.phase()[k] * scale;
        }
        return out;
    }
}
