package org.permasar.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AscDescDecompositionTest {

    /**
     * Independent LOS model from the satellite heading (clockwise from north) of a right-looking SAR:
     * the ground → satellite horizontal direction is heading − 90° clockwise from north.
     */
    private static double losFromHeading(double east, double up, double incDeg, double headingDeg) {
        double h = Math.toRadians(headingDeg - 90);
        double s = Math.sin(Math.toRadians(incDeg));
        return east * s * Math.sin(h) + up * Math.cos(Math.toRadians(incDeg));
    }

    @Test
    void unitVectorMatchesHeadingGeometry() {
        // Sentinel-1 ascending: heading -12 deg  <=> MintPy azimuthAngle 90 - (-12) = 102 deg
        double inc = 39;
        double s = Math.sin(Math.toRadians(inc));
        assertThat(LosGeometry.unitEast(inc, 102)).isCloseTo(s * Math.sin(Math.toRadians(-102)), within(1e-12));
        assertThat(LosGeometry.unitNorth(inc, 102)).isCloseTo(s * Math.cos(Math.toRadians(-102)), within(1e-12));
        assertThat(LosGeometry.unitEast(inc, 102)).isNegative(); // ascending looks east: satellite is west
        assertThat(LosGeometry.unitEast(inc, -102)).isPositive();
    }

    @Test
    void recoversKnownEastUpNoiseFree() {
        long seed = 20240521L;
        System.out.println("AscDescDecompositionTest seed " + seed);
        Random rnd = new Random(seed);
        int n = 500;
        float[] a = new float[n], ia = new float[n], aa = new float[n], d = new float[n], id = new float[n], ad = new float[n];
        double[] e = new double[n], u = new double[n];
        double[] out = new double[2];
        for (int k = 0; k < n; k++) {
            e[k] = (rnd.nextDouble() - 0.5) * 0.1;
            u[k] = (rnd.nextDouble() - 0.5) * 0.1;
            double incA = 30 + 16 * rnd.nextDouble(), incD = 30 + 16 * rnd.nextDouble();
            double headA = -12 + 4 * rnd.nextDouble(), headD = -168 + 4 * rnd.nextDouble();
            double losA = losFromHeading(e[k], u[k], incA, headA);
            double losD = losFromHeading(e[k], u[k], incD, headD);
            assertThat(AscDescDecomposition.decompose(losA, incA, 90 - headA, losD, incD, 90 - headD, out))
                    .isEqualTo(EastUp.OK);
            assertThat(out[0]).isCloseTo(e[k], within(1e-9));
            assertThat(out[1]).isCloseTo(u[k], within(1e-9));
            a[k] = (float) losA; ia[k] = (float) incA; aa[k] = (float) (90 - headA);
            d[k] = (float) losD; id[k] = (float) incD; ad[k] = (float) (90 - headD);
        }
        EastUp r = AscDescDecomposition.decompose(a, ia, aa, d, id, ad);
        for (int k = 0; k < n; k++) {
            assertThat((double) r.east()[k]).isCloseTo(e[k], within(1e-5)); // float storage
            assertThat((double) r.up()[k]).isCloseTo(u[k], within(1e-5));
        }
    }

    @Test
    void nanAndSingularPixelsAreFlagged() {
        double[] out = new double[2];
        assertThat(AscDescDecomposition.decompose(Double.NaN, 39, 102, 0.01, 34, -102, out)).isEqualTo(EastUp.NO_DATA);
        assertThat(out[0]).isNaN();
        // identical geometry twice: rows are parallel
        assertThat(AscDescDecomposition.decompose(0.01, 39, 102, 0.01, 39, 102, out)).isEqualTo(EastUp.SINGULAR);
        assertThat(out[1]).isNaN();
        // separable() says the same before any value is decomposed (the geometry step refuses one track twice)
        assertThat(AscDescDecomposition.separable(39, 102, 39, 102)).isFalse();
        assertThat(AscDescDecomposition.separable(39, 102, 34, -102)).isTrue();
        assertThat(AscDescDecomposition.separable(Double.NaN, 102, 34, -102)).isFalse();
    }

    @Test
    void seasonalDecompositionRecoversAmplitudeAndTiming() {
        // east: 8 mm peaking on day 200; up: 30 mm peaking on day 250; signal = A cos(w(t - tp))
        double w = 2 * Math.PI / 365.25;
        double ce = 0.008 * Math.cos(w * 200), se = 0.008 * Math.sin(w * 200);
        double cu = 0.030 * Math.cos(w * 250), su = 0.030 * Math.sin(w * 250);
        double cA = losFromHeading(ce, cu, 39, -12), sA = losFromHeading(se, su, 39, -12);
        double cD = losFromHeading(ce, cu, 34, -168), sD = losFromHeading(se, su, 34, -168);
        double ampA = Math.hypot(cA, sA), dayA = (Math.atan2(sA, cA) / w + 365.25) % 365.25;
        double ampD = Math.hypot(cD, sD), dayD = (Math.atan2(sD, cD) / w + 365.25) % 365.25;
        double[] out = new double[4];
        AscDescDecomposition.decomposeSeasonal(ampA, dayA, 39, 102, ampD, dayD, 34, 90 + 168, out);
        assertThat(out[0]).isCloseTo(0.008, within(1e-9));
        assertThat(out[1]).isCloseTo(200, within(1e-6));
        assertThat(out[2]).isCloseTo(0.030, within(1e-9));
        assertThat(out[3]).isCloseTo(250, within(1e-6));
    }

    @Test
    void losToVerticalDividesByCosine() {
        assertThat(LosGeometry.losToVertical(0.01, 60)).isCloseTo(0.02, within(1e-15));
        assertThat(LosGeometry.losToVertical(0.01, 95)).isNaN();
        float[] v = LosGeometry.losToVertical(new float[] {0.01f, Float.NaN}, new float[] {0f, 30f});
        assertThat(v[0]).isEqualTo(0.01f);
        assertThat(v[1]).isNaN();
    }

    @Test
    void agreesWithMintPyAscDesc2HorzVert() throws Exception {
        Path py = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(py), "Debian python3 absent");
        String script = "import numpy as np\n"
                + "from mintpy.asc_desc2horz_vert import asc_desc2horz_vert\n"
                + "d=np.array([0.01,-0.02]).reshape(2,1,1)\n"
                + "h,v=asc_desc2horz_vert(d,np.array([39.,34.]),np.array([102.,-102.]))\n"
                + "print('RESULT %.9f %.9f' % (h[0,0], v[0,0]))\n";
        Process p = new ProcessBuilder(py.toString(), "-c", script).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("RESULT")) {
                    result = line;
                }
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        assumeTrue(result != null, "MintPy not importable");
        String[] f = result.split(" ");
        double[] out = new double[2];
        AscDescDecomposition.decompose(0.01, 39, 102, -0.02, 34, -102, out);
        // MintPy computes in float32
        assertThat(out[0]).isCloseTo(Double.parseDouble(f[1]), within(1e-6));
        assertThat(out[1]).isCloseTo(Double.parseDouble(f[2]), within(1e-6));
    }
}
