package org.permasar.cli.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.permasar.pipeline.fit.FitParameters;
import org.permasar.pipeline.fit.FitStep;
import org.permasar.viewer.PecmCurves;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The viewer's PECM curves of a folder written by {@code permasar run} or {@code demo}: the run's own
 * configuration ({@code DIR/permasar.cfg}, its output folder taken as DIR) gives each track's PECM fit
 * parameters ({@link PipelineSteps#pecmParameters}, the same the chain and the report use), and a clicked
 * pixel is evaluated with {@link FitStep#pecmCurveAt}: the curve drawn is the model of the maps. A folder
 * without a configuration, or whose configuration no longer reads (moved inputs), has none; a log line says why.
 * Thread-safe: immutable after construction, each call opens its own readers.
 */
public final class ConfiguredPecmCurves implements PecmCurves {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredPecmCurves.class);
    /** The configuration file {@code demo} writes into its output folder. */
    public static final String CONFIG = "permasar.cfg";

    private final Map<Path, FitParameters> byTimeseries;
    private final Map<Path, String> labels;

    private ConfiguredPecmCurves(Map<Path, FitParameters> byTimeseries, Map<Path, String> labels) {
        this.byTimeseries = Map.copyOf(byTimeseries);
        this.labels = Map.copyOf(labels);
    }

    /** The curves of {@code dir}, or {@link PecmCurves#NONE} when it holds no usable {@value #CONFIG} with PECM. */
    public static PecmCurves of(Path dir) {
        Path cfgFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(cfgFile)) {
            return NONE;
        }
        Map<Path, FitParameters> by = new HashMap<>();
        Map<Path, String> labels = new HashMap<>();
        try {
            PipelineConfig cfg = PipelineConfig.parse(cfgFile, dir.toAbsolutePath().normalize());
            for (String t : cfg.tracks()) {
                FitParameters pp = PipelineSteps.pecmParameters(cfg, t);
                Path ts = cfg.outDir().resolve(t).resolve("timeseries.h5");
                if (pp == null || !Files.isRegularFile(ts) || !Files.isRegularFile(cfg.outDir().resolve(t).resolve("pecm")
                        .resolve("velocity.h5"))) {
                    continue;
                }
                Path real = ts.toRealPath();
                by.put(real, pp);
                labels.put(real, "PECM c + v·L + d·I (" + t + "/pecm" + (pp.vertical() ? ", fitted vertically, drawn in LOS"
                        : "") + ")");
            }
        } catch (IllegalArgumentException | IOException e) {
            LOG.warn("no PECM curves in the viewer: {} does not give the run's PECM settings: {}", CONFIG, e.getMessage());
            return NONE;
        }
        return by.isEmpty() ? NONE : new ConfiguredPecmCurves(by, labels);
    }

    @Override
    public Curve at(Path timeseries, int row, int col) throws IOException {
        Path real = timeseries.toRealPath();
        FitParameters p = byTimeseries.get(real);
        if (p == null) {
            return null;
        }
        FitStep.PecmCurve c = FitStep.pecmCurveAt(p, row, col);
        return new Curve(labels.get(real), c.model(), c.forcing());
    }
}
