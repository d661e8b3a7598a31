package org.permasar.cli.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.permasar.cli.CliRunner;
import org.permasar.io.geotiff.GeoTiffFolderFormat;
import org.permasar.io.folder.PairFolderStack;
import org.permasar.network.Network;

/**
 * The Mexico City GeoTIFF stack (PyRate cropA) with B⊥ from its {@code geometry/*_bperp.par}
 * tables: {@code permasar info --pairs} prints finite baselines, and the network plot's per-date
 * inversion reproduces every pair's B⊥ within the closure noise of GAMMA's per-pair baseline
 * estimates (worst triplet closure 1.18 m, see GammaBaselinesTest).
 */
class CropABaselinesTest {
    private static final Path CROPA = CliRunner.shared().resolve("data/insar/pyrate_cropA/geotiffs");
    private static final Pattern ROW = Pattern.compile("bperp\\s+(\\S+) m");

    @Test
    void infoPairsPrintsFiniteBaselines() {
        CliRunner.Result r = CliRunner.run("info", "--pairs", CROPA.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> rows = r.out().lines().filter(l -> l.startsWith("  ") && l.contains(" days  bperp")).toList();
        assertThat(rows).hasSize(30);
        for (String l : rows) {
            Matcher m = ROW.matcher(l);
            assertThat(m.find()).as(l).isTrue();
            assertThat(Double.parseDouble(m.group(1))).as(l).isFinite().isBetween(-110.0, 75.0);
        }
        // first pair 2018-01-06 → 2018-01-30: table centre 30.19 m (range 27.19…34.03 m over the scene)
        assertThat(rows.get(0)).contains("  30.19 m");
    }

    @Test
    void dateBaselinesInvertTheNetwork() throws IOException {
        try (PairFolderStack s = GeoTiffFolderFormat.openStack(CROPA)) {
            Network n = s.network();
            double[] d = NetworkPlot.dateBaselines(n);
            assertThat(d).hasSize(13);
            assertThat(d[0]).isCloseTo(0, within(1e-9));
            double rms = 0;
            for (int k = 0; k < n.pairCount(); k++) {
                double res = d[n.secondaryIndex(k)] - d[n.referenceIndex(k)] - n.bperp(k);
                assertThat(Math.abs(res)).as(n.pairs().get(k).toString()).isLessThan(1.5);
                rms += res * res;
            }
            rms = Math.sqrt(rms / n.pairCount());
            assertThat(rms).isLessThan(0.6);
            // 2018-01-30 sits about +30 m from 2018-01-06 (pair 0 has no other path as short)
            assertThat(d[1]).isCloseTo(n.bperp(0), within(1.5));
        }
    }
}
