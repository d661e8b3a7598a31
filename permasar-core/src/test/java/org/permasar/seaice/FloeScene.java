package org.permasar.seaice;

import java.util.Random;

/**
 * A simulated pair of SAR images of drifting ice floes, with the motion known exactly: 3 × 3 disc floes
 * (radius 62 px, centres 160 px apart, so 36 px of open water between them) on a 480 × 480 px scene. Each
 * floe carries its own texture, Gaussian blobs (σ 2 px, one per 6 px lattice cell, random amplitude) in floe
 * coordinates, at −12 + 4·texture dB; open water is −22 dB. Floe f moves rigidly: a point p goes to
 * c_f + t_f + R(φ_f)(p − c_f), with t_f = common drift + a per-floe part within ±8 px, φ_f within ±maxDeg.
 * Both images are rendered from the closed-form texture (no resampling), then independent L-look intensity
 * speckle is applied and the images are returned in dB. Test helper; immutable after construction.
 */
final class FloeScene {
    static final int SIZE = 480, GRID = 3;
    static final double RADIUS = 62, SPACING = 160;
    final double[] cy = new double[GRID * GRID], cx = new double[GRID * GRID];
    final double[] ty = new double[GRID * GRID], tx = new double[GRID * GRID], phi = new double[GRID * GRID];
    final float[] reference, secondary;
    private final double[][] by = new double[GRID * GRID][], bx = new double[GRID * GRID][], amp = new double[GRID * GRID][];
    private static final double CELL = 6, SIG = 2;
    private static final int LAT = (int) Math.ceil(2 * (RADIUS + 12) / CELL);

    FloeScene(long seed, double driftY, double driftX, double maxDeg, int looks) {
        Random rnd = new Random(seed);
        for (int f = 0; f < GRID * GRID; f++) {
            cy[f] = 80 + SPACING * (f / GRID);
            cx[f] = 80 + SPACING * (f % GRID);
            ty[f] = driftY + 16 * (rnd.nextDouble() - 0.5);
            tx[f] = driftX + 16 * (rnd.nextDouble() - 0.5);
            phi[f] = Math.toRadians(maxDeg * (2 * rnd.nextDouble() - 1));
            by[f] = new double[LAT * LAT];
            bx[f] = new double[LAT * LAT];
            amp[f] = new double[LAT * LAT];
            for (int i = 0; i < LAT; i++) {
                for (int j = 0; j < LAT; j++) {
                    by[f][i * LAT + j] = (i + rnd.nextDouble()) * CELL - (RADIUS + 12);
                    bx[f][i * LAT + j] = (j + rnd.nextDouble()) * CELL - (RADIUS + 12);
                    amp[f][i * LAT + j] = rnd.nextGaussian();
                }
            }
        }
        reference = render(false, rnd, looks);
        secondary = render(true, rnd, looks);
    }

    /** Index of the floe whose reference disc holds (y, x) at least {@code inset} px inside its edge, or −1. */
    int floeAt(double y, double x, double inset) {
        for (int f = 0; f < cy.length; f++) {
            if (Math.hypot(y - cy[f], x - cx[f]) <= RADIUS - inset) {
                return f;
            }
        }
        return -1;
    }

    /** Index of the floe whose reference centre is nearest to (y, x). */
    int nearestFloe(double y, double x) {
        int best = 0;
        for (int f = 1; f < cy.length; f++) {
            if (Math.hypot(y - cy[f], x - cx[f]) < Math.hypot(y - cy[best], x - cx[best])) {
                best = f;
            }
        }
        return best;
    }

    /** True displacement {dr, dc} of reference point (y, x) carried by floe f. */
    double[] truth(int f, double y, double x) {
        double ly = y - cy[f], lx = x - cx[f], c = Math.cos(phi[f]), s = Math.sin(phi[f]);
        double ny = cy[f] + ty[f] + lx * s + ly * c, nx = cx[f] + tx[f] + lx * c - ly * s;
        return new double[] {ny - y, nx - x};
    }

    private float[] render(boolean moved, Random rnd, int looks) {
        float[] img = new float[SIZE * SIZE];
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                double db = -22;
                for (int f = 0; f < cy.length; f++) {
                    double y = r - cy[f] - (moved ? ty[f] : 0), x = c - cx[f] - (moved ? tx[f] : 0);
                    if (moved) { // floe coordinates: rotate back by −φ
                        double co = Math.cos(phi[f]), si = Math.sin(phi[f]);
                        double ly = -x * si + y * co, lx = x * co + y * si;
                        y = ly;
                        x = lx;
                    }
                    if (y * y + x * x <= RADIUS * RADIUS) {
                        db = -12 + 4 * texture(f, y, x);
                        break;
                    }
                }
                double gamma = 0;
                for (int l = 0; l < looks; l++) {
                    gamma -= Math.log(1 - rnd.nextDouble());
                }
                img[r * SIZE + c] = (float) (db + 10 * Math.log10(gamma / looks));
            }
        }
        return img;
    }

    private double texture(int f, double y, double x) {
        int ci = (int) Math.floor((y + RADIUS + 12) / CELL), cj = (int) Math.floor((x + RADIUS + 12) / CELL);
        double s = 0, k2 = 1 / (2 * SIG * SIG);
        for (int i = Math.max(0, ci - 2); i <= Math.min(LAT - 1, ci + 2); i++) {
            for (int j = Math.max(0, cj - 2); j <= Math.min(LAT - 1, cj + 2); j++) {
                int k = i * LAT + j;
                double dy = y - by[f][k], dx = x - bx[f][k];
                s += amp[f][k] * Math.exp(-(dy * dy + dx * dx) * k2);
            }
        }
        return s;
    }
}
