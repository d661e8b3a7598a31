package org.permasar.backscatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.permasar.backscatter.IncidenceSlopeModel.Term;

/**
 * Incidence-angle normalisation against simulated asc/desc scenes with a known slope field. Truth:
 * σ⁰(θ) = σ⁰₃₅ + k·(θ − 35) with σ⁰₃₅ a random surface (−10 ± 3 dB) and
 * k(lon, lat, h, d) = −0.9 + 0.01·lat + 0.05·h/km + 0.03·cos(2πd/365.25) dB/°; a 120 × 100 geographic grid
 * (lon −50 … −40, lat 65 … 75), heights 0 … 3000 m, ascending θ 30 → 45° and descending 45 → 30° across
 * the columns (plus a row-dependent 0 … 2°), independent 0.3 dB noise per pass, and a 0.25 dB offset
 * between the passes of pair 2.
 */
class IncidenceNormalizationTest {
    private static final int ROWS = 120, COLS = 100, N = ROWS * COLS;
    private static final int[] DAYS = {11, 107, 190, 287};

    private static double truthSlope(double lat, double h, int doy) {
        return -0.9 + 0.01 * lat + 0.05 * h / 1000 + 0.03 * Math.cos(2 * Math.PI * doy / 365.25);
    }

    /** Simulated scene: {lon, lat, h, σ35} and per pair the four images. */
    private static final class Scene {
        final float[] lon = new float[N], lat = new float[N], h = new float[N], s35 = new float[N];
        final List<IncidenceNormalization.Pair> pairs = new ArrayList<>();

        Scene(long seed, double noiseDb, int[] days, boolean withHeight) {
            Random rnd = new Random(seed);
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    int k = r * COLS + c;
                    lon[k] = (float) (-50 + 10.0 * (c + 0.5) / COLS);
                    lat[k] = (float) (75 - 10.0 * (r + 0.5) / ROWS);
                    h[k] = (float) (1500 + 1500 * Math.sin(c / 13.0) * Math.cos(r / 17.0));
                    s35[k] = (float) (-10 + 3 * rnd.nextGaussian());
                }
            }
            for (int i = 0; i < days.length; i++) {
                float[] sa = new float[N], ta = new float[N], sd = new float[N], td = new float[N];
                for (int r = 0; r < ROWS; r++) {
                    for (int c = 0; c < COLS; c++) {
                        int k = r * COLS + c;
                        double kk = truthSlope(lat[k], h[k], days[i]);
                        ta[k] = (float) (30 + 15.0 * c / (COLS - 1) + 2.0 * r / ROWS);
                        td[k] = (float) (45 - 15.0 * c / (COLS - 1) + 1.0 * r / ROWS);
                        sa[k] = (float) (s35[k] + kk * (ta[k] - 35) + noiseDb * rnd.nextGaussian() + (i == 2 ? 0.25 : 0));
                        sd[k] = (float) (s35[k] + kk * (td[k] - 35) + noiseDb * rnd.nextGaussian());
                    }
                }
                pairs.add(new IncidenceNormalization.Pair(sa, ta, sd, td, lon, lat, withHeight ? h : null, days[i]));
            }
        }
    }

    @Test
    void recoversKnownSlopeFieldAndAlignsPasses() {
        long seed = 20261207L;
        Scene s = new Scene(seed, 0.3, DAYS, true);
        IncidenceSlopeModel m = IncidenceNormalization.fit(s.pairs, NormalizationParameters.DEFAULTS);
        assertEquals(List.of(Term.CONSTANT, Term.X, Term.Y, Term.HEIGHT, Term.COS_DOY, Term.SIN_DOY), m.terms());
        // coefficients: truth 0 per ° lon, 0.01 per ° lat, 0.05 per km, 0.03 cos, 0 sin; tolerance 5 % of the
        // largest term and within 4 standard errors
        checkCoefficient(m, Term.X, 0, 5e-4);
        checkCoefficient(m, Term.Y, 0.01, 5e-4);
        checkCoefficient(m, Term.HEIGHT, 0.05, 2.5e-3);
        checkCoefficient(m, Term.COS_DOY, 0.03, 1.5e-3);
        checkCoefficient(m, Term.SIN_DOY, 0, 1.5e-3);
        assertEquals(0.25, m.pairOffsets()[2], 0.02, "offset of pair 2");
        assertEquals(0, m.pairOffsets()[0], 0.02, "offset of pair 0");
        assertEquals(0.3 * Math.sqrt(2), m.rms(), 0.01, "residual RMS is the noise of σa − σd");
        // the slope map everywhere within 0.005 dB/° of the truth
        double worst = 0;
        for (int d : DAYS) {
            for (int k = 0; k < N; k += 7) {
                worst = Math.max(worst, Math.abs(m.slope(s.lon[k], s.lat[k], s.h[k], d) - truthSlope(s.lat[k], s.h[k], d)));
            }
        }
        assertTrue(worst < 0.005, "max slope error " + worst + " dB/°, seed " + seed);
        // normalised passes agree: asc − desc RMS before vs after, and both equal σ⁰₃₅ within the noise
        IncidenceNormalization.Pair q = s.pairs.get(1);
        float[] na = IncidenceNormalization.normalize(q.sigmaAsc(), q.thetaAsc(), s.lon, s.lat, s.h, DAYS[1], m, 35);
        float[] nd = IncidenceNormalization.normalize(q.sigmaDesc(), q.thetaDesc(), s.lon, s.lat, s.h, DAYS[1], m, 35);
        double before = 0, after = 0, truthErr = 0;
        for (int k = 0; k < N; k++) {
            before += sq(q.sigmaAsc()[k] - q.sigmaDesc()[k]);
            after += sq(na[k] - nd[k]);
            truthErr += sq(na[k] - s.s35[k]);
        }
        before = Math.sqrt(before / N);
        after = Math.sqrt(after / N);
        truthErr = Math.sqrt(truthErr / N);
        assertTrue(before > 1, "the raw passes differ by " + before + " dB RMS");
        assertEquals(0.3 * Math.sqrt(2), after, 0.02, "normalised asc − desc RMS is the noise alone");
        assertEquals(0.3, truthErr, 0.02, "normalised asc vs the true σ⁰ at 35°");
    }

    @Test
    void oneDateNoHeightFitsTheSpatialTermsOnly() {
        Scene s = new Scene(7L, 0.3, new int[] {190}, false);
        IncidenceSlopeModel m = IncidenceNormalization.fit(s.pairs, NormalizationParameters.DEFAULTS);
        assertEquals(List.of(Term.CONSTANT, Term.X, Term.Y), m.terms());
        // the height term (mean 1500 m) is then absorbed: slope at the means is −0.9 + 0.01·70 + 0.05·h̄ + 0.03cos
        // the unmodelled height (correlated with latitude in this scene) biases β_y: only loosely
        assertEquals(0.01, m.coefficient(Term.Y), 2e-3);
        assertEquals(truthSlope(70, 1500, 190), m.coefficient(Term.CONSTANT), 0.01);
    }

    @Test
    void noiseFreeIsExact() {
        Scene s = new Scene(3L, 0, DAYS, true);
        // pair 2 carries a 0.25 dB offset that is not fitted here, so leave it out
        List<IncidenceNormalization.Pair> clean = List.of(s.pairs.get(0), s.pairs.get(1), s.pairs.get(3));
        IncidenceSlopeModel m = IncidenceNormalization.fit(clean, new NormalizationParameters(35, false, true));
        assertEquals(0.01, m.coefficient(Term.Y), 1e-5);
        assertEquals(0.05, m.coefficient(Term.HEIGHT), 1e-4);
        assertEquals(0.03, m.coefficient(Term.COS_DOY), 1e-4);
        assertTrue(m.rms() < 1e-4, "rms " + m.rms());
    }

    @Test
    void constantAngleDifferenceIsSingular() {
        Scene s = new Scene(5L, 0.3, new int[] {100}, false);
        IncidenceNormalization.Pair q = s.pairs.get(0);
        float[] ta = new float[N], td = new float[N];
        java.util.Arrays.fill(ta, 40f);
        java.util.Arrays.fill(td, 35f);
        IncidenceNormalization.Pair flat = new IncidenceNormalization.Pair(q.sigmaAsc(), ta, q.sigmaDesc(), td,
                s.lon, s.lat, null, 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IncidenceNormalization.fit(List.of(flat), NormalizationParameters.DEFAULTS));
        assertTrue(e.getMessage().contains("singular"), e.getMessage());
    }

    private static void checkCoefficient(IncidenceSlopeModel m, Term t, double truth, double tol) {
        double v = m.coefficient(t), se = m.stdError(t);
        assertEquals(truth, v, tol, t + " = " + v + " ± " + se);
        assertTrue(Math.abs(v - truth) < 4 * se + 1e-9 || Math.abs(v - truth) < tol / 5, t + " = " + v + " ± " + se
                + " is more than 4 standard errors from " + truth);
    }

    private static double sq(double v) {
        return v * v;
    }
}
