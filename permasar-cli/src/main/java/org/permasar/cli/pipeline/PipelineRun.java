package org.permasar.cli.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a chain in its output folder after clearing temporary files left by a killed run. */
public final class PipelineRun {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRun.class);

    private PipelineRun() {
    }

    /** Creates {@code out}, removes stale partial files, runs the steps (all when {@code only} is empty). */
    public static void execute(Chain chain, Path out, Set<String> only) throws IOException {
        Files.createDirectories(out);
        int stale = PipelineSteps.removeStalePartials(out);
        if (stale > 0) {
            LOG.info("removed {} temporary file(s) left by an interrupted run", stale);
        }
        chain.run(only);
    }
}
