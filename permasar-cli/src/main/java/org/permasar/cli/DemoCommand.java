package org.permasar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.permasar.cli.pipeline.Chain;
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
 * {@code ./permasar-demo/}. Steps already finished with the same settings are skipped on a rerun.
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

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        SceneSpec spec = tiny ? SceneSpec.tiny() : SceneSpec.small();
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
        for (String t : new String[] {"asc", "desc"}) {
            Path stack = scene.resolve(t).resolve("ifgramStack.h5");
            Path geom = scene.resolve(t).resolve("geometryGeo.h5");
            Path dir = out.resolve(t);
            chain.step("invert-" + t, Map.of("method", "wls", "weight", "var"), List.of(stack, geom),
                    List.of(dir.resolve("timeseries.h5"), dir.resolve("temporalCoherence.h5")),
                    () -> sub("invert", stack.toString(), "--out", dir.toString(), "--method", "wls", "--weight", "var",
                            "--geometry", geom.toString(), "--mask-dset", "--geotiff"));
            chain.step("fit-" + t, Map.of("model", "trend+annual"), List.of(dir.resolve("timeseries.h5")),
                    List.of(dir.resolve("velocity.h5")),
                    () -> sub("fit", dir.resolve("timeseries.h5").toString(), "--model", "trend+annual",
                            "--out", dir.toString(), "--geotiff", "--plots"));
            chain.step("pecm-" + t, Map.of("model", "pecm", "vertical", "true"),
                    List.of(dir.resolve("timeseries.h5"), scene.resolve("lst_8day.tif"), geom),
                    List.of(dir.resolve("pecm").resolve("velocity.h5")),
                    () -> sub("fit", dir.resolve("timeseries.h5").toString(), "--model", "pecm",
                            "--lst", scene.resolve("lst_8day.tif").toString(), "--geometry", geom.toString(), "--vertical",
                            "--out", dir.resolve("pecm").toString(), "--geotiff", "--plots"));
        }
        Path geo = out.resolve("geometry");
        chain.step("geometry", Map.of("thresholds", "default"),
                List.of(out.resolve("asc/velocity.h5"), out.resolve("desc/velocity.h5")),
                List.of(geo.resolve("secularDirection.tif"), geo.resolve("up.tif")),
                () -> sub("geometry", "--asc", out.resolve("asc/velocity.h5").toString(),
                        "--desc", out.resolve("desc/velocity.h5").toString(),
                        "--asc-geometry", scene.resolve("asc/geometryGeo.h5").toString(),
                        "--desc-geometry", scene.resolve("desc/geometryGeo.h5").toString(), "--out", geo.toString()));
        Path alt = out.resolve("alt");
        chain.step("alt", Map.of("model", "density", "N", "0.30", "n", "0.05"), List.of(out.resolve("asc/velocity.h5")),
                List.of(alt.resolve("alt.tif")),
                () -> sub("alt", "--model", "density",
                        "--amplitude", out.resolve("asc/velocity.h5") + ":seasonalAmplitude", "--los",
                        "--incidence", scene.resolve("asc/geometryGeo.h5") + ":incidenceAngle",
                        "--N", "0.30", "--n", "0.05", "--out", alt.toString()));
        chain.run(steps == null ? Set.of() : new LinkedHashSet<>(steps));
        System.out.println("Demo finished: results in " + out.toAbsolutePath().normalize()
                + (chain.skipped().isEmpty() ? "" : " (skipped, up to date: " + String.join(", ", chain.skipped()) + ")"));
        return 0;
    }

    /** Runs another permasar command in-process; a non-zero exit stops the chain. */
    static void sub(String... args) throws IOException {
        int code = PermasarCommand.commandLine().execute(args);
        if (code != 0) {
            throw new IOException("permasar " + String.join(" ", args) + " failed with exit code " + code);
        }
    }

    static void truthMaps(SimulatedScene s, Path maps) throws IOException {
        Files.createDirectories(maps);
        SceneTruth t = s.truth();
        var grid = s.grid();
        new RasterMap("Truth: vertical velocity", "m/yr", Colormap.RDBU).write(maps.resolve("truth_verticalVelocity.png"),
                grid, t.verticalVelocity());
        new RasterMap("Truth: east velocity", "m/yr", Colormap.RDBU).write(maps.resolve("truth_eastVelocity.png"),
                grid, t.eastVelocity());
        new RasterMap("Truth: seasonal vertical amplitude (peak-to-trough)", "m", Colormap.VIRIDIS)
                .write(maps.resolve("truth_seasonalAmplitude.png"), grid, t.verticalSeasonalAmplitude());
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
