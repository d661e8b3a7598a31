package org.permasar.cli.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.permasar.cli.EngineOptions;
import org.permasar.cli.controls.ControlsCommand;
import org.permasar.cli.hazard.HazardsCommand;
import org.permasar.cli.hazard.LakeDensityCommand;
import org.permasar.cli.hazard.LakesCommand;
import org.permasar.cli.hazard.SlumpsCommand;
import org.permasar.cli.invert.InvertCommand;
import org.permasar.cli.products.AltCommand;
import org.permasar.cli.products.GeometryCommand;
import org.permasar.cli.products.ValidateCommand;
import org.permasar.cli.progress.ConsoleProgress;
import org.permasar.cli.report.ReportWriter;
import org.permasar.cli.seasonal.FitCommand;
import org.permasar.network.Dates;
import org.permasar.pipeline.alt.AltParameters;
import org.permasar.pipeline.alt.AltStep;
import org.permasar.pipeline.controls.ControlsRasterParameters;
import org.permasar.pipeline.controls.ControlsRasterStep;
import org.permasar.pipeline.fit.FitKernel;
import org.permasar.pipeline.fit.FitParameters;
import org.permasar.pipeline.fit.FitStep;
import org.permasar.pipeline.geometry.GeometryParameters;
import org.permasar.pipeline.geometry.GeometryStep;
import org.permasar.pipeline.hazard.HazardsParameters;
import org.permasar.pipeline.hazard.LakeDensityParameters;
import org.permasar.pipeline.hazard.LakesParameters;
import org.permasar.pipeline.hazard.SlumpsParameters;
import org.permasar.pipeline.invert.InvertParameters;
import org.permasar.pipeline.invert.InvertStep;
import org.permasar.pipeline.validate.ValidateParameters;
import org.permasar.pipeline.validate.ValidateStep;
import org.permasar.timefn.TimeFunctionModel.Decay;

/**
 * The processing chain of {@code permasar run} (and of {@code permasar demo}, which runs it on the
 * simulated scene): for each track invert → fit (trend + annual, seasonality) → PECM; then
 * direction classes from both tracks, active-layer thickness, validation against GNSS/boreholes,
 * and the HTML report. Every step is called directly with its typed parameters
 * ({@link InvertParameters}, {@link FitParameters}, {@link GeometryParameters}, {@link AltParameters},
 * {@link ValidateParameters}) built from the {@link PipelineConfig}; the charts are drawn by the same
 * methods the commands use. A step's settings (the parameters' canonical string) and input files are
 * its {@link Chain} fingerprint, so an unchanged step is skipped on a rerun.
 *
 * <p>Output layout under {@code DIR}: {@code asc/}, {@code desc/} (MintPy files, GeoTIFFs, PNG maps),
 * {@code asc/pecm/}, {@code geometry/}, {@code alt/}, {@code validate/}, {@code controls/}, {@code recession/},
 * {@code lakes/}, {@code hazards/}, {@code slumps/}, {@code lake-density/}, {@code report.html}.
 */
public final class PipelineSteps {
    /** Name of the configuration copy kept in the output folder. */
    public static final String CONFIG_COPY = "permasar.cfg";

    private PipelineSteps() {
    }

    /** Names of the steps a configuration produces, in order (for --steps validation). */
    public static List<String> names(PipelineConfig cfg) {
        return addTo(new Chain(cfg.outDir()), cfg).names();
    }

    /**
     * The PECM fit of track {@code t} as the chain runs it (without the stack's a-priori σ), or null when
     * the configuration has no PECM step: the report redraws its model from these.
     */
    public static FitParameters pecmParameters(PipelineConfig cfg, String t) {
        Path lst = cfg.path("input.lst");
        if (lst == null || !cfg.bool("pecm.enabled")) {
            return null;
        }
        Path dir = cfg.outDir().resolve(t);
        Path geom = cfg.path("input." + t + ".geometry");
        FitParameters pp = FitParameters.pecm(dir.resolve("timeseries.h5"), dir.resolve("pecm"), lst).withGeotiff(true)
                .withLst(lst, Integer.parseInt(cfg.text("pecm.hantsHarmonics")), cfg.numberOrRaster("pecm.kappaRatio"),
                        Double.parseDouble(cfg.text("pecm.lstCentreOffset")))
                .withSeasonality(Double.parseDouble(cfg.text("fit.seasonalityTolerance")),
                        Double.parseDouble(cfg.text("fit.seasonalityProminence")),
                        Double.parseDouble(cfg.text("fit.minSeasonalAmplitude")))
                .withResources(threads(cfg), 0);
        return geom != null ? pp.withGeometry(geom, cfg.bool("pecm.vertical")) : pp;
    }

    /** Adds the chain's steps for {@code cfg} to {@code chain} (whose folder is {@code cfg.outDir()}), all in this process. */
    public static Chain addTo(Chain chain, PipelineConfig cfg) {
        return addTo(chain, cfg, EngineOptions.local());
    }

    /**
     * Adds the chain's steps for {@code cfg} to {@code chain}; the block jobs (invert) run on
     * {@code engine}. The engine is not part of a step's fingerprint: every engine writes the same bytes.
     */
    public static Chain addTo(Chain chain, PipelineConfig cfg, EngineOptions engine) {
        Path out = cfg.outDir();
        List<String> tracks = cfg.tracks();
        for (String t : tracks) {
            Path stack = cfg.path("input." + t + ".stack");
            Path geom = cfg.path("input." + t + ".geometry");
            Path dir = out.resolve(t);
            String method = cfg.text("invert.method");
            InvertParameters ip = InvertParameters.of(stack, dir)
                    .withMethod(method, List.of("wls", "l1", "nsbas", "huber", "tukey").contains(method) ? cfg.text("invert.weight") : null)
                    .withGeometry(geom)
                    .withMasks(cfg.bool("invert.maskConnComp"), Float.parseFloat(cfg.text("invert.minCoherence")))
                    .withMaxTemporalBaseline(cfg.integer("invert.maxTemporalBaseline") > 0
                            ? cfg.integer("invert.maxTemporalBaseline") : null)
                    .withCorrections(InvertParameters.ramp(cfg.text("invert.ramp")), cfg.bool("invert.elevationCorrection"))
                    .withResources(threads(cfg), cfg.integer("invert.memoryMb"))
                    .withReferencePixel(cfg.reference())
                    .withGeotiff(true)
                    .withUnwrapCorrection(cfg.text("invert.unwrapCorrection"));
            chain.step("invert-" + t, Map.of("parameters", ip.toString()), inputs(stack, geom),
                    List.of(dir.resolve("timeseries.h5"), dir.resolve("temporalCoherence.h5")),
                    () -> {
                        ConsoleProgress progress = ConsoleProgress.create();
                        System.out.println(engine.run(() -> InvertStep.engine(ip, progress), runner -> InvertStep.run(ip,
                                runner, progress, InvertCommand.networkPlot(ip))).summary());
                    });

            Path ts = dir.resolve("timeseries.h5");
            FitParameters fp = FitParameters.of(ts, dir, cfg.text("fit.model")).withGeotiff(true)
                    .withPolynomial(Integer.parseInt(cfg.text("fit.polynomial")))
                    .withSeasonality(Double.parseDouble(cfg.text("fit.seasonalityTolerance")),
                            Double.parseDouble(cfg.text("fit.seasonalityProminence")),
                            Double.parseDouble(cfg.text("fit.minSeasonalAmplitude")))
                    .withResources(threads(cfg), 0);
            fp = withTimeFunctions(fp, cfg);
            // the rate's a-priori σ from the same stack and pair masks as the inversion (as for the PECM below)
            if (cfg.integer("invert.maxTemporalBaseline") <= 0) {
                fp = fp.withStack(stack, List.of("wls", "l1", "nsbas", "huber", "tukey").contains(cfg.text("invert.method"))
                                ? cfg.text("invert.weight") : "no", 0, cfg.bool("invert.maskConnComp"),
                        Float.parseFloat(cfg.text("invert.minCoherence")));
            }
            fit(chain, "fit-" + t, fp, cfg.integer("invert.maxTemporalBaseline") <= 0 ? List.of(ts, stack) : List.of(ts),
                    List.of(dir.resolve("velocity.h5")), engine);

            Path lst = cfg.path("input.lst");
            if (lst == null) {
                chain.note("pecm-" + t, "skipped: no land-surface temperature (input.lst), which drives the PECM's "
                        + "freeze–thaw regressors");
            } else if (!cfg.bool("pecm.enabled")) {
                chain.note("pecm-" + t, "skipped: pecm.enabled = false");
            }
            if (lst != null && cfg.bool("pecm.enabled")) {
                FitParameters pp = pecmParameters(cfg, t);
                // a-priori σ of v, d from the same stack and pair masks as the inversion (skipped when the inversion
                // selected pairs by baseline: the fit knows only the stack's dropIfgram)
                if (cfg.integer("invert.maxTemporalBaseline") <= 0) {
                    pp = pp.withStack(stack, List.of("wls", "l1", "nsbas", "huber", "tukey").contains(cfg.text("invert.method"))
                                    ? cfg.text("invert.weight") : "no", 0, cfg.bool("invert.maskConnComp"),
                            Float.parseFloat(cfg.text("invert.minCoherence")));
                }
                fit(chain, "pecm-" + t, pp, inputs(ts, lst, geom, stack), List.of(dir.resolve("pecm/velocity.h5")),
                        engine);
            }
        }
        Path geo = out.resolve("geometry");
        Path ag = cfg.path("input.asc.geometry"), dg = cfg.path("input.desc.geometry");
        if (tracks.size() < 2) {
            chain.note("geometry", "skipped: east–up decomposition and direction classes need both tracks "
                    + "(input.asc.stack and input.desc.stack)");
        } else if (ag == null || dg == null) {
            chain.note("geometry", "skipped: needs the geometry of both tracks (input.asc.geometry and "
                    + "input.desc.geometry: incidence and azimuth angles)");
        } else if (!cfg.bool("geometry.enabled")) {
            chain.note("geometry", "skipped: geometry.enabled = false");
        }
        if (tracks.size() == 2 && ag != null && dg != null && cfg.bool("geometry.enabled")) {
            Path av = out.resolve("asc/velocity.h5"), dv = out.resolve("desc/velocity.h5");
            GeometryParameters gp = GeometryParameters.of(av, dv, ag, dg, geo).withThresholds(
                    Double.parseDouble(cfg.text("geometry.rateTolerance")),
                    Double.parseDouble(cfg.text("geometry.amplitudeTolerance")),
                    Double.parseDouble(cfg.text("geometry.inPhaseDays")),
                    Double.parseDouble(cfg.text("geometry.antiPhaseDays")),
                    Double.parseDouble(cfg.text("geometry.antiPhaseTolerance")))
                    .withStableSigmas(Double.parseDouble(cfg.text("geometry.stableSigmas")));
            chain.step("geometry", Map.of("parameters", gp.toString(), "plots", "true"), List.of(av, dv, ag, dg),
                    List.of(geo.resolve("secularDirection.tif"), geo.resolve("up.tif")), () -> {
                        GeometryStep.Result r = GeometryStep.run(gp, null, ConsoleProgress.create());
                        GeometryCommand.writePlots(gp.out(), r);
                        GeometryCommand.print(r, gp.out());
                    });
        }
        String first = tracks.get(0);
        Path firstGeom = cfg.path("input." + first + ".geometry");
        Path firstVel = out.resolve(first).resolve("velocity.h5");
        Path alt = out.resolve("alt");
        Path permafrost = cfg.path("input.permafrostMask");
        Path firstPecm = out.resolve(first).resolve("pecm/velocity.h5");
        boolean thawKnown = permafrost != null || (cfg.path("input.lst") != null && cfg.bool("pecm.enabled"));
        if (!cfg.bool("alt.enabled")) {
            chain.note("alt", "skipped: alt.enabled = false");
        }
        if (cfg.bool("alt.enabled") && !thawKnown) {
            chain.note("alt", "skipped: no LST (input.lst with pecm.enabled) and no permafrost map (input.permafrostMask), "
                    + "so where the ground freezes and thaws is unknown and an active-layer thickness would mean nothing");
        }
        if (cfg.bool("alt.enabled") && thawKnown) {
            Path moisture = cfg.path("input.soilMoisture");
            Path sites = cfg.path("input.sites");
            AltParameters ap = AltParameters.of(alt, firstVel + ":seasonalAmplitude",
                    moisture != null ? moisture.toString() : cfg.numberOrRaster("alt.N"), cfg.numberOrRaster("alt.n"));
            if (firstGeom != null) {
                ap = ap.withLos(firstGeom + ":incidenceAngle");
            }
            if (sites != null) {
                ap = ap.withSites(sites);
            }
            ap = ap.withMask(permafrost != null ? cfg.text("input.permafrostMask").contains(":")
                    ? cfg.numberOrRaster("input.permafrostMask") : permafrost.toString()
                    : firstPecm + ":" + FitKernel.THAW_SEASON);
            AltParameters altp = ap;
            chain.step("alt", Map.of("parameters", altp.toString(), "plots", "true"),
                    inputs(firstVel, firstGeom, moisture, sites, permafrost != null ? permafrost : firstPecm),
                    List.of(alt.resolve("alt.tif")), () -> {
                        AltStep.Result r = AltStep.run(altp, null, ConsoleProgress.create());
                        AltCommand.writePlots(altp.out(), r);
                        System.out.println(r.summary());
                    });
        }
        Path gnss = cfg.path("input.gnss"), bores = cfg.path("input.boreholes");
        if (gnss == null && bores == null) {
            chain.note("validate", "skipped: nothing to validate against (input.gnss, input.boreholes)");
        }
        if (gnss != null || bores != null) {
            Path val = out.resolve("validate");
            Path ts = out.resolve(first).resolve("timeseries.h5");
            ValidateParameters vp = ValidateParameters.of(val).withMatching(Double.parseDouble(cfg.text("validate.block")),
                    Integer.parseInt(cfg.text("validate.matchDays")));
            List<Path> in = new ArrayList<>();
            if (gnss != null) {
                vp = vp.withGnss(ts, List.of(gnss), firstGeom);
                in.addAll(List.of(ts, gnss));
                if (firstGeom != null) {
                    in.add(firstGeom);
                }
            }
            if (bores != null && cfg.bool("alt.enabled")) {
                vp = vp.withBoreholes(alt.resolve("alt.tif").toString(), bores);
                in.addAll(List.of(bores, alt.resolve("alt.tif")));
            }
            ValidateParameters valp = vp;
            chain.step("validate", Map.of("parameters", valp.toString(), "plots", "true"), in, List.of(val), () -> {
                ValidateStep.Result r = ValidateStep.run(valp);
                ValidateCommand.writePlots(valp.out(), r);
                System.out.println("wrote " + valp.out());
            });
        }
        if (ControlsConfig.enabled(cfg)) {
            ControlsRasterParameters cp = ControlsConfig.parameters(cfg);
            List<Path> in = new ArrayList<>(List.of(firstVel));
            for (String f : cp.factors().values()) {
                in.add(Path.of(PipelineConfig.stripDataset(f)));
            }
            chain.step("controls", Map.of("parameters", cp.toString(), "plots", "true"), in,
                    List.of(cp.out().resolve("factor_detector.csv")), () -> {
                        ControlsRasterStep.Result r = ControlsRasterStep.run(cp);
                        ControlsCommand.writePlots(cp.out(), "velocity (m/yr)", r.report(), r.labels(), r.binned(),
                                r.crossed());
                        System.out.println("wrote " + cp.out());
                    });
        }
        Path discharge = cfg.path("input.discharge");
        if (discharge != null) {
            String bd = cfg.text("recession.breakDate");
            java.time.LocalDate breakDate;
            try {
                breakDate = bd.isBlank() ? null : java.time.LocalDate.parse(bd.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("recession.breakDate: expected YYYY-MM-DD, found '" + bd + "'");
            }
            org.permasar.pipeline.hydro.RecessionParameters rp = org.permasar.cli.hydro.RecessionCommand.defaults(discharge,
                    out.resolve("recession"), breakDate);
            chain.step("recession", Map.of("parameters", rp.toString()), List.of(discharge),
                    List.of(out.resolve("recession").resolve("recession_fit.csv")), () -> {
                        org.permasar.cli.hydro.RecessionCommand.runAndDraw(rp);
                        System.out.println("wrote " + rp.out());
                    });
        }
        hazardSteps(chain, cfg);
        if (cfg.bool("report.enabled")) {
            List<Path> in = new ArrayList<>();
            for (String t : tracks) {
                in.add(out.resolve(t));
            }
            for (String d : new String[] {"geometry", "alt", "validate", ControlsConfig.DIR, "recession", LakesConfig.DIR,
                HazardsConfig.DIR, SlumpsConfig.DIR, LakeDensityConfig.DIR}) {
                if (Files.exists(out.resolve(d)) || chain.names().contains(d)) {
                    in.add(out.resolve(d));
                }
            }
            chain.step("report", Map.of("config", cfg.text()), in, List.of(out.resolve(ReportWriter.FILE)),
                    () -> new ReportWriter(cfg, chain.notes()).write());
        }
        return chain;
    }

    /**
     * The hazard steps, in this order: lakes (mapped from optical bands), hazards (along the corridor lines; the
     * lakes step's lakes as the layer 'lakes' unless hazards.features has one), slumps (the first track's series) and
     * lake-density (the first track's velocity against lakeDensity.lakes or the lakes step's lakes). Each runs when
     * its section is configured; a value that cannot be used is refused here, before any step runs.
     */
    private static void hazardSteps(Chain chain, PipelineConfig cfg) {
        if (LakesConfig.enabled(cfg)) {
            LakesParameters lp = LakesConfig.parameters(cfg);
            chain.step("lakes", Map.of("parameters", lp.toString(), "plots", "true"), List.of(lp.green(), lp.second()),
                    List.of(lp.out().resolve("lakes.geojson"), lp.out().resolve("lakes.png")), () -> {
                        LakesCommand.runAndDraw(lp);
                        System.out.println("wrote " + lp.out());
                    });
        } else {
            LakesConfig.checkUnused(cfg);
        }
        if (HazardsConfig.enabled(cfg)) {
            HazardsParameters hp = HazardsConfig.parameters(cfg);
            List<Path> in = new ArrayList<>(List.of(hp.lines(), hp.deformation()));
            in.addAll(hp.features().values());
            chain.step("hazards", Map.of("parameters", hp.toString(), "plots", "true"), in,
                    List.of(hp.out().resolve("buffer_counts.csv")), () -> {
                        HazardsCommand.runAndDraw(hp);
                        System.out.println("wrote " + hp.out());
                    });
        }
        if (SlumpsConfig.enabled(cfg)) {
            SlumpsParameters sp = SlumpsConfig.parameters(cfg);
            List<Path> in = new ArrayList<>(List.of(sp.timeseries()));
            if (sp.polygons() != null) {
                in.add(sp.polygons());
            }
            chain.step("slumps", Map.of("parameters", sp.toString(), "plots", "true"), in,
                    List.of(sp.out().resolve("slump_class.tif"), sp.out().resolve("slump_class.png")), () -> {
                        SlumpsCommand.runAndDraw(sp);
                        System.out.println("wrote " + sp.out());
                    });
        } else if (!cfg.text("slumps.polygons").isBlank()) {
            chain.note("slumps", "skipped: slumps.enabled = false (slumps.polygons is set)");
        }
        if (LakeDensityConfig.enabled(cfg)) {
            LakeDensityParameters dp = LakeDensityConfig.parameters(cfg);
            chain.step("lake-density", Map.of("parameters", dp.toString(), "plots", "true"),
                    List.of(dp.lakes(), dp.deformation()), List.of(dp.out().resolve("lake_density_correlation.csv"),
                            dp.out().resolve("lake_density_scatter.png")), () -> {
                        LakeDensityCommand.runAndDraw(dp);
                        System.out.println("wrote " + dp.out());
                    });
        } else if (!cfg.text("lakeDensity.lakes").isBlank()) {
            chain.note("lake-density", "skipped: lakeDensity.enabled = false (lakeDensity.lakes is set)");
        }
    }

    /** invert.threads as the steps take it: null = all cores. */
    /**
     * The [fit] section's MintPy time functions (periods, steps, exp, log) and dates (startDate, endDate,
     * excludeDate), in MintPy's template syntax; an unreadable value is refused naming its key.
     */
    static FitParameters withTimeFunctions(FitParameters fp, PipelineConfig cfg) {
        List<Double> periods = new ArrayList<>();
        for (String v : items(cfg, "fit.periods", ",")) {
            try {
                periods.add(Double.parseDouble(v));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fit.periods: '" + v + "' is not a number of years", e);
            }
        }
        List<Decay> exp = new ArrayList<>(), log = new ArrayList<>();
        try {
            for (String v : items(cfg, "fit.exp", ";")) {
                exp.addAll(Decay.parse(v));
            }
            for (String v : items(cfg, "fit.log", ";")) {
                log.addAll(Decay.parse(v));
            }
            List<LocalDate> exclude = items(cfg, "fit.excludeDate", ",").stream().map(Dates::parse).toList();
            String start = cfg.text("fit.startDate").trim(), end = cfg.text("fit.endDate").trim();
            return fp.withTerms(periods, items(cfg, "fit.steps", ","), exp, log)
                    .withDates(start.isEmpty() ? null : Dates.parse(start), end.isEmpty() ? null : Dates.parse(end), exclude);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[fit]: " + e.getMessage(), e);
        }
    }

    /** The non-empty items of a text key split at {@code separator}, trimmed. */
    private static List<String> items(PipelineConfig cfg, String key, String separator) {
        List<String> out = new ArrayList<>();
        for (String v : cfg.text(key).split(Pattern.quote(separator))) {
            if (!v.isBlank()) {
                out.add(v.trim());
            }
        }
        return out;
    }

    private static Integer threads(PipelineConfig cfg) {
        return cfg.integer("invert.threads") > 0 ? (int) cfg.integer("invert.threads") : null;
    }

    /** A fit step: the typed parameters are its fingerprint; it writes the PNG maps as {@code fit --plots} does. */
    private static void fit(Chain chain, String name, FitParameters fp, List<Path> inputs, List<Path> outputs,
                            EngineOptions engine) {
        chain.step(name, Map.of("parameters", fp.toString(), "plots", "true"), inputs, outputs, () -> {
            ConsoleProgress progress = ConsoleProgress.create();
            FitStep.Result r = engine.run(() -> FitStep.engine(fp, progress), runner -> FitStep.run(fp, runner, progress));
            FitCommand.writePlots(fp.out(), r.products());
            FitCommand.print(r);
        });
    }

    private static List<Path> inputs(Path... paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (p != null) {
                out.add(Path.of(PipelineConfig.stripDataset(p.toString())));
            }
        }
        return out;
    }

    private static final Pattern PARTIAL = Pattern.compile("^\\..+\\.partial-(\\d+)$");

    /**
     * Removes temporary files ({@code .NAME.partial-PID}, see {@code AtomicFiles}) left under
     * {@code out} by a process that no longer runs, e.g. a run that was killed.
     *
     * @return how many were removed
     */
    public static int removeStalePartials(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> s = Files.walk(out)) {
            s.forEach(p -> {
                Matcher m = PARTIAL.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long pid = Long.parseLong(m.group(1));
                    if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                        stale.add(p);
                    }
                }
            });
        }
        for (Path p : stale) {
            org.permasar.io.AtomicFiles.deleteRecursively(p);
        }
        return stale.size();
    }
}
