package org.permasar.hydro;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds recession segments in a daily discharge series and estimates −dQ/dt in each (rules in
 * {@link RecessionCriteria}, derivatives in {@link DerivativeMethod}). Stateless and thread-safe.
 */
public final class RecessionExtractor {
    private RecessionExtractor() {
    }

    /** The segments of {@code s} under {@code c}, in date order. */
    public static List<RecessionEvent> extract(DischargeSeries s, RecessionCriteria c) {
        int n = s.size();
        boolean[] usable = new boolean[n];
        for (int i = 0; i < n; i++) {
            double v = s.q(i);
            usable[i] = Double.isFinite(v) && v > 0 && !(c.excludeFlagged() && s.flagged(i)) && c.inSeason(s.date(i));
        }
        List<RecessionEvent> out = new ArrayList<>();
        int i = 0;
        while (i < n - 1) {
            // a falling limb starts at peak day p when p and p+1 are usable and Q(p+1) < Q(p)
            if (!(usable[i] && usable[i + 1] && s.q(i + 1) < s.q(i))) {
                i++;
                continue;
            }
            int p = i;
            int e = i + 1;
            while (e + 1 < n && usable[e + 1] && s.q(e + 1) < s.q(e)) {
                e++;
            }
            int first = p + 1 + c.dropAfterPeak();
            if (e - first + 1 >= c.minDays()) {
                RecessionEvent ev = segment(s, first, e, out.size(), c.derivative());
                if (ev.points() > 0) {
                    out.add(ev);
                }
            }
            i = e; // the last day of a limb may be the next limb's peak only if it rises after; it cannot, so move on
        }
        return out;
    }

    private static RecessionEvent segment(DischargeSeries s, int first, int last, int index, DerivativeMethod m) {
        int len = last - first + 1;
        double[] q = new double[len];
        for (int k = 0; k < len; k++) {
            q[k] = s.q(first + k);
        }
        long day0 = s.date(first).toEpochDay();
        double[] pq = new double[len];
        double[] rate = new double[len];
        long[] pd = new long[len];
        int np = 0;
        switch (m) {
            case BACKWARD -> {
                for (int k = 1; k < len; k++) {
                    // Brutsaert & Nieber (1977): −dQ/dt = Q(t−1) − Q(t) at Q = (Q(t−1) + Q(t))/2, Δt = 1 day
                    pq[np] = 0.5 * (q[k - 1] + q[k]);
                    rate[np] = q[k - 1] - q[k];
                    pd[np++] = day0 + k;
                }
            }
            case CENTRAL -> {
                for (int k = 1; k < len - 1; k++) {
                    // −dQ/dt = (Q(t−1) − Q(t+1)) / (2Δt) at Q(t)
                    pq[np] = q[k];
                    rate[np] = 0.5 * (q[k - 1] - q[k + 1]);
                    pd[np++] = day0 + k;
                }
            }
            case ETS -> np = exponentialTimeStepping(q, day0, pq, rate, pd);
            default -> throw new IllegalStateException(m.toString());
        }
        int kept = 0;
        for (int k = 0; k < np; k++) {
            if (rate[k] > 0 && Double.isFinite(rate[k])) {
                pq[kept] = pq[k];
                rate[kept] = rate[k];
                pd[kept++] = pd[k];
            }
        }
        return new RecessionEvent(index, s.date(first), s.date(last), q, java.util.Arrays.copyOf(pq, kept),
                java.util.Arrays.copyOf(rate, kept), java.util.Arrays.copyOf(pd, kept));
    }

    /**
     * Roques, Rupp &amp; Selker (2017, Adv. Water Resour. 108:29, §2.3): γ from the least-squares fit of
     * ln Q = c − γt over the segment; window at position i (1-based) m(i) = 1 + ⌈n·exp(−1/(γ·i))⌉ with
     * n = 0.1·L; over days i … i+m the point is (mean Q, −slope of Q on t). Stops when the window
     * would leave the segment. Returns the number of points written.
     */
    static int exponentialTimeStepping(double[] q, long day0, double[] pq, double[] rate, long[] pd) {
        int len = q.length;
        double st = 0, sl = 0, stt = 0, stl = 0;
        for (int k = 0; k < len; k++) {
            double l = Math.log(q[k]);
            st += k;
            sl += l;
            stt += (double) k * k;
            stl += k * l;
        }
        double gamma = -(len * stl - st * sl) / (len * stt - st * st);
        double nWin = 0.1 * len;
        int np = 0;
        for (int i = 0; i < len; i++) {
            int m = 1 + (int) Math.ceil(nWin * Math.exp(-1.0 / (gamma * (i + 1))));
            if (i + m > len - 1) {
                break;
            }
            double mt = 0, mq = 0;
            for (int k = i; k <= i + m; k++) {
                mt += k;
                mq += q[k];
            }
            mt /= m + 1;
            mq /= m + 1;
            double sxy = 0, sxx = 0;
            for (int k = i; k <= i + m; k++) {
                sxy += (k - mt) * (q[k] - mq);
                sxx += (k - mt) * (k - mt);
            }
            pq[np] = mq;
            rate[np] = -sxy / sxx;
            pd[np++] = day0 + i;
        }
        return np;
    }
}
