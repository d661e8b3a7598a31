package org.permasar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code permasar info} on real stacks, and the one-line exit-2 contract on bad input. */
class InfoCommandTest {
    @TempDir
    Path tmp;

    private static final Path CROPA = CliRunner.shared().resolve("data/insar/pyrate_cropA/geotiffs");
    private static final Path ETNA = CliRunner.shared().resolve("data/insar/etna_kfts");

    @Test
    void summarisesTheMexicoCityGeoTiffStack() {
        CliRunner.Result r = CliRunner.run("info", CROPA.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("dates:      13 (2018-01-06 … 2018-07-17)", "pairs:      30",
                "100 × 60 pixels", "EPSG:4326", "wavelength: 0.05550415768 m");
    }

    @Test
    void summarisesAMintPyStackInRadarGeometry() {
        CliRunner.Result r = CliRunner.run("info", "--pairs", ETNA.resolve("etna_ifgramStack.h5").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("20 × 20 pixels", "dates:      61 (2003-01-22 … 2010-06-09)", "pairs:      214",
                "radar geometry", "wavelength: 0.05623565");
    }

    /** Bad input: exit 2, a single line naming the file and the problem, nothing written. */
    private void checkRefused(Path input, String... expected) throws IOException {
        List<Path> before = listing();
        CliRunner.Result r = CliRunner.run("info", input.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        String line = r.err().strip();
        assertThat(line.lines()).as(line).hasSize(1);
        assertThat(line).contains(input.getFileName().toString());
        if (expected.length > 0) {
            assertThat(line).contains(expected);
        }
        assertThat(listing()).isEqualTo(before);
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.sorted().toList();
        }
    }

    @Test
    void missingFile() throws IOException {
        checkRefused(tmp.resolve("nothing.h5"), "no such file");
    }

    @Test
    void truncatedHdf5() throws IOException {
        byte[] all = Files.readAllBytes(ETNA.resolve("etna_ifgramStack.h5"));
        Path cut = tmp.resolve("cut_ifgramStack.h5");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 3));
        checkRefused(cut, "truncat");
    }

    @Test
    void hdf5ThatIsNotAStack() throws IOException {
        CliRunner.Result r = CliRunner.run("invert-check-not-a-command");
        assertThat(r.code()).isEqualTo(2);
        checkRefused(ETNA.resolve("Etna_sample.h5"), "Etna_sample.h5");
    }

    @Test
    void pairsOfDifferentSizes() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mixed"));
        try (Stream<Path> s = Files.list(CROPA)) {
            for (Path p : s.filter(f -> f.getFileName().toString().contains("2018010")).toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
            }
        }
        // replace one interferogram by the DEM (same CRS, but different type) → a pair of a different size
        Path small = CliRunner.shared().resolve("data/insar/pyrate_small_test/tif");
        try (Stream<Path> s = Files.list(small)) {
            Path other = s.filter(f -> f.toString().endsWith("_unw.tif")).findFirst().orElseThrow();
            Files.copy(other, dir.resolve("cropA_20180301-20180313_VV_8rlks_eqa_unw.tif"));
        }
        checkRefused(dir, "cropA_20180301-20180313_VV_8rlks_eqa_unw.tif");
    }

    @Test
    void unparseableDateInAName() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("baddate"));
        try (Stream<Path> s = Files.list(CROPA)) {
            Path one = s.filter(f -> f.toString().endsWith("_unw.tif")).sorted().findFirst().orElseThrow();
            Files.copy(one, dir.resolve("20181399_20190101.geo.unw.tif"));
        }
        checkRefused(dir, "20181399");
    }
}
