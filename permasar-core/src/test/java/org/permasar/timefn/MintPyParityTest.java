package org.permasar.timefn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Referee: MintPy 1.5.1 {@code timeseries2velocity --periodic 1.0} on the same arrays, written to a
 * timeseries.h5 by h5py. Skipped when /usr/bin/python3 with h5py and MintPy is absent.
 */
class MintPyParityTest {

    private static final Path PY = Path.of("/usr/bin/python3");

    private static boolean mintpyAvailable() {
        if (!Files.isExecutable(PY)) {
            return false;
        }
        try {
            Process pr = new ProcessBuilder(PY.toString(), "-c", "import h5py, mintpy.cli.timeseries2velocity")
                    .redirectErrorStream(true).start();
            pr.getInputStream().readAllBytes();
            return pr.waitFor(120, TimeUnit.SECONDS) && pr.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void velocityAmplitudePhaseAndStdMatchMintPy(@TempDir Path dir) throws Exception {
        assumeTrue(mintpyAvailable(), "MintPy 1.5.1 (/usr/bin/python3) not available");
        long seed = 20260421L;
        System.out.println("MintPyParityTest seed=" + seed);
        Random rnd = new Random(seed);
        int len = 5, wid = 7, npix = len * wid;
        List<LocalDate> dates = new ArrayList<>();
        LocalDate d = LocalDate.of(2015, 3, 17);
        for (int i = 0; i < 70; i++) {
            dates.add(d);
            d = d.plusDays(12 + rnd.nextInt(3) * 12);   // irregular 12/24/36-day sampling
        }
        int n = dates.size();
        float[] data = new float[n * npix];
        for (int q = 0; q < npix; q++) {
            double v = -0.03 + 0.04 * rnd.nextDouble();
            double amp = 0.02 * rnd.nextDouble();
            double ph = 2 * Math.PI * rnd.nextDouble();
            for (int i = 0; i < n; i++) {
                double t = TimeFunctionModel.mintpyYears(dates.get(i)) - TimeFunctionModel.mintpyYears(dates.get(0));
                double y = i == 0 ? 0 : v * t + amp * Math.sin(2 * Math.PI * t + ph) + 0.004 * rnd.nextGaussian();
                data[i * npix + q] = (float) y;
            }
        }
        ByteBuffer bb = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            bb.putFloat(f);
        }
        Files.write(dir.resolve("ts.f32"), bb.array());
        StringBuilder ds = new StringBuilder();
        for (LocalDate x : dates) {
            ds.append(x.toString().replace("-", "")).append('\n');
        }
        Files.writeString(dir.resolve("dates.txt"), ds);
        String script = String.join("\n",
                "import h5py, numpy as np, subprocess, sys",
                "dates = open('dates.txt').read().split()",
                "ts = np.fromfile('ts.f32', dtype='<f4').reshape(len(dates), " + len + ", " + wid + ")",
                "with h5py.File('timeseries.h5', 'w') as f:",
                "    f.create_dataset('timeseries', data=ts)",
                "    f.create_dataset('date', data=np.array(dates, dtype='S8'))",
                "    f.attrs.update(dict(FILE_TYPE='timeseries', LENGTH='" + len + "', WIDTH='" + wid
                        + "', UNIT='m', REF_Y='0', REF_X='0', REF_DATE=dates[0]))",
                "subprocess.run([sys.executable, '-m', 'mintpy.cli.timeseries2velocity', 'timeseries.h5',"
                        + " '--periodic', '1.0', '-o', 'vel.h5'], check=True, stdout=subprocess.DEVNULL)",
                "with h5py.File('vel.h5', 'r') as f:",
                "    for k in ['velocity', 'velocityStd', 'intercept', 'annualAmplitude', 'annualPhase']:",
                "        f[k][()].astype('<f8').tofile(k + '.f64')",
                "subprocess.run([sys.executable, '-m', 'mintpy.cli.timeseries2velocity', 'timeseries.h5',"
                        + " '--polynomial', '2', '--periodic', '1.0', '0.5', '--step', '20170601', '-o', 'vel2.h5'],"
                        + " check=True, stdout=subprocess.DEVNULL)",
                "with h5py.File('vel2.h5', 'r') as f:",
                "    for k in ['velocity', 'acceleration', 'accelerationStd', 'semiAnnualAmplitude', 'step20170601',"
                        + " 'step20170601Std']:",
                "        f[k][()].astype('<f8').tofile('m2_' + k + '.f64')",
                "");
        Files.writeString(dir.resolve("run.py"), script);
        Process pr = new ProcessBuilder(PY.toString(), "run.py").directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pr.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(pr.exitValue()).as(out).isZero();

        TimeFunctionFit.Result r = TimeFunctionFit.fit(TimeFunctionModel.linearAnnual(), dates, data, npix);
        assertClose(read(dir, "velocity"), r.rate(), 1e-6);
        assertClose(read(dir, "velocityStd"), r.rateStd(), 1e-6);
        assertClose(read(dir, "intercept"), r.intercept(), 1e-6);
        assertClose(read(dir, "annualAmplitude"), r.annualAmplitude(), 1e-6);
        // quadratic + annual + semi-annual + step model: MintPy's column conventions (t²/2, t > t_step)
        TimeFunctionModel m2 = new TimeFunctionModel(2, new double[] {1.0, 0.5}, List.of(LocalDate.of(2017, 6, 1)));
        TimeFunctionFit.Result r2 = TimeFunctionFit.fit(m2, dates, data, npix);
        double[] semi = new double[npix], acc = new double[npix], accStd = new double[npix];
        double[] step = new double[npix], stepStd = new double[npix];
        for (int q = 0; q < npix; q++) {
            acc[q] = r2.param(2, q);
            accStd[q] = r2.std(2, q);
            semi[q] = Math.hypot(r2.param(m2.periodicColumn(1), q), r2.param(m2.periodicColumn(1) + 1, q));
            step[q] = r2.param(7, q);
            stepStd[q] = r2.std(7, q);
        }
        assertClose(read(dir, "m2_velocity"), r2.rate(), 1e-6);
        assertClose(read(dir, "m2_acceleration"), acc, 1e-6);
        assertClose(read(dir, "m2_accelerationStd"), accStd, 1e-6);
        assertClose(read(dir, "m2_semiAnnualAmplitude"), semi, 1e-6);
        assertClose(read(dir, "m2_step20170601"), step, 1e-6);
        assertClose(read(dir, "m2_step20170601Std"), stepStd, 1e-6);

        double[] phase = read(dir, "annualPhase");
        for (int q = 0; q < npix; q++) {
            // phase difference modulo 2π; 1e-6 m of amplitude error at |A| ≥ 1 mm is ≤ 1e-3 rad
            double dphi = Math.IEEEremainder(phase[q] - r.annualPhase()[q], 2 * Math.PI);
            assertThat(Math.abs(dphi) * r.annualAmplitude()[q]).as("pixel %d |A|·Δphase", q).isLessThan(1e-6);
        }
    }

    private static double[] read(Path dir, String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name + ".f64"))).order(ByteOrder.LITTLE_ENDIAN);
        double[] x = new double[b.remaining() / 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = b.getDouble();
        }
        return x;
    }

    private static void assertClose(double[] expected, double[] actual, double tol) {
        assertThat(actual).hasSameSizeAs(expected);
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        System.out.println("max |MintPy - PermaSAR| = " + worst);
        assertThat(worst).isLessThan(tol);
    }
}
