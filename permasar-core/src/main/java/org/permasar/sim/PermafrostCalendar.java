package org.permasar.sim;

/**
 * Freeze–thaw calendar and PECM basis functions of one pixel, from its daily land-surface
 * temperature (°C). Mutable workspace: {@link #load} replaces the pixel; reuse one instance per
 * thread, never share it across threads.
 *
 * <p>Definitions (the simulator's truth; tests recompute them with their own loops):
 * <ul>
 *   <li>Smoothed series s(d): centred running mean of the daily LST over days d−7 … d+7 (15
 *       days), the window clipped at the ends of the series.</li>
 *   <li>Thaw onset of calendar year y: the first day d of year y (d ≥ 1 in the series) with
 *       s(d−1) &lt; 0 ≤ s(d) (seed 001 §3.2: 0 °C crossing of a smoothed series).</li>
 *   <li>Permafrost year k (T = k+1 in Chen et al. 2018): from the thaw onset of calendar year k
 *       of the series to the day before the next thaw onset (the last year: to the series end).</li>
 *   <li>Freeze onset of permafrost year k: the <em>last</em> day d inside the year with
 *       s(d−1) ≥ 0 &gt; s(d).</li>
 *   <li>ADDT(τ) = Σ max(T(d), 0), ADDF(τ) = Σ max(−T(d), 0) over raw daily values, d from the
 *       year's thaw onset to τ inclusive, °C·day.</li>
 *   <li>L(τ) = k + (τ−τ_t)/(τ_f−τ_t) for τ_t ≤ τ ≤ τ_f and k + 1 after τ_f (Chen et al. 2018,
 *       eq. 3, SCIENCE.md §2).</li>
 *   <li>I(τ) = max(0, √ADDT(τ) − √(κ_f/κ_t)·√ADDF(τ)) (Chen et al. 2018, eq. 4, SCIENCE.md §2);
 *       for each complete year whose I would stay &gt; 0 at its last day with the pixel's base
 *       ratio, κ_f/κ_t = ADDT_end/ADDF_end so that I closes at 0. The last (incomplete) year
 *       keeps the base ratio.</li>
 * </ul>
 * Days before the first thaw onset belong to no permafrost year: L and I are NaN there.
 */
final class PermafrostCalendar {
    /** Half-width of the onset smoothing window, days. */
    static final int SMOOTH_HALF = 7;

    private final int days;
    private final int[] yearStart;
    private final int years;
    private final double[] temp;
    private final double[] smooth;
    private final double[] cumThaw;
    private final double[] cumFreeze;
    private final int[] thaw;
    private final int[] freeze;
    private final double[] ratio;

    /**
     * @param days      length of the daily series
     * @param yearStart day index of 1 January of each calendar year of the series, plus a final
     *                  entry equal to {@code days}
     */
    PermafrostCalendar(int days, int[] yearStart) {
        this.days = days;
        this.yearStart = yearStart.clone();
        this.years = yearStart.length - 1;
        temp = new double[days];
        smooth = new double[days];
        cumThaw = new double[days + 1];
        cumFreeze = new double[days + 1];
        thaw = new int[years];
        freeze = new int[years];
        ratio = new double[years];
    }

    /**
     * Loads one pixel: {@code daily[offset + d·stride]} is its LST (°C) on day d.
     *
     * @param kappaRatio base κ_f/κ_t (&gt; 0)
     * @throws IllegalStateException when a year has no thaw or freeze onset (the simulator's
     *                               climate guarantees both; this signals a generator bug)
     */
    void load(float[] daily, int offset, int stride, double kappaRatio) {
        for (int d = 0; d < days; d++) {
            temp[d] = daily[offset + d * stride];
        }
        double acc = 0;
        int lo = 0, hi = -1;
        for (int d = 0; d < days; d++) {
            int wantLo = Math.max(0, d - SMOOTH_HALF), wantHi = Math.min(days - 1, d + SMOOTH_HALF);
            while (hi < wantHi) {
                acc += temp[++hi];
            }
            while (lo < wantLo) {
                acc -= temp[lo++];
            }
            smooth[d] = acc / (hi - lo + 1);
        }
        for (int d = 0; d < days; d++) {
            cumThaw[d + 1] = cumThaw[d] + Math.max(temp[d], 0);     // ADDT = Σ max(T, 0)
            cumFreeze[d + 1] = cumFreeze[d] + Math.max(-temp[d], 0); // ADDF = Σ max(−T, 0)
        }
        for (int k = 0; k < years; k++) {
            thaw[k] = -1;
            for (int d = Math.max(1, yearStart[k]); d < yearStart[k + 1]; d++) {
                if (smooth[d - 1] < 0 && smooth[d] >= 0) {
                    thaw[k] = d;
                    break;
                }
            }
            if (thaw[k] < 0) {
                throw new IllegalStateException("no thaw onset in calendar year " + k + " of the series");
            }
        }
        for (int k = 0; k < years; k++) {
            int end = yearEnd(k);
            freeze[k] = -1;
            for (int d = end; d > thaw[k]; d--) {
                if (smooth[d - 1] >= 0 && smooth[d] < 0) {
                    freeze[k] = d;
                    break;
                }
            }
            if (freeze[k] < 0) {
                throw new IllegalStateException("no freeze onset in permafrost year " + k);
            }
            ratio[k] = kappaRatio;
            if (k < years - 1) {
                double addt = cumThaw[end + 1] - cumThaw[thaw[k]];
                double addf = cumFreeze[end + 1] - cumFreeze[thaw[k]];
                if (Math.sqrt(addt) - Math.sqrt(kappaRatio) * Math.sqrt(addf) > 0) {
                    ratio[k] = addt / addf; // closure rule, SCIENCE.md §2: I(end of year) = 0
                }
            }
        }
    }

    /** Number of calendar years (= permafrost years) of the series. */
    int years() {
        return years;
    }

    /** Last day (inclusive) of permafrost year k. */
    int yearEnd(int k) {
        return k + 1 < years ? thaw[k + 1] - 1 : days - 1;
    }

    /** Thaw onset day index of permafrost year k. */
    int thawOnset(int k) {
        return thaw[k];
    }

    /** Freeze onset day index of permafrost year k. */
    int freezeOnset(int k) {
        return freeze[k];
    }

    /** κ_f/κ_t used in year k (after the closure rule). */
    double kappaRatio(int k) {
        return ratio[k];
    }

    /** Permafrost year holding day d, or −1 before the first thaw onset. */
    int yearOf(int d) {
        int k = -1;
        while (k + 1 < years && thaw[k + 1] <= d) {
            k++;
        }
        return k;
    }

    /** ADDT on day d within its permafrost year, °C·day (NaN before the first thaw). */
    double addt(int d) {
        int k = yearOf(d);
        return k < 0 ? Double.NaN : cumThaw[d + 1] - cumThaw[thaw[k]];
    }

    /** ADDF on day d within its permafrost year, °C·day (NaN before the first thaw). */
    double addf(int d) {
        int k = yearOf(d);
        return k < 0 ? Double.NaN : cumFreeze[d + 1] - cumFreeze[thaw[k]];
    }

    /** PECM thaw-time basis L on day d (Chen et al. 2018, eq. 3), permafrost years. */
    double l(int d) {
        int k = yearOf(d);
        if (k < 0) {
            return Double.NaN;
        }
        if (d >= freeze[k]) {
            return k + 1.0;
        }
        return k + (d - thaw[k]) / (double) (freeze[k] - thaw[k]);
    }

    /** PECM frost-heave / thaw-settlement basis I on day d (Chen et al. 2018, eq. 4), √(°C·day). */
    double i(int d) {
        int k = yearOf(d);
        if (k < 0) {
            return Double.NaN;
        }
        double addt = cumThaw[d + 1] - cumThaw[thaw[k]];
        double addf = cumFreeze[d + 1] - cumFreeze[thaw[k]];
        return Math.max(0, Math.sqrt(addt) - Math.sqrt(ratio[k]) * Math.sqrt(addf));
    }

    /** Largest daily I within permafrost year k, √(°C·day). */
    double maxI(int k) {
        double m = 0, sqrtRatio = Math.sqrt(ratio[k]);
        double t0 = cumThaw[thaw[k]], f0 = cumFreeze[thaw[k]];
        for (int d = thaw[k], end = yearEnd(k); d <= end; d++) {
            m = Math.max(m, Math.sqrt(cumThaw[d + 1] - t0) - sqrtRatio * Math.sqrt(cumFreeze[d + 1] - f0));
        }
        return m;
    }
}
