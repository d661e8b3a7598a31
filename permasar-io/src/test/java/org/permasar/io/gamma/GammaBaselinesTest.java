package org.permasar.io.gamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.io.folder.PairFolderStack;
import org.permasar.io.geotiff.GeoTiffFolderFormat;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.stack.InvalidInputException;

/**
 * B⊥ of GAMMA stacks from {@code base_perp} tables: PyRate's Mexico City stack (cropA) against an
 * independent reading of the same tables, triplet closure, a closed-form table, missing and
 * reversed tables.
 */
class GammaBaselinesTest {
    private static final Path CROPA = Path.of(System.getProperty("permasar.shared", "../shared"))
            .resolve("data/insar/pyrate_cropA");

    @TempDir
    Path tmp;

    /**
     * Independent reading of a base_perp table: rows keyed by "line range" text, the four nodes
     * around the scene centre found by scanning for the nearest node values below and above, then
     * the bilinear weights written out. Returns B⊥ at ((L−1)/2, (S−1)/2) in metres.
     */
    private static double referenceCentre(Path table) throws IOException {
        Map<String, Double> node = new HashMap<>();
        TreeSet<Integer> lineNodes = new TreeSet<>(), rangeNodes = new TreeSet<>();
        double lc = Double.NaN, rc = Double.NaN;
        for (String s : Files.readAllLines(table, StandardCharsets.US_ASCII)) {
            if (s.startsWith("interferogram lines:")) {
                String[] w = s.replace("range samples/line:", " ").replace("interferogram lines:", " ").trim().split(" +");
                lc = (Integer.parseInt(w[0]) - 1) / 2.0;
                rc = (Integer.parseInt(w[1]) - 1) / 2.0;
            }
            String[] w = s.trim().split(" +");
            if (w.length == 9 && w[0].matches("\\d+") && w[1].matches("\\d+")) {
                node.put(w[0] + " " + w[1], Double.valueOf(w[7]));
                lineNodes.add(Integer.valueOf(w[0]));
                rangeNodes.add(Integer.valueOf(w[1]));
            }
        }
        int l1 = lineNodes.floor((int) Math.floor(lc)), l2 = lineNodes.ceiling((int) Math.ceil(lc));
        int r1 = rangeNodes.floor((int) Math.floor(rc)), r2 = rangeNodes.ceiling((int) Math.ceil(rc));
        double u = (lc - l1) / (l2 - l1), v = (rc - r1) / (r2 - r1);
        return node.get(l1 + " " + r1) * (1 - u) * (1 - v) + node.get(l1 + " " + r2) * (1 - u) * v
                + node.get(l2 + " " + r1) * u * (1 - v) + node.get(l2 + " " + r2) * u * v;
    }

    @Test
    void cropABaselinesEqualAnIndependentReadingOfTheTablesToTwoDecimals() throws IOException {
        try (PairFolderStack s = GeoTiffFolderFormat.openStack(CROPA.resolve("geotiffs"))) {
            Network n = s.network();
            assertThat(n.pairCount()).isEqualTo(30);
            for (int k = 0; k < n.pairCount(); k++) {
                Pair p = n.pairs().get(k);
                Path table = CROPA.resolve("geometry/" + compact(p) + "_VV_8rlks_bperp.par");
                // PyRate's test_gamma compares B⊥ with the base_perp tables to 2 decimals
                assertThat(n.bperp(k)).as(p.toString()).isCloseTo(referenceCentre(table), within(0.005));
            }
            // a worked value: 20180106-20180130 at line 2270, range 4256.5 between nodes
            // (2000|2500, 4200|4400); the table spans 27.19…34.03 m over the scene
            assertThat(n.bperp(0)).isBetween(27.19, 34.03);
        }
    }

    private static String compact(Pair p) {
        return p.reference().toString().replace("-", "") + "-" + p.secondary().toString().replace("-", "");
    }

    /**
     * B⊥ is a difference of per-date orbit positions, so b(a,b) + b(b,c) = b(a,c) up to the error of
     * GAMMA's per-pair precision-baseline estimate (each pair is refined independently from its own
     * fringes). Measured on cropA: worst closure 1.18 m over the 39 triplets; the tolerance 1.5 m is
     * well below what a sign error or a mis-assigned table would give (B⊥ spans −105…+71 m).
     */
    @Test
    void cropATripletsClose() throws IOException {
        try (PairFolderStack s = GeoTiffFolderFormat.openStack(CROPA.resolve("geotiffs"))) {
            Network n = s.network();
            Map<Pair, Double> b = new HashMap<>();
            for (int k = 0; k < n.pairCount(); k++) {
                b.put(n.pairs().get(k), n.bperp(k));
            }
            int triplets = 0;
            double worst = 0;
            for (Pair ab : b.keySet()) {
                for (Pair bc : b.keySet()) {
                    if (!bc.reference().equals(ab.secondary())) {
                        continue;
                    }
                    Double ac = b.get(new Pair(ab.reference(), bc.secondary()));
                    if (ac != null) {
                        triplets++;
                        worst = Math.max(worst, Math.abs(b.get(ab) + b.get(bc) - ac));
                    }
                }
            }
            assertThat(triplets).isGreaterThanOrEqualTo(20);
            assertThat(worst).as("worst closure over %d triplets", triplets).isLessThan(1.5);
        }
    }

    /** A table of B⊥ = a + b·line + c·range: bilinear interpolation is exact, so centre() is closed-form. */
    @Test
    void linearTableGivesTheClosedFormCentre() throws IOException {
        Path t = tmp.resolve("20200101-20200113_bperp.par");
        writeTable(t, 1001, 2001, (l, r) -> 12.5 - 0.004 * l + 0.0025 * r);
        BperpTable table = BperpTable.read(t);
        assertThat(table.nodes()).isEqualTo(6 * 11);
        // centre (500, 1000): 12.5 − 2 + 2.5 = 13
        assertThat(table.centre()).isCloseTo(13.0, within(1e-4));
        assertThat(table.at(250, 1500)).isCloseTo(12.5 - 1 + 3.75, within(1e-4));
        // outside the table: clamped to the edge row/column (line 1000, range 2000)
        assertThat(table.at(5000, 9000)).isCloseTo(12.5 - 4 + 5, within(1e-4));
        assertThat(table.mean()).isCloseTo(13.0, within(1e-4));
    }

    @Test
    void missingTablesLeaveNaNAndReversedNamesFlipTheSign() throws IOException {
        Path gt = Files.createDirectories(tmp.resolve("stack/geotiffs"));
        List<String> tifs = List.of("cropA_20180106-20180130_VV_8rlks_eqa_unw.tif",
                "cropA_20180106-20180319_VV_8rlks_eqa_unw.tif");
        for (String f : tifs) {
            Files.copy(CROPA.resolve("geotiffs").resolve(f), gt.resolve(f));
        }
        try (PairFolderStack s = GeoTiffFolderFormat.openStack(gt)) {
            assertThat(s.network().bperps()).containsExactly(Double.NaN, Double.NaN);
        }
        // one table in the sibling geometry/ folder, named later-date-first
        Path geo = Files.createDirectories(tmp.resolve("stack/geometry"));
        Path src = CROPA.resolve("geometry/20180106-20180319_VV_8rlks_bperp.par");
        Files.copy(src, geo.resolve("20180319-20180106_VV_8rlks_bperp.par"));
        try (PairFolderStack s = GeoTiffFolderFormat.openStack(gt)) {
            double[] b = s.network().bperps();
            assertThat(b[0]).isNaN();
            assertThat(b[1]).isCloseTo(-referenceCentre(src), within(1e-9));
        }
    }

    @Test
    void malformedTableIsAnInvalidInputNamingTheFile() throws IOException {
        Path t = tmp.resolve("20200101-20200113_bperp.par");
        Files.writeString(t, "interferogram lines: 10   range samples/line: 20\n"
                + "     0      0     0.0000    39.4441     4.4393    27.496918     22.1492     32.9386     39.6932\n"
                + "     0     10     0.0000    39.4441     4.4393    27.496918     22.1492     32.9386     39.6932\n"
                + "     5      0     0.0000    39.4441     4.4393    27.496918     22.1492     32.9386     39.6932\n");
        assertThatThrownBy(() -> BperpTable.read(t)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(t.getFileName().toString()).hasMessageContaining("regular grid");
        Files.writeString(t, "no size here\n");
        assertThatThrownBy(() -> BperpTable.read(t)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("interferogram lines");
    }

    private interface Field {
        double at(double line, double range);
    }

    private static void writeTable(Path t, int lines, int samples, Field f) throws IOException {
        List<String> out = new ArrayList<>(List.of("*** Calculate baseline components ***", "",
                "interferogram lines: " + lines + "   range samples/line: " + samples, "",
                "  line   range      B_t       B_c        B_n     look angle      bpara       bperp       blen",
                "*****"));
        for (int l = 0; l < lines; l += 200) {
            for (int r = 0; r < samples; r += 200) {
                out.add(String.format(java.util.Locale.ROOT, "%6d %6d %10.4f %10.4f %10.4f %13.6f %11.4f %11.4f %10.4f",
                        l, r, 0.0, 40.0, 4.0, 30.0, 20.0, f.at(l, r), 40.2));
            }
        }
        out.add("");
        out.add("user time (s):         0.000");
        Files.write(t, out, StandardCharsets.US_ASCII);
    }
}
