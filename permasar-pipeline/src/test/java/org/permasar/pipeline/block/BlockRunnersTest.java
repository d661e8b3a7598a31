package org.permasar.pipeline.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.permasar.engine.BlockEngine;

/** Engine lookup by name: local always, cluster engines only when their module is on the class path. */
class BlockRunnersTest {

    @Test
    void localIsAlwaysThere() throws IOException {
        try (BlockRunnerProvider.Session s = BlockRunners.open("local", null, BlockEngine.defaults())) {
            assertThat(s).isNotNull();
        }
    }

    @Test
    void aMissingEngineIsOneLineThatSaysWhatToRun() {
        assertThatThrownBy(() -> BlockRunners.open("spark", "local[*]", BlockEngine.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("engine \"spark\" is not on the class path (engines here: local)")
                .hasMessageContaining("org.permasar.spark.Main")
                .hasMessageNotContaining("\n");
    }
}
