package org.permasar.io.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/**
 * PyRate's small_test holds the same 17 Envisat interferograms as ROI_PAC RMG, GAMMA big-endian
 * binaries and GeoTIFFs: the three readers must agree bit for bit on every pixel of every pair.
 */
class SmallTestFormatsAgreeTest {
    static final Path SMALL = Path.of(System.getProperty("permasar.shared", "../shared"))
            .resolve("data/insar/pyrate_small_test");

    @TempDir
    Path tmp;

    @Test
    void roipacGammaAndGeoTiffReadIdenticalPhase() throws Exception {
        assumeTrue(Files.isDirectory(SMALL), "shared data absent");
        try (InterferogramStack roipac = RasterFormats.openStack(SMALL.resolve("roipac_obs"));
             InterferogramStack gamma = RasterFormats.openStack(SMALL.resolve("gamma_obs"));
             InterferogramStack tif = RasterFormats.openStack(SMALL.resolve("tif"))) {
            assertThat(roipac.format()).isEqualTo("ROI_PAC folder");
            assertThat(gamma.format()).isEqualTo("GAMMA binary folder");
            assertThat(tif.format()).isEqualTo("GeoTIFF interferogram folder");
            for (InterferogramStack s : new InterferogramStack[] {roipac, gamma, tif}) {
                assertThat(s.network().pairCount()).as(s.format()).isEqualTo(17);
                assertThat(s.network().dateCount()).as(s.format()).isEqualTo(13);
                assertThat(s.network().dates().get(0)).isEqualTo(LocalDate.of(2006, 6, 19));
                assertThat(s.network().dates().get(12)).isEqualTo(LocalDate.of(2007, 9, 17));
                assertThat(s.grid().cols()).isEqualTo(47);
                assertThat(s.grid().rows()).isEqualTo(72);
                assertThat(s.grid().epsg()).isEqualTo(4326);
                assertThat(s.grid().transform().originX()).isCloseTo(150.91, within(1e-9));
                assertThat(s.grid().transform().originY()).isCloseTo(-34.17, within(1e-9));
                assertThat(s.grid().transform().pixelWidth()).isCloseTo(0.000833333, within(1e-12));
            }
            assertThat(gamma.network().pairs()).isEqualTo(roipac.network().pairs());
            assertThat(tif.network().pairs()).isEqualTo(roipac.network().pairs());
            assertThat(roipac.wavelength()).isEqualTo(0.0562356424);
            assertThat(tif.wavelength()).isEqualTo(0.0562356424);
            // GAMMA: λ = c / radar_frequency = 299 792 458 / 5.334694994e9 Hz
            assertThat(gamma.wavelength()).isCloseTo(0.05619673, within(1e-8));

            Window all = Window.of(roipac.grid());
            float[] a = roipac.read(InterferogramStack.UNWRAP_PHASE, all);
            float[] b = gamma.read(InterferogramStack.UNWRAP_PHASE, all);
            float[] c = tif.read(InterferogramStack.UNWRAP_PHASE, all);
            assertThat(a).hasSize(17 * 72 * 47);
            int nan = 0;
            for (int i = 0; i < a.length; i++) {
                assertThat(Float.floatToIntBits(b[i])).as("GAMMA value %d", i).isEqualTo(Float.floatToIntBits(a[i]));
                assertThat(Float.floatToIntBits(c[i])).as("GeoTIFF value %d", i).isEqualTo(Float.floatToIntBits(a[i]));
                nan += Float.isNaN(a[i]) ? 1 : 0;
            }
            int nanFirst = 0;
            for (int i = 0; i < all.size(); i++) {
                nanFirst += Float.isNaN(a[i]) ? 1 : 0;
            }
            assertThat(nanFirst).as("nodata in the first ifg (data README: 89 px)").isEqualTo(89);
            assertThat(nan).isLessThan(a.length / 10);
        }
    }

    @Test
    void truncatedBinaryAndMissingWavelengthAreReported() throws Exception {
        assumeTrue(Files.isDirectory(SMALL), "shared data absent");
        Path dir = Files.createDirectories(tmp.resolve("roipac"));
        Path src = SMALL.resolve("roipac_obs/geo_060619-061002.unw");
        Path unw = dir.resolve(src.getFileName());
        byte[] all = Files.readAllBytes(src);
        Files.write(unw, java.util.Arrays.copyOf(all, all.length - 100));
        Files.copy(Path.of(src + ".rsc"), Path.of(unw + ".rsc"));
        assertThatThrownBy(() -> RasterFormats.openStack(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("geo_060619-061002.unw").hasMessageContaining("truncated")
                .hasMessageContaining("expected 27072");

        Files.write(unw, all);
        Files.writeString(Path.of(unw + ".rsc"), Files.readString(Path.of(src + ".rsc"))
                .replaceAll("(?m)^WAVELENGTH.*$", ""));
        assertThatThrownBy(() -> RasterFormats.openStack(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("geo_060619-061002.unw.rsc").hasMessageContaining("missing wavelength");
    }
}
