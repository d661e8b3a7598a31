package org.permasar.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.permasar.cli.CliRunner;
import org.permasar.network.Network;

/** Smoke test of {@code permasar bench invert} at tiny sizes (no timing asserted). */
class BenchInvertCommandTest {

    @Test
    void tinyBenchmarkRunsEveryMethodAndPrintsItsFigures() {
        CliRunner.Result r = CliRunner.run("bench", "invert", "--pairs", "40", "--dates", "15", "--pixels", "300",
                "--methods", "l2,wls,l1,wls:no", "--mintpy-pixels", "100", "--mintpy-no-pixels", "150", "--threads", "1", "--repeat", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("synthetic stack: 40 pairs × 15 dates × 300 pixels")
                .contains("permasar l2").contains("permasar wls").contains("permasar l1").contains("permasar wls:no")
                .contains("peak heap of the inversions").contains("ratio L1 cost vs our WLS")
                .contains("bench invert: 300 pixels");
        if (BenchInvertCommand.hasMintPy()) {
            assertThat(r.out()).contains("MintPy ifgram_inversion -w var").contains("ratio WLS var vs MintPy -w var")
                    .contains("ratio L2 vs MintPy -w no");
        }
    }

    @Test
    void givenStackIsTimedAndSubsetForMintPy() {
        Path etna = CliRunner.shared().resolve("data/insar/etna_kfts/etna_ifgramStack.h5");
        CliRunner.Result r = CliRunner.run("bench", "invert", "--stack", etna.toString(), "--methods", "l2,wls",
                "--mintpy-pixels", "100", "--mintpy-no-pixels", "100", "--repeat", "1", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("permasar l2").contains("bench invert: 400 pixels");
        if (BenchInvertCommand.hasMintPy()) {
            assertThat(r.out()).contains("MintPy gets 100 pixels").contains("ratio WLS var vs MintPy -w var");
        }
    }

    @Test
    void syntheticNetworkTakesNearestNeighboursFirst() {
        Network n = SyntheticStack.network(5, 7, 1);
        // 4 one-step pairs, then 3 two-step pairs
        assertThat(n.pairCount()).isEqualTo(7);
        assertThat(n.pairs().get(3).days()).isEqualTo(12);
        assertThat(n.pairs().get(4).days()).isEqualTo(24);
        assertThat(n.dateCount()).isEqualTo(5);
    }

    @Test
    void badSizesAreRefused() {
        CliRunner.Result r = CliRunner.run("bench", "invert", "--pairs", "3", "--dates", "15", "--no-mintpy");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("dates−1 ≤ pairs");
    }
}
