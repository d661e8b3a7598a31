package org.permasar.inversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.network.Pair;

/**
 * MintPy 1.5.1 ({@code python3 -m mintpy.cli.ifgram_inversion}) as an independent referee: the
 * same stack is inverted by MintPy and by us, results compared in radians. Skipped when
 * /usr/bin/python3 with MintPy and h5py is absent.
 */
class MintPyParityTest {
    private static final Path PY = Path.of("/usr/bin/python3");
    private static boolean available;

    @BeforeAll
    static void probe() throws Exception {
        available = Files.isExecutable(PY) && run(List.of(PY.toString(), "-c", "import mintpy, h5py"), Path.of(".")) == 0;
    }

    @ParameterizedTest(name = "{0} {1} weight={2}")
    @CsvSource({
        "synth, 42, var, ''",
        "synth, 42, no, ''",
        "synth, 7, fim, ''",
        "synth, 7, coh, ''",
        // Etna: 61 dates but rank 59 (split network): MintPy refuses weighted inversion there, so only -w no
        "file, insar/etna_kfts/etna_ifgramStack.h5, no, connectComponent",
        "file, insar/etna_kfts/etna_ifgramStack.h5, var, connectComponent",
    })
    void matchesMintPy(String mode, String src, String weight, String maskDset, @TempDir Path tmp) throws Exception {
        assumeTrue(available, "MintPy/h5py under /usr/bin/python3 not available");
        Path script = tmp.resolve("mintpy_parity.py");
        try (InputStream in = getClass().getResourceAsStream("mintpy_parity.py")) {
            Files.copy(in, script);
        }
        String source = src;
        if (mode.equals("file")) {
            Path shared = Path.of(System.getProperty("permasar.shared", "../shared"));
            Path f = shared.resolve("data").resolve(src);
            assumeTrue(Files.isRegularFile(f), "sample data missing: " + f);
            Path copy = tmp.resolve("in.h5"); // MintPy may write next to its input: work on a copy
            Files.copy(f, copy);
            source = copy.toString();
        }
        Path out = tmp.resolve("out");
        List<String> cmd = new ArrayList<>(List.of(PY.toString(), script.toString(), mode, source, out.toString(), weight));
        if (!maskDset.isEmpty()) {
            cmd.add(maskDset);
        }
        assertThat(run(cmd, tmp)).as("MintPy run %s", cmd).isZero();

        Map<String, String> meta = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("meta.txt"))) {
            String[] kv = line.split("=", 2);
            meta.put(kv[0], kv[1]);
        }
        int rows = Integer.parseInt(meta.get("rows")), cols = Integer.parseInt(meta.get("cols"));
        int npix = rows * cols;
        List<Pair> pairs = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("pairs.txt"))) {
            if (!l.isBlank()) {
                String[] d = l.trim().split("_");
                pairs.add(new Pair(Dates.parse(d[0]), Dates.parse(d[1])));
            }
        }
        Network net = new Network(pairs, null);
        float[] unw = readF32(out.resolve("unw.f32"));
        float[] coh = readF32(out.resolve("coh.f32"));
        float[] ts = readF32(out.resolve("ts.f32"));
        float[] tcoh = readF32(out.resolve("tcoh.f32"));
        float[] num = readF32(out.resolve("num.f32"));
        assertThat(ts.length).isEqualTo(net.dateCount() * npix);
        double lambda = Double.parseDouble(meta.get("WAVELENGTH"));
        int ref = Integer.parseInt(meta.get("REF_Y")) * cols + Integer.parseInt(meta.get("REF_X"));
        double ncl = meta.containsKey("NCORRLOOKS") ? Double.parseDouble(meta.get("NCORRLOOKS")) : Double.NaN;
        int looks = WeightFunction.mintpyLooks(ncl, Integer.parseInt(meta.getOrDefault("ALOOKS", "1")),
                Integer.parseInt(meta.getOrDefault("RLOOKS", "1")));

        ReferencePoint.subtractPixel(unw, npix, ref, true);
        WeightFunction wf = WeightFunction.byName(weight);
        InversionParameters prm = (wf == WeightFunction.NO ? InversionParameters.of("l2")
                : InversionParameters.of("wls").withWeight(wf)).withLooks(looks);
        InversionResult r = TimeSeriesInversion.create(net, prm).invert(InversionInput.of(unw, coh, npix));

        PhaseConversion.toRadians(ts, lambda);
        List<Double> dPhase = new ArrayList<>();
        List<Double> dCoh = new ArrayList<>();
        int solved = 0;
        for (int p = 0; p < npix; p++) {
            if (p == ref) {
                continue;
            }
            QualityFlag f = r.flagOf(p);
            if (num[p] == 0) {
                assertThat(f).as("pixel %d unsolved by MintPy", p).isIn(QualityFlag.ALL_NAN, QualityFlag.TOO_FEW_PAIRS);
                continue;
            }
            solved++;
            assertThat(f).as("pixel %d", p).isIn(QualityFlag.OK, QualityFlag.MIN_NORM_VELOCITY);
            assertThat((float) r.pairsUsed()[p]).as("numInvIfgram pixel %d", p).isEqualTo(num[p]);
            for (int d = 1; d < net.dateCount(); d++) {
                dPhase.add(Math.abs((double) r.phase()[d * npix + p] - ts[d * npix + p]));
            }
            dCoh.add(Math.abs((double) r.temporalCoherence()[p] - tcoh[p]));
        }
        double medPhase = median(dPhase), medCoh = median(dCoh);
        System.out.printf("MintPy parity %s %s w=%s: %d px, median|dphi|=%.2e rad (max %.2e), median|dtcoh|=%.2e (max %.2e)%n",
                mode, src, weight, solved, medPhase, max(dPhase), medCoh, max(dCoh));
        assertThat(solved).isGreaterThan(npix / 2);
        assertThat(medPhase).isLessThanOrEqualTo(1e-4);
        assertThat(medCoh).isLessThanOrEqualTo(1e-4);
        assertThat(max(dCoh)).isLessThanOrEqualTo(1e-3);
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a.length == 0 ? Double.NaN : a[a.length / 2];
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    static float[] readF32(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        float[] a = new float[b.remaining() / 4];
        b.asFloatBuffer().get(a);
        return a;
    }

    static int run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("referee.log").toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
