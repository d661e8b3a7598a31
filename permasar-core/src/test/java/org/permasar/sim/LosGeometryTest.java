package org.permasar.sim;

import org.permasar.geometry.LosGeometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LOS projection: closed-form unit vectors, the simulated scene's geometry, and MintPy 1.5.1's
 * {@code enu2los} as an external referee (skipped when /usr/bin/python3 or MintPy is absent).
 */
class LosGeometryTest {
    private static SimulatedScene scene;

    @BeforeAll
    static void simulate() {
        scene = SceneSimulator.simulate(SceneSpec.tiny().withNoise(false));
    }

    @Test
    void closedFormUnitVector() {
        // ascending, heading −12°: α = 102°, θ = 35°: east = −sin35·sin102, north = sin35·cos102, up = cos35
        double az = LosGeometry.azimuthFromHeading(-12);
        assertThat(az).isCloseTo(102, within(1e-12));
        assertThat(LosGeometry.azimuthFromHeading(-168)).isCloseTo(-102, within(1e-12));
        assertThat(LosGeometry.unitEast(35, 102)).isCloseTo(-0.573576436 * 0.978147601, within(1e-9));
        assertThat(LosGeometry.unitNorth(35, 102)).isCloseTo(0.573576436 * -0.207911691, within(1e-9));
        assertThat(LosGeometry.unitUp(35)).isCloseTo(0.819152044, within(1e-9));
        double e = LosGeometry.unitEast(35, 102), nn = LosGeometry.unitNorth(35, 102), u = LosGeometry.unitUp(35);
        assertThat(e * e + nn * nn + u * u).isCloseTo(1.0, within(1e-12));
        // a right-looking ascending radar looks east: eastward motion is away from it
        assertThat(LosGeometry.enuToLos(1, 0, 0, 35, 102)).isNegative();
        assertThat(LosGeometry.enuToLos(1, 0, 0, 35, -102)).isPositive();
    }

    @Test
    void verticalPixelProjectsWithCosineOfIncidence() {
        int n = scene.spec().size();
        int[] region = scene.truth().regions();
        int checked = 0;
        for (SimulatedTrack track : scene.tracks()) {
            for (int p = 0; p < n; p++) {
                if (!Region.of(region[p]).isSeasonal() && region[p] != Region.NON_SEASONAL.code()) {
                    continue;
                }
                double cosInc = Math.cos(Math.toRadians(track.incidenceAngle()[p]));
                for (int t = 0; t < track.dates().size(); t += 10) {
                    int k = t * n + p;
                    assertThat((double) track.truthLosDisplacement()[k])
                            .isCloseTo(track.truthUpDisplacement()[k] * cosInc, within(1e-7));
                    checked++;
                }
                assertThat((double) track.truthLosVelocity()[p])
                        .isCloseTo(scene.truth().verticalVelocity()[p] * cosInc, within(1e-7));
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void eastMovingSlopeHasOppositeSignsOnTheTwoTracks() {
        int n = scene.spec().size();
        int[] region = scene.truth().regions();
        int slope = 0;
        for (int p = 0; p < n; p++) {
            float ve = scene.truth().eastVelocity()[p];
            if (region[p] != Region.SLOPE.code() || Math.abs(ve) < 1e-3) {
                continue;
            }
            slope++;
            double a = scene.ascending().truthLosVelocity()[p], d = scene.descending().truthLosVelocity()[p];
            assertThat(Math.signum(a)).isEqualTo(-Math.signum(d));
            // westward creep (ve < 0) moves towards the ascending satellite, which looks east
            assertThat(a).isPositive();
            for (SimulatedTrack tr : scene.tracks()) {
                double inc = Math.toRadians(tr.incidenceAngle()[p]), az = Math.toRadians(tr.azimuthAngle()[p]);
                assertThat((double) tr.truthLosVelocity()[p]).isCloseTo(-ve * Math.sin(inc) * Math.sin(az), within(1e-7));
            }
        }
        assertThat(slope).isGreaterThan(3);
    }

    @Test
    void incidenceSpansTheSwathInOppositeDirections() {
        int cols = scene.spec().cols();
        float[] ai = scene.ascending().incidenceAngle(), di = scene.descending().incidenceAngle();
        assertThat(ai[0]).isCloseTo(30f, within(1e-4f));
        assertThat(ai[cols - 1]).isCloseTo(46f, within(1e-4f));
        assertThat(di[0]).isCloseTo(46f, within(1e-4f));
        assertThat(di[cols - 1]).isCloseTo(30f, within(1e-4f));
        assertThat(scene.ascending().azimuthAngle()[0]).isBetween(101f, 103f);
        assertThat(scene.descending().azimuthAngle()[0]).isBetween(-103f, -101f);
    }

    @Test
    void mintpyEnu2losReferee() throws Exception {
        Path py = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(py), "no /usr/bin/python3");
        double[][] cases = {{1, 0, 0, 30, 102}, {0, 1, 0, 38, 101.5}, {0, 0, 1, 46, -102}, {0.3, -0.2, 0.7, 41, -101.2}};
        StringBuilder code = new StringBuilder("from mintpy.utils import utils0 as u\n");
        for (double[] c : cases) {
            code.append(String.format(Locale.ROOT, "print(repr(float(u.enu2los(%s, %s, %s, %s, az_angle=%s))))%n",
                    c[0], c[1], c[2], c[3], c[4]));
        }
        Process proc = new ProcessBuilder(py.toString(), "-c", code.toString()).redirectErrorStream(true).start();
        String out;
        try {
            out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Assumptions.assumeTrue(proc.waitFor(60, TimeUnit.SECONDS) && proc.exitValue() == 0,
                () -> "MintPy not importable: " + out);
        String[] lines = out.strip().split("\\R");
        String[] tail = java.util.Arrays.copyOfRange(lines, lines.length - cases.length, lines.length);
        for (int k = 0; k < cases.length; k++) {
            double[] c = cases[k];
            assertThat(LosGeometry.enuToLos(c[0], c[1], c[2], c[3], c[4]))
                    .as("case %d", k).isCloseTo(Double.parseDouble(tail[k].strip()), within(1e-12));
        }
    }
}
