package org.permasar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.permasar.cli.pipeline.Chain;
import org.permasar.cli.pipeline.ConfigSchema;
import org.permasar.cli.pipeline.InputCheck;
import org.permasar.cli.pipeline.PipelineConfig;
import org.permasar.cli.pipeline.PipelineRun;
import org.permasar.cli.pipeline.PipelineSteps;
import org.permasar.cli.pipeline.RunCommand;
import org.permasar.cli.report.ReportWriter;
import org.permasar.io.AtomicFiles;
import org.permasar.io.pipeline.OutputLock;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.NetworkPlot;
import org.permasar.cli.plot.RasterMap;
import org.permasar.sim.SceneSimulator;
import org.permasar.sim.SceneSpec;
import org.permasar.sim.SceneTruth;
import org.permasar.sim.SimulatedScene;
import org.permasar.sim.SimulatedTrack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar demo}: the whole chain on the built-in simulated scene, into
 * {@code ./permasar-demo/}: simulates the scene, writes the configuration it uses
 * ({@code permasar-demo/permasar.cfg}) and runs it with the same chain as {@code permasar run},
 * ending with {@code permasar-demo/report.html}. Steps already finished with the same settings are
 * skipped on a rerun.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run everything PermaSAR does on the built-in simulated scene (ascending + descending + LST) "
                + "and write the results to ./permasar-demo/ (or --out).")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).",
            defaultValue = "permasar-demo")
    Path out;

    @Option(names = "--small", description = "Use the tiny scene (16 × 20 px, 2 years): seconds.")
    boolean tiny;

    @Option(names = "--steps", split = ",", paramLabel = "STEP", description = "Run only these steps.")
    List<String> steps;

    /** Steps of the demo: the simulation, then the {@code permasar run} chain on the simulated scene. */
    static final List<String> STEPS = List.of("simulate", "truth-maps", "invert-asc", "fit-asc", "pecm-asc",
            "invert-desc", "fit-desc", "pecm-desc", "geometry", "alt", "report");

    @Override
    public Integer call() throws IOException {
        Set<String> only = RunCommand.checkSteps(steps, STEPS);
        SceneSpec spec = tiny ? SceneSpec.tiny() : SceneSpec.small();
        try (OutputLock lock = OutputLock.acquire(out)) {
            return run(spec, only);
        }
    }

    private int run(SceneSpec spec, Set<String> only) throws IOException {
        Path scene = out.resolve("scene");
        Path maps = out.resolve("maps");
        Chain chain = new Chain(out);
        SimulatedScene[] sim = new SimulatedScene[1];
        chain.step("simulate", Map.of("spec", spec.toString()), List.of(),
                List.of(scene.resolve("asc/ifgramStack.h5"), scene.resolve("desc/ifgramStack.h5"), scene.resolve("truth.h5")),
                () -> {
                    sim[0] = SceneSimulator.simulate(spec);
                    SimulateCommand.write(sim[0], scene);
                });
        chain.step("truth-maps", Map.of("spec", spec.toString()), List.of(scene.resolve("truth.h5")),
                List.of(maps.resolve("truth_verticalVelocity.png")), () -> {
                    SimulatedScene s = sim[0] != null ? sim[0] : SceneSimulator.simulate(spec);
                    truthMaps(s, maps);
                });
        PipelineRun.execute(chain, out, only);
        Path cfgFile = out.resolve(PipelineSteps.CONFIG_COPY);
        String text = config(tiny);
        if (!Files.isRegularFile(cfgFile) || !Files.readString(cfgFile, StandardCharsets.UTF_8).equals(text)) {
            AtomicFiles.write(cfgFile, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        }
        PipelineConfig cfg = PipelineConfig.parse(cfgFile, null);
        InputCheck.check(cfg);
        Chain rest = PipelineSteps.addTo(new Chain(cfg.outDir()), cfg);
        PipelineRun.execute(rest, cfg.outDir(), only);
        System.out.println("Demo finished: results in " + out.toAbsolutePath().normalize()
                + RunCommand.summary(chain, rest));
        System.out.println("Report: " + cfg.outDir().resolve(ReportWriter.FILE));
        return 0;
    }

    /**
     * The configuration the demo runs ({@code DIR/permasar.cfg}): the template with the simulated
     * scene's files (paths relative to the output folder) and a few pixels of interest.
     */
    static String config(boolean tiny) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("input.asc.stack", "scene/asc/ifgramStack.h5");
        v.put("input.asc.geometry", "scene/asc/geometryGeo.h5");
        v.put("input.desc.stack", "scene/desc/ifgramStack.h5");
        v.put("input.desc.geometry", "scene/desc/geometryGeo.h5");
        v.put("input.lst", "scene/lst_8day.tif");
        v.put("output.dir", ".");
        v.put("report.truth", "scene/truth.h5");
        v.put("report.pixels", tiny ? "8,10" : "20,25; 5,45");
        // what controls the simulated velocity: the region codes and the terrain height (cut by OPGD)
        v.put("controls.factors", "region = scene/truth.h5:region; elevation = scene/dem.tif");
        v.put("controls.discretize", "elevation=opgd:2-6");
        v.put("controls.cross", "region,elevation");
        v.put("controls.tile", "10");
        return "# Written by `permasar demo`: the configuration of this run; rerun it with\n"
                + "#   permasar run permasar.cfg\n" + ConfigSchema.template(v);
    }

    static void truthMaps(SimulatedScene s, Path maps) throws IOException {
        Files.createDirectories(maps);
        SceneTruth t = s.truth();
        var grid = s.grid();
        new RasterMap("Truth: vertical velocity", "mm/yr", Colormap.RDBU).write(maps.resolve("truth_verticalVelocity.png"),
                grid, RasterMap.millimetres(t.verticalVelocity()));
        new RasterMap("Truth: east velocity", "mm/yr", Colormap.RDBU).write(maps.resolve("truth_eastVelocity.png"),
                grid, RasterMap.millimetres(t.eastVelocity()));
        new RasterMap("Truth: seasonal vertical amplitude (peak-to-trough)", "mm", Colormap.VIRIDIS)
                .write(maps.resolve("truth_seasonalAmplitude.png"), grid, RasterMap.millimetres(t.verticalSeasonalAmplitude()));
        float[] regions = new float[t.regions().length];
        for (int i = 0; i < regions.length; i++) {
            regions[i] = t.regions()[i];
        }
        new RasterMap("Truth: regions", "", Colormap.VIRIDIS).categorical(
                new String[] {"seasonal", "non-seasonal", "E-W slope", "lake", "subsidence patch"},
                new java.awt.Color[] {new java.awt.Color(94, 201, 98), new java.awt.Color(150, 150, 150),
                        new java.awt.Color(230, 159, 0), new java.awt.Color(86, 180, 233), new java.awt.Color(213, 94, 0)})
                .write(maps.resolve("truth_regions.png"), grid, regions);
        for (SimulatedTrack tr : s.tracks()) {
            String n = tr.isAscending() ? "asc" : "desc";
            NetworkPlot.write(maps.resolve("network_" + n + ".png"), tr.network(), null,
                    "Network, " + (tr.isAscending() ? "ascending" : "descending") + " track");
        }
    }

}
