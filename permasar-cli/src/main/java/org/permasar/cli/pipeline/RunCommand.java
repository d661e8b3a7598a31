package org.permasar.cli.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.permasar.cli.EngineOptions;
import org.permasar.io.pipeline.OutputLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code permasar run CONFIG}: the whole chain (invert → fit → PECM → geometry → ALT → validate →
 * report) as configured. The configuration, every input it names ({@link InputCheck}), the output
 * folder and {@code --steps} are checked before any work: a problem is one line on stderr and exit
 * code 2, with nothing written. The output folder is locked for the run ({@link OutputLock}): a
 * second run into the same folder exits with code 2, naming the process that has it.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the chain described by a configuration file (see `permasar init`). Finished steps whose "
                + "inputs and settings are unchanged are skipped.")
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONFIG", description = "Configuration file.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: output.dir of the configuration).")
    Path out;

    @Option(names = "--steps", split = ",", paramLabel = "STEP", description = "Run only these steps (e.g. fit-asc,report).")
    List<String> steps;

    @Mixin
    EngineOptions engine = EngineOptions.local();

    @Override
    public Integer call() throws IOException {
        engine.check();
        PipelineConfig cfg = PipelineConfig.parse(config, out);
        Set<String> only = checkSteps(steps, PipelineSteps.names(cfg));
        InputCheck.check(cfg);
        Chain chain = PipelineSteps.addTo(new Chain(cfg.outDir()), cfg, engine);
        try (OutputLock lock = OutputLock.acquire(cfg.outDir())) {
            PipelineRun.execute(chain, cfg.outDir(), only);
        }
        System.out.println("Run finished: results in " + cfg.outDir() + summary(chain));
        return 0;
    }

    /** Checks --steps against the known step names; empty set = all. */
    public static Set<String> checkSteps(List<String> steps, List<String> known) {
        if (steps == null) {
            return Set.of();
        }
        Set<String> only = new LinkedHashSet<>();
        for (String s : steps) {
            if (!known.contains(s.strip())) {
                throw new IllegalArgumentException("unknown step '" + s + "' (this configuration has: "
                        + String.join(", ", known) + ")");
            }
            only.add(s.strip());
        }
        return only;
    }

    /** " (skipped, up to date: a, b)" or "". */
    public static String summary(Chain... chains) {
        List<String> skipped = new java.util.ArrayList<>();
        for (Chain c : chains) {
            skipped.addAll(c.skipped());
        }
        return skipped.isEmpty() ? "" : " (skipped, up to date: " + String.join(", ", skipped) + ")";
    }
}
