package org.permasar.thermal;

import java.time.LocalDate;

/**
 * The onset detection as it was written per series before the block pass took over (smooth the series, then scan
 * each calendar year from its maximum): the reference {@link FreezeThawOnsetsBlockTest} compares
 * {@link FreezeThawOnsets#detect} and {@link FreezeThawOnsets#detectBlock} with, bit for bit.
 */
final class FreezeThawOnsetsReference {
    private FreezeThawOnsetsReference() {
    }

    static FreezeThawOnsets.Result detect(FreezeThawOnsets on, LocalDate start, double[] daily) {
        int n = daily.length;
        double[] s = new double[n];
        smooth(on.windowDays(), on.minValidFraction(), daily, s, new double[n + 1], new int[n + 1]);
        return detectSmoothed(start, s);
    }

    /** FreezeThawOnsets.smooth into {@code out}, with workspaces of {@code n + 1} values. */
    static void smooth(int windowDays, double minValidFraction, double[] daily, double[] out, double[] sum, int[] cnt) {
        int n = daily.length;
        for (int i = 0; i < n; i++) {
            boolean v = !Double.isNaN(daily[i]);
            sum[i + 1] = sum[i] + (v ? daily[i] : 0);
            cnt[i + 1] = cnt[i] + (v ? 1 : 0);
        }
        int h = windowDays / 2;
        double need = minValidFraction * windowDays;
        for (int i = 0; i < n; i++) {
            int a = Math.max(0, i - h);
            int b = Math.min(n, i + h + 1);
            int c = cnt[b] - cnt[a];
            out[i] = c >= need && c > 0 ? (sum[b] - sum[a]) / c : Double.NaN;
        }
    }

    /** The onsets of a series already smoothed. */
    static FreezeThawOnsets.Result detectSmoothed(LocalDate start, double[] s) {
        LocalDate end = start.plusDays(s.length - 1L);
        int y0 = start.getDayOfYear() == 1 ? start.getYear() : start.getYear() + 1;
        int y1 = end.getDayOfYear() == end.lengthOfYear() ? end.getYear() : end.getYear() - 1;
        int ny = Math.max(0, y1 - y0 + 1);
        double[] thaw = new double[ny];
        double[] freeze = new double[ny];
        double st = 0, sf = 0;
        int nt = 0, nf = 0;
        for (int k = 0; k < ny; k++) {
            LocalDate jan1 = LocalDate.of(y0 + k, 1, 1);
            int i0 = (int) (jan1.toEpochDay() - start.toEpochDay());
            int i1 = i0 + jan1.lengthOfYear() - 1;
            int peak = -1;
            for (int i = i0; i <= i1; i++) {
                if (!Double.isNaN(s[i]) && (peak < 0 || s[i] > s[peak])) {
                    peak = i;
                }
            }
            thaw[k] = Double.NaN;
            freeze[k] = Double.NaN;
            if (peak < 0 || s[peak] < 0) {
                continue;
            }
            int i = peak;
            while (i >= i0 && s[i] >= 0) {             // NaN stops the scan (comparison false)
                i--;
            }
            if (i >= i0 && !Double.isNaN(s[i])) {
                thaw[k] = i + 1 - i0 + 1;               // day after the last sub-zero day
                st += thaw[k];
                nt++;
            }
            int j = peak;
            int jMax = Math.min(s.length - 1, peak + 365);
            while (j <= jMax && s[j] >= 0) {
                j++;
            }
            if (j <= jMax && !Double.isNaN(s[j])) {
                freeze[k] = j - i0 + 1;
                sf += freeze[k];
                nf++;
            }
        }
        return new FreezeThawOnsets.Result(y0, thaw, freeze, nt > 0 ? st / nt : Double.NaN, nf > 0 ? sf / nf : Double.NaN);
    }
}
