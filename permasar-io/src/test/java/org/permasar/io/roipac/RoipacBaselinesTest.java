package org.permasar.io.roipac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.io.folder.PairFolderStack;
import org.permasar.network.Network;
import org.permasar.stack.InvalidInputException;

/**
 * ROI_PAC B⊥ from P_BASELINE_TOP_HDR / P_BASELINE_BOTTOM_HDR on a copy of PyRate's small_test
 * (whose headers carry no baseline): keys in the .unw.rsc, in a DATE12_baseline.rsc sidecar, and
 * absent. Expected values are (top + bottom)/2 worked by hand.
 */
class RoipacBaselinesTest {
    private static final Path OBS = Path.of(System.getProperty("permasar.shared", "../shared"))
            .resolve("data/insar/pyrate_small_test/roipac_obs");

    @TempDir
    Path tmp;

    private Path copyStack() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("roipac"));
        try (Stream<Path> s = Files.list(OBS)) {
            for (Path f : s.filter(p -> p.getFileName().toString().startsWith("geo_")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static void append(Path rsc, String text) throws IOException {
        Files.writeString(rsc, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void baselineKeysInTheHeaderOrASidecarGiveTheMidSceneValue() throws IOException {
        Path dir = copyStack();
        append(dir.resolve("geo_060619-061002.unw.rsc"), "P_BASELINE_TOP_HDR     -101.5\nP_BASELINE_BOTTOM_HDR  -98.5\n");
        append(dir.resolve("060828-061211_baseline.rsc"), "P_BASELINE_TOP_HDR 40.25\nP_BASELINE_BOTTOM_HDR 41.75\n");
        append(dir.resolve("geo_061002-070219.unw.rsc"), "P_BASELINE_TOP 7\nP_BASELINE_BOTTOM 8\n");
        try (PairFolderStack s = RoipacFormat.openStack(dir)) {
            Network n = s.network();
            assertThat(n.pairCount()).isEqualTo(17);
            assertThat(n.bperp(0)).isCloseTo(-100.0, within(1e-12)); // (−101.5 − 98.5)/2
            assertThat(n.bperp(1)).isCloseTo(41.0, within(1e-12));   // (40.25 + 41.75)/2, sidecar
            assertThat(n.bperp(2)).isCloseTo(7.5, within(1e-12));    // short key names
            for (int k = 3; k < 17; k++) {
                assertThat(n.bperp(k)).as(n.pairs().get(k).toString()).isNaN();
            }
        }
    }

    @Test
    void unchangedSmallTestHasNoBaselinesAndStillOpens() throws IOException {
        try (PairFolderStack s = RoipacFormat.openStack(OBS)) {
            for (double b : s.network().bperps()) {
                assertThat(b).isNaN();
            }
        }
    }

    @Test
    void halfAKeyPairIsAnInvalidInputNamingTheHeader() throws IOException {
        Path dir = copyStack();
        append(dir.resolve("geo_060619-061002.unw.rsc"), "P_BASELINE_TOP_HDR 3.0\n");
        assertThatThrownBy(() -> RoipacFormat.openStack(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("geo_060619-061002.unw.rsc").hasMessageContaining("P_BASELINE_BOTTOM_HDR");
    }
}
