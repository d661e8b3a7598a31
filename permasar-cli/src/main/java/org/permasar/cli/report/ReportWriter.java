package org.permasar.cli.report;

import org.permasar.inversion.TemporalCoherence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.permasar.cli.pipeline.PipelineConfig;
import org.permasar.cli.pipeline.PipelineSteps;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.PixelSeriesPlot;
import org.permasar.cli.plot.RasterMap;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.pipeline.raster.ProductRasters.Raster;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.mintpy.MintPyProduct;

/**
 * {@code DIR/report.html}: one self-contained page (images as base64 PNG, inline CSS, no scripts)
 * summarising a {@code permasar run}: maps with colour bars and units for every track (rate,
 * seasonal amplitude and timing, temporal coherence, PECM v and d), direction classes, ALT, the
 * networks, time series with the fitted model at representative and user-chosen pixels,
 * statistics tables and the configuration used. Parts whose files are absent are left out.
 *
 * <p>The page holds no timestamp or absolute path, so the same results give the same bytes.
 */
public final class ReportWriter {
    /** File name of the report inside the output folder. */
    public static final String FILE = "report.html";

    private final PipelineConfig cfg;
    private final Path out;

    private final Map<String, String> skipped;

    public ReportWriter(PipelineConfig cfg) {
        this(cfg, Map.of());
    }

    /**
     * @param skipped the chain's steps that did not run, with the reason (shown in "Skipped, and why")
     */
    public ReportWriter(PipelineConfig cfg, Map<String, String> skipped) {
        this.cfg = cfg;
        this.out = cfg.outDir();
        this.skipped = skipped;
    }

    /** A map to show: dataset of a file, display scale (e.g. 1000 for m → mm), unit and colours. */
    private record MapSpec(String file, String dataset, String title, String unit, double scale, Colormap cmap) {
    }

    private static final List<MapSpec> TRACK_MAPS = List.of(
            new MapSpec("velocity.h5", "velocity", "rate", "mm/yr", 1000, Colormap.RDBU),
            new MapSpec("velocity.h5", "seasonalAmplitude", "seasonal peak-to-trough", "mm", 1000, Colormap.VIRIDIS),
            new MapSpec("velocity.h5", "seasonalTiming", "seasonal peak", "day of year", 1, Colormap.TWILIGHT),
            new MapSpec("temporalCoherence.h5", "temporalCoherence", "coherence", "-", 1, Colormap.VIRIDIS),
            new MapSpec("numTriNonzeroIntAmbiguity.h5", "numTriNonzeroIntAmbiguity", "triplets not closing", "count", 1,
                    Colormap.VIRIDIS),
            new MapSpec("pecm/velocity.h5", "pecmVelocity", "PECM v", "mm/yr", 1000, Colormap.RDBU),
            new MapSpec("pecm/velocity.h5", "pecmSeasonalCoef", "PECM d", "mm/√(°C·day)", 1000,
                    Colormap.VIRIDIS));

    /** Largest display width of a map, CSS px (two maps per row on a 1400 px screen, labels at their size). */
    private static final int MAP_WIDTH = 660;
    /** Folder of the full-resolution map pictures, next to the report. */
    static final String MAP_DIR = "report-maps";

    private static final Map<String, String> CAPTIONS = Map.of(
            "velocity", "LOS rate (trend), + towards the satellite",
            "seasonalAmplitude", "Seasonal peak-to-trough amplitude 2|A| (twice MintPy's annualAmplitude |A|)",
            "seasonalTiming", "Seasonal timing: day of year of the peak",
            "temporalCoherence", "Temporal coherence of the inversion",
            "numTriNonzeroIntAmbiguity", "Triplets whose closure phase is a non-zero number of cycles (unwrapping errors; "
                    + "Yunjun et al. 2019), before any correction",
            "pecmVelocity", "PECM secular rate v (vertical when fitted with --vertical)",
            "pecmSeasonalCoef", "PECM seasonal coefficient d (Stefan-type √ADDT term)");

    /** Writes the report atomically and returns its path. */
    public Path write() throws IOException {
        List<String> tracks = cfg.tracks();
        HtmlPage page = new HtmlPage("PermaSAR report", "Tracks: " + String.join(" + ", tracks)
                + " · configuration: " + cfg.file().getFileName());
        for (String t : tracks) {
            trackSection(page, t);
        }
        geometrySection(page);
        altSection(page);
        seriesSection(page, tracks.get(0));
        validationSection(page);
        recessionSection(page);
        controlsSection(page);
        lakesSection(page);
        hazardsSection(page);
        slumpsSection(page);
        lakeDensitySection(page);
        truthSection(page, tracks);
        if (!skipped.isEmpty()) {
            page.section("skipped", "Skipped, and why");
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("step", "why it did not run"));
            skipped.forEach((k, v) -> rows.add(List.of(k, v.replaceFirst("^skipped: ", ""))));
            page.table(rows);
            page.endSection();
        }
        page.section("config", "Configuration");
        page.note("The configuration this run used (" + cfg.file().getFileName() + "):");
        page.pre(cfg.text());
        page.endSection();
        Path file = out.resolve(FILE);
        String html = page.html();
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, html, StandardCharsets.UTF_8));
        return file;
    }

    private void trackSection(HtmlPage page, String t) throws IOException {
        Path dir = out.resolve(t);
        page.section(t, "Track " + t);
        page.h3("Maps");
        page.note("Click a map for its full-resolution picture. + marks the reference pixel (all rates are relative "
                + "to it).");
        Path tsFile = dir.resolve("timeseries.h5");
        int ref = -2;                                    // read once, from the first map's grid
        page.openGrid();
        for (MapSpec m : TRACK_MAPS) {
            Raster r = readOptional(dir.resolve(m.file()), m.dataset());
            if (r == null) {
                continue;
            }
            if (m.dataset().equals("velocity") && !RasterMap.hasFinite(r.data())) {
                // a main product with nothing in it: the run failed, whatever the exit codes of its steps said
                throw new org.permasar.stack.InvalidInputException(dir.resolve(m.file()), m.dataset(),
                        "every pixel is NaN: the fit of track " + t + " produced no rate (see fitStatus in that file "
                                + "and the inversion's numInvIfgram.h5, temporalCoherence.h5); no report written");
            }
            float[] v = scaled(r.data(), m.scale());
            RasterMap map = new RasterMap(t + ": " + m.title(), m.unit(), m.cmap());
            if (m.cmap() == Colormap.TWILIGHT) {
                map.range(1, 366);
            } else if (m.dataset().equals("temporalCoherence")) {
                map.range(0, 1);
            }
            if (ref == -2) {
                ref = Files.isRegularFile(tsFile) ? referenceIndex(tsFile, r.grid()) : -1;
            }
            if (ref >= 0) {
                map.marker(ref / r.grid().cols(), ref % r.grid().cols(), "reference pixel");
            }
            String caption = CAPTIONS.get(m.dataset()) + " [" + m.unit() + "], " + m.file() + ":" + m.dataset();
            page.figure(map.render(r.grid(), v), caption, MAP_WIDTH, fullResolution(map, r.grid(), v,
                    t + "_" + m.dataset()));
        }
        page.figure(dir.resolve("network.png"), "Interferogram network (pairs used in the inversion)", 640);
        Path quality = dir.resolve("closureQuality.csv");
        if (Files.isRegularFile(quality)) {
            List<org.permasar.cli.plot.ClosureQualityPlot.Row> q = org.permasar.cli.plot.ClosureQualityPlot.read(quality);
            page.figure(org.permasar.cli.plot.ClosureQualityPlot.render(q, t + ": closure quality per interferogram"),
                    closureCaption(q), MAP_WIDTH);
        }
        page.closeGrid();
        page.h3("Inversion summary");
        page.table(inversionTable(dir));
        page.h3("Fit summary (trend + annual)");
        page.table(fitTable(dir.resolve("velocity.h5"), List.of("velocity", "seasonalAmplitude", "residualRms")));
        if (Files.isRegularFile(dir.resolve("pecm/velocity.h5"))) {
            page.h3("PECM summary");
            page.table(fitTable(dir.resolve("pecm/velocity.h5"),
                    List.of("pecmVelocity", "pecmSeasonalCoef", "pecmPeakToTrough", "pecmResidualRms")));
        }
        page.endSection();
    }

    /** Caption of the closure-quality plot: what it shows and the worst pairs. */
    private static String closureCaption(List<org.permasar.cli.plot.ClosureQualityPlot.Row> rows) {
        List<org.permasar.cli.plot.ClosureQualityPlot.Row> judged = rows.stream()
                .filter(r -> r.triplets() > 0 && !Double.isNaN(r.nonzeroShare()))
                .sorted((a, b) -> Double.compare(b.nonzeroShare(), a.nonzeroShare())).toList();
        StringBuilder c = new StringBuilder("Closure quality per interferogram (closureQuality.csv/.h5): share of its "
                + "triplet-pixel cells whose closure phase is a non-zero number of cycles, before any correction; "
                + (rows.size() - judged.size()) + " of " + rows.size() + " pairs lie in no triplet and cannot be judged");
        if (!judged.isEmpty()) {
            c.append(". Worst: ");
            for (int i = 0; i < Math.min(3, judged.size()); i++) {
                var r = judged.get(i);
                c.append(i == 0 ? "" : ", ").append(r.reference()).append("_").append(r.secondary())
                        .append(String.format(java.util.Locale.ROOT, " %.2f %%", 100 * r.nonzeroShare()));
            }
        }
        return c.toString();
    }

    /**
     * The map again at full resolution (every grid pixel at least one image pixel, at most 4000 px),
     * written to {@value #MAP_DIR}/NAME.png; returns the relative link.
     */
    private String fullResolution(RasterMap map, GridGeometry grid, float[] v, String name) throws IOException {
        int longest = Math.max(grid.rows(), grid.cols());
        map.size(Math.min(4000, Math.max(960, longest)));
        Path png = out.resolve(MAP_DIR).resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
        Files.createDirectories(png.getParent());
        map.write(png, grid, v);
        map.size(RasterMap.DEFAULT_SIZE);
        return MAP_DIR + "/" + png.getFileName();
    }

    private List<List<String>> inversionTable(Path dir) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("quantity", "value"));
        Raster coh = readOptional(dir.resolve("temporalCoherence.h5"), "temporalCoherence");
        Path ts = dir.resolve("timeseries.h5");
        if (Files.isRegularFile(ts)) {
            try (MintPyProduct p = MintPyProduct.open(ts)) {
                Map<String, String> a = p.attributes();
                rows.add(List.of("grid (rows × cols)", p.grid().rows() + " × " + p.grid().cols()));
                rows.add(List.of("dates", p.dates().size() + " (" + p.dates().get(0) + " … "
                        + p.dates().get(p.dates().size() - 1) + ")"));
                rows.add(List.of("reference pixel (row, col)", a.getOrDefault("REF_Y", "?") + ", " + a.getOrDefault("REF_X", "?")));
                rows.add(List.of("reference date", a.getOrDefault("REF_DATE", "?")));
            }
        }
        if (coh != null) {
            float[] c = coh.data();
            int valid = 0, good = 0;
            for (float v : c) {
                if (!Float.isNaN(v)) {
                    valid++;
                    if (v >= TemporalCoherence.RELIABLE) {
                        good++;
                    }
                }
            }
            rows.add(List.of("pixels solved", valid + " of " + c.length));
            rows.add(List.of("temporal coherence ≥ " + TemporalCoherence.RELIABLE, valid == 0 ? "-" : fmt(100.0 * good / valid, 1) + " %"));
            rows.add(List.of("median temporal coherence", fmt(SummaryStats.of(c).median(), 3)));
        }
        return rows;
    }

    private List<List<String>> fitTable(Path file, List<String> datasets) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("dataset", "unit", "valid px", "p5", "median", "p95"));
        for (String d : datasets) {
            Raster r = readOptional(file, d);
            if (r == null) {
                continue;
            }
            String unit = unitOf(file, d);
            double scale = unit.startsWith("m") ? 1000 : 1;
            String shown = scale == 1000 ? "m" + unit : unit;
            SummaryStats s = SummaryStats.of(scaled(r.data(), scale));
            rows.add(List.of(d, shown, Integer.toString(s.count()), fmt(s.p5(), 2), fmt(s.median(), 2), fmt(s.p95(), 2)));
        }
        Raster mask = readOptional(file, "seasonalMask");
        if (mask != null) {
            int n = 0;
            for (float v : mask.data()) {
                if (v == 1f) {
                    n++;
                }
            }
            rows.add(List.of("seasonal pixels (seasonalMask = 1)", "px", Integer.toString(n), "", "", ""));
        }
        return rows;
    }

    private void geometrySection(HtmlPage page) throws IOException {
        Path geo = out.resolve("geometry");
        if (!Files.isDirectory(geo)) {
            return;
        }
        page.section("geometry", "Direction of motion (ascending + descending)");
        page.openGrid();
        page.figure(geo.resolve("secularDirection.png"), "Secular direction classes", MAP_WIDTH);
        page.figure(geo.resolve("seasonalDirection.png"), "Seasonal direction classes", MAP_WIDTH);
        page.figure(geo.resolve("up.png"), "Up velocity [mm/yr]", MAP_WIDTH);
        page.figure(geo.resolve("east.png"), "East velocity [mm/yr]", MAP_WIDTH);
        page.figure(geo.resolve("secularPie.png"), "Secular classes, share of pixels", 380);
        page.figure(geo.resolve("seasonalPie.png"), "Seasonal classes, share of pixels", 380);
        page.closeGrid();
        Path counts = geo.resolve("directionCounts.csv");
        if (Files.isRegularFile(counts)) {
            page.h3("Direction class counts");
            page.table(csv(counts));
            page.note(stableNote(geo));
        }
        page.endSection();
    }

    /** What the stable class means in this run, from the class rasters' metadata (GeometryStep). */
    private static String stableNote(Path geo) throws IOException {
        StringBuilder b = new StringBuilder("Classes 1 vertical, 2 east-west, 3 undetermined as in the Qinghai–Tibet Engineering Corridor study (EGUsphere 2025-4184, Table 1); "
                + "4 stable (not significant): within k sigma of zero on both tracks");
        String sep = ": ";
        for (String name : List.of("secularDirection", "seasonalDirection")) {
            Path tif = geo.resolve(name + ".tif");
            if (Files.isRegularFile(tif)) {
                try (GeoTiffReader r = GeoTiffReader.open(tif)) {
                    Map<String, String> at = r.attributes();
                    b.append(sep).append(name.startsWith("secular") ? "secular" : "seasonal").append(" k = ")
                            .append(at.getOrDefault("stable_sigmas", "?")).append(", ")
                            .append(at.getOrDefault("stable_test", "no stable test recorded"));
                    sep = "; ";
                }
            }
        }
        return b.append('.').toString();
    }

    private void altSection(HtmlPage page) throws IOException {
        Path alt = out.resolve("alt/alt.tif");
        boolean thawKnown = !cfg.text("input.permafrostMask").isBlank()
                || (!cfg.text("input.lst").isBlank() && cfg.bool("pecm.enabled"));
        if (cfg.bool("alt.enabled") && !thawKnown) {
            page.section("alt", "Active-layer thickness");
            page.note("Not computed: the configuration gives no land-surface temperature (input.lst with the PECM step) "
                    + "and no permafrost map (input.permafrostMask), so where the ground freezes and thaws is unknown and "
                    + "an active-layer thickness would mean nothing.");
            page.endSection();
            return;
        }
        if (!Files.isRegularFile(alt)) {
            return;
        }
        Raster r = ProductRasters.read(alt, null);
        page.section("alt", "Active-layer thickness");
        page.openGrid();
        page.figure(new RasterMap("ALT (density model)", "m", Colormap.VIRIDIS).render(r.grid(), r.data()),
                "ALT from the seasonal amplitude of the first track, where the ground has a freeze–thaw cycle [m]",
                MAP_WIDTH);
        page.closeGrid();
        SummaryStats s = SummaryStats.of(r.data());
        page.table(List.of(List.of("quantity", "value"),
                List.of("pixels solved", s.count() + " of " + r.data().length),
                List.of("ALT p5 / median / p95 (m)", fmt(s.p5(), 2) + " / " + fmt(s.median(), 2) + " / " + fmt(s.p95(), 2))));
        page.endSection();
    }

    private void seriesSection(HtmlPage page, String first) throws IOException {
        Path vel = out.resolve(first).resolve("velocity.h5");
        Raster v = readOptional(vel, "velocity");
        if (v == null) {
            return;
        }
        Raster amp = readOptional(vel, "seasonalAmplitude");
        Raster coh = readOptional(out.resolve(first).resolve("temporalCoherence.h5"), "temporalCoherence");
        Path truth = cfg.path("report.truth");
        Raster regions = truth == null ? null : readOptional(truth, "region");
        GridGeometry g = v.grid();
        List<int[]> user = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (int[] p : cfg.pixels("report.pixels")) {
            if (p[0] < g.rows() && p[1] < g.cols()) {
                user.add(p);
            } else {
                outside.add(p[0] + "," + p[1]);
            }
        }
        int ref = referenceIndex(vel, g);
        List<ReportPixels.Pixel> pixels = ReportPixels.choose(g.cols(), ref, v.data(), amp == null ? null : amp.data(),
                coh == null ? null : coh.data(), regions == null ? null : regions.data(), user);
        List<PixelSeriesPlot.Source> sources = new ArrayList<>();
        boolean anyPecm = false;
        for (String t : cfg.tracks()) {
            org.permasar.pipeline.fit.FitParameters pp = PipelineSteps.pecmParameters(cfg, t);
            boolean pecm = pp != null && Files.isRegularFile(out.resolve(t).resolve("pecm/velocity.h5"));
            anyPecm |= pecm;
            sources.add(new PixelSeriesPlot.Source(t, out.resolve(t).resolve("timeseries.h5"), out.resolve(t).resolve("velocity.h5"),
                    pecm ? (r, c) -> org.permasar.pipeline.fit.FitStep.pecmModelAt(pp, r, c) : null));
        }
        page.section("series", "Time series at representative pixels");
        page.note("Points: inverted LOS displacement of each track (mm, + towards the satellite); "
                + "lines: the fitted trend + annual model" + (anyPecm ? " and the PECM model c + v·L + d·I at the SAR "
                + "dates (the same LST chain and fit as the maps; projected back to LOS when fitted vertically)" : "")
                + ". The cross on the small map marks the pixel.");
        if (!outside.isEmpty()) {
            page.note("Pixels outside the " + g.rows() + " × " + g.cols() + " grid were skipped: " + String.join("; ", outside));
        }
        float[] mm = scaled(v.data(), 1000);
        for (ReportPixels.Pixel p : pixels) {
            page.h3("Pixel (" + p.row() + ", " + p.col() + "): " + p.label());
            page.openGrid();
            page.figure(PixelSeriesPlot.render("Pixel (" + p.row() + ", " + p.col() + ")", sources, p.row(), p.col(), 640, 320),
                    p.label());
            page.figure(new RasterMap(first + " LOS rate", "mm/yr", Colormap.RDBU).marker(p.row(), p.col()).size(260)
                    .render(g, mm), "Location of pixel (" + p.row() + ", " + p.col() + ")", 500);
            page.closeGrid();
        }
        page.endSection();
    }

    /**
     * Estimates against the simulated truth ({@code report.truth}): bias and RMSE of each track's LOS
     * rate against the true LOS rate, over pixels where both are numbers.
     */
    private void truthSection(HtmlPage page, List<String> tracks) throws IOException {
        Path truth = cfg.path("report.truth");
        if (truth == null) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("estimate", "truth", "pixels", "bias (mm/yr)", "RMSE (mm/yr)"));
        for (String t : tracks) {
            Raster est = readOptional(out.resolve(t).resolve("velocity.h5"), "velocity");
            Raster tru = readOptional(truth, t + "LosVelocity");
            if (est != null && tru != null && est.data().length == tru.data().length) {
                double[] br = biasRmse(est.data(), tru.data(), referenceIndex(out.resolve(t).resolve("velocity.h5"), est.grid()));
                rows.add(List.of(t + "/velocity.h5:velocity", "truth.h5:" + t + "LosVelocity", fmt(br[2], 0),
                        fmt(1000 * br[0], 2), fmt(1000 * br[1], 2)));
            }
        }
        if (rows.size() > 1) {
            page.section("truth", "Estimates against the simulated truth");
            page.note("Both rates are relative to the reference pixel (the truth is shifted to zero there).");
            page.table(rows);
            page.endSection();
        }
    }

    /** {bias, RMSE, n} of est − (truth − truth[ref]) over finite pairs (m/yr). */
    static double[] biasRmse(float[] est, float[] truth, int ref) {
        double shift = ref >= 0 && Float.isFinite(truth[ref]) ? truth[ref] : 0.0;
        double s = 0, ss = 0;
        int n = 0;
        for (int i = 0; i < est.length; i++) {
            if (Float.isFinite(est[i]) && Float.isFinite(truth[i])) {
                double d = est[i] - (truth[i] - shift);
                s += d;
                ss += d * d;
                n++;
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN, 0} : new double[] {s / n, Math.sqrt(ss / n), n};
    }

    /** Row-major index of the reference pixel (REF_Y, REF_X) of a MintPy file, or −1. */
    private static int referenceIndex(Path file, GridGeometry g) {
        try (MintPyProduct p = MintPyProduct.open(file)) {
            int r = Integer.parseInt(p.attributes().getOrDefault("REF_Y", "-1").trim());
            int c = Integer.parseInt(p.attributes().getOrDefault("REF_X", "-1").trim());
            return r >= 0 && c >= 0 && r < g.rows() && c < g.cols() ? r * g.cols() + c : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The recession step's pictures and its pooled fits (recession_fit.csv, scope "all"). */
    private void recessionSection(HtmlPage page) throws IOException {
        Path dir = out.resolve("recession");
        Path fits = dir.resolve("recession_fit.csv");
        if (!Files.isRegularFile(fits)) {
            return;
        }
        page.section("recession", "Streamflow recession");
        page.note("−dQ/dt = a·Q^b of the basin's daily discharge (input.discharge; Brutsaert & Nieber 1977), per "
                + "derivative method and fit; 95 % intervals from a bootstrap over recession events. All files in "
                + "recession/.");
        page.openGrid();
        page.figure(dir.resolve("recession_cloud.png"), "−dQ/dt against Q with the pooled fits", 640);
        page.figure(dir.resolve("recession_yearly.png"), "a (at the pooled b) and b per year", 640);
        page.closeGrid();
        List<String> lines = Files.readAllLines(fits, StandardCharsets.UTF_8);
        if (!lines.isEmpty()) {
            List<String> header = List.of(lines.get(0).split(",", -1));
            int scope = header.indexOf("scope");
            List<List<String>> rows = new ArrayList<>();
            rows.add(header);
            for (String l : lines.subList(1, lines.size())) {
                List<String> f = List.of(l.split(",", -1));
                if (f.size() == header.size() && (scope < 0 || f.get(scope).equals("all"))) {
                    rows.add(f);
                }
            }
            page.h3("Pooled fits (recession_fit.csv, scope all)");
            page.table(rows);
        }
        page.endSection();
    }

    private void validationSection(HtmlPage page) throws IOException {
        Path dir = out.resolve("validate");
        if (!Files.isDirectory(dir)) {
            return;
        }
        page.section("validation", "Validation");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (n.endsWith(".csv")) {
                page.h3(n);
                page.table(csv(f));
            }
        }
        page.openGrid();
        for (Path f : files) {
            if (f.getFileName().toString().endsWith(".png")) {
                page.figure(f, f.getFileName().toString());
            }
        }
        page.closeGrid();
        page.endSection();
    }

    /** The controls step: factor and interaction tables, the q ranking and the box plots. */
    private void controlsSection(HtmlPage page) throws IOException {
        Path dir = out.resolve("controls");
        if (!Files.isRegularFile(dir.resolve("factor_detector.csv"))) {
            return;
        }
        page.section("controls", "What controls the deformation (geographical detector)");
        page.note("q: share of the variance of the first track's velocity explained by each factor's strata (Wang et al. "
                + "2010); p: noncentral F test; q_low–q_high: 95 % block-bootstrap interval; p_block: block permutation "
                + "test (with millions of pixels read q and p_block, not p). Tables in controls/.");
        page.h3("Factor detector");
        page.table(csv(dir.resolve("factor_detector.csv")));
        if (Files.isRegularFile(dir.resolve("interaction_detector.csv"))
                && Files.readAllLines(dir.resolve("interaction_detector.csv")).size() > 1) {
            page.h3("Interaction detector");
            page.table(csv(dir.resolve("interaction_detector.csv")));
        }
        page.openGrid();
        page.figure(dir.resolve("q_ranking.png"), "Factors ranked by q");
        List<Path> plots;
        try (Stream<Path> s = Files.list(dir)) {
            plots = s.filter(f -> f.getFileName().toString().startsWith("boxplot_")).sorted().toList();
        }
        for (Path f : plots) {
            page.figure(f, f.getFileName().toString());
        }
        page.closeGrid();
        page.endSection();
    }

    /** The hazards step: buffer counts, the corridor profile picture and the worst stretches. */
    private void hazardsSection(HtmlPage page) throws IOException {
        Path dir = out.resolve("hazards");
        if (!Files.isRegularFile(dir.resolve("buffer_counts.csv"))) {
            return;
        }
        page.section("hazards", "Hazards along the corridor");
        page.note("Hazard features counted in metric buffers around hazards.lines (buffered in a projected CRS, a "
                + "feature counted once, in the ring of its nearest point to the line), and the first track's velocity "
                + "by chainage within the widest buffer (subsidence = −velocity, mm/yr). Files in hazards/.");
        page.h3("Features per buffer (buffer_counts.csv)");
        page.table(csv(dir.resolve("buffer_counts.csv")));
        if (Files.isRegularFile(dir.resolve("corridor_profile.png"))) {
            page.figure(dir.resolve("corridor_profile.png"), "Deformation by chainage", 900);
        }
        if (Files.isRegularFile(dir.resolve("corridor_map.png"))) {
            page.figure(dir.resolve("corridor_map.png"), "The line, its buffers, the hazard layers and the velocity", 900);
        }
        if (Files.isRegularFile(dir.resolve("worst_stretches.csv"))) {
            page.h3("Worst stretches by 95th-percentile subsidence (worst_stretches.csv)");
            page.table(csv(dir.resolve("worst_stretches.csv")));
        }
        page.endSection();
    }

    /** The lakes step: how many lakes, their areas, and the water map. */
    private void lakesSection(HtmlPage page) throws IOException {
        Path dir = out.resolve("lakes");
        Path lakes = dir.resolve("lakes.csv");
        if (!Files.isRegularFile(lakes)) {
            return;
        }
        page.section("lakes", "Thermokarst lakes from optical imagery");
        page.note("Water where the normalised difference water index of lakes.green and lakes.nir (NDWI, McFeeters "
                + "1996) or lakes.swir (MNDWI, Xu 2006) exceeds the threshold (Otsu 1979 unless given); 4-connected "
                + "bodies smaller than lakes.minPixels dropped; each lake the union of its pixels, its area theirs. These "
                + "lakes feed the hazards and lake-density steps unless they have lakes of their own. Files in lakes/.");
        List<String> lines = Files.readAllLines(lakes, StandardCharsets.UTF_8);
        int area = lines.isEmpty() ? -1 : Arrays.asList(lines.get(0).split(",", -1)).indexOf("area_m2");
        double[] a = new double[area < 0 ? 0 : (int) lines.stream().skip(1).filter(l -> !l.isBlank()).count()];
        double total = 0;
        for (int k = 0; k < a.length; k++) {
            a[k] = Double.parseDouble(lines.get(k + 1).split(",", -1)[area]);
            total += a[k];
        }
        List<List<String>> rows = csv(lakes);
        Arrays.sort(a);
        List<List<String>> summary = new ArrayList<>();
        summary.add(List.of("quantity", "value"));
        summary.add(List.of("lakes", Integer.toString(a.length)));
        summary.add(List.of("water area of the lakes (km²)", fmt(total * 1e-6, 4)));
        if (a.length > 0) {
            summary.add(List.of("smallest / median / largest lake (km²)", fmt(a[0] * 1e-6, 4) + " / "
                    + fmt(a[a.length / 2] * 1e-6, 4) + " / " + fmt(a[a.length - 1] * 1e-6, 4)));
        }
        page.table(summary);
        page.figure(dir.resolve("lakes.png"), "Water above the threshold (the specks below lakes.minPixels included)",
                MAP_WIDTH);
        if (a.length > 0) {
            page.h3("Lakes (lakes.csv" + (rows.size() > 51 ? ", the first 50" : "") + ")");
            page.table(rows.subList(0, Math.min(rows.size(), 51)));
        }
        page.endSection();
    }

    /** The slumps step: class counts, the class map and the polygons' classes. */
    private void slumpsSection(HtmlPage page) throws IOException {
        Path dir = out.resolve("slumps");
        if (!Files.isRegularFile(dir.resolve("slump_class_counts.csv"))) {
            return;
        }
        page.section("slumps", "Thaw-slump time-series classes");
        page.note("Every pixel's displacement series of the first track (and each slump polygon's mean series) fitted "
                + "by a line and by a continuous broken line with one break, both with an annual sinusoid unless "
                + "slumps.annual = false, chosen by BIC (Schwarz 1978) with a margin of slumps.bicMargin: abrupt thaw when "
                + "the broken line wins and the rate changes towards subsidence by at least slumps.minRateChange, linear "
                + "subsidence when the line's rate is faster than −slumps.rateThreshold, else stable (seed 004). Files in "
                + "slumps/.");
        page.h3("Pixels per class (slump_class_counts.csv)");
        page.table(csv(dir.resolve("slump_class_counts.csv")));
        page.figure(dir.resolve("slump_class.png"), "Class of each pixel's series (slump_class.tif)", MAP_WIDTH);
        if (Files.isRegularFile(dir.resolve("slump_polygons.csv"))) {
            page.h3("Slump polygons, mean series (slump_polygons.csv; rates mm/yr, break as a date)");
            page.table(csv(dir.resolve("slump_polygons.csv")));
        }
        page.endSection();
    }

    /** The lake-density step: the correlations, the scatter plot and the binned statistics. */
    private void lakeDensitySection(HtmlPage page) throws IOException {
        Path dir = out.resolve("lake-density");
        if (!Files.isRegularFile(dir.resolve("lake_density_correlation.csv"))) {
            return;
        }
        page.section("lake-density", "Lake density against deformation");
        page.note("Lakes counted per square cell of lakeDensity.cell m (in the cell of their centroid) and their area "
                + "share, against the mean subsidence rate (−velocity, mm/yr) and seasonal amplitude (mm) of the first "
                + "track in the same cells. p accounts for spatial autocorrelation: Clifford, Richardson & Hémon's (1989) "
                + "modified t-test with Dutilleul's (1993) effective sample size; the naive p does not. Files in "
                + "lake-density/.");
        page.h3("Correlations (lake_density_correlation.csv)");
        List<List<String>> corr = csv(dir.resolve("lake_density_correlation.csv"));
        page.table(corr);
        if (corr.stream().skip(1).anyMatch(r -> r.contains("NaN"))) {
            page.note("NaN: the density or the deformation does not vary over the cells used (e.g. every lake in one "
                    + "cell, or a cell's lake pixels without a rate), so there is no correlation to test.");
        }
        page.figure(dir.resolve("lake_density_scatter.png"), "Lake area share of each cell against its subsidence rate "
                + "and seasonal amplitude", 900);
        if (Files.isRegularFile(dir.resolve("lake_density_bins.csv"))) {
            page.h3("By lake area share (lake_density_bins.csv: means and medians; quartiles in the file)");
            page.table(columns(csv(dir.resolve("lake_density_bins.csv")), Map.of("lake_area_pct_from", "lake area from (%)",
                    "lake_area_pct_to", "to (%)", "cells", "cells", "subsidence_mean", "subsidence mean (mm/yr)",
                    "subsidence_median", "median (mm/yr)", "amplitude_mean", "amplitude mean (mm)", "amplitude_median",
                    "median (mm)")));
        }
        page.endSection();
    }

    /** The columns of a table whose header is a key of {@code shown}, in the table's order, headed by its value. */
    private static List<List<String>> columns(List<List<String>> rows, Map<String, String> shown) {
        List<Integer> keep = new ArrayList<>();
        List<List<String>> out = new ArrayList<>();
        for (int k = 0; !rows.isEmpty() && k < rows.get(0).size(); k++) {
            if (shown.containsKey(rows.get(0).get(k))) {
                keep.add(k);
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            List<String> r = new ArrayList<>();
            for (int k : keep) {
                r.add(i == 0 ? shown.get(rows.get(0).get(k)) : k < rows.get(i).size() ? rows.get(i).get(k) : "");
            }
            out.add(r);
        }
        return out;
    }

    private static List<List<String>> csv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && rows.size() < 200) {
                rows.add(Arrays.asList(line.split(",", -1)));
            }
        }
        return rows;
    }

    private static Raster readOptional(Path file, String dataset) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return ProductRasters.readOptional(file, dataset);
    }

    private static String unitOf(Path file, String dataset) {
        // MintPy writes a per-dataset UNIT attribute (velocity.h5: velocity m/year, seasonalTiming day, …)
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(file)) {
            io.jhdf.api.Attribute a = h.getDatasetByPath(dataset).getAttribute("UNIT");
            Object v = a == null ? null : a.getData();
            return v == null ? "" : v.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static float[] scaled(float[] data, double scale) {
        float[] v = new float[data.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (data[i] * scale);
        }
        return v;
    }

    static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
