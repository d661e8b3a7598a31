package org.permasar.cli.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.permasar.pipeline.controls.ControlsRasterParameters;
import org.permasar.pipeline.fit.FitParameters;
import org.permasar.io.table.SiteTable;
import org.permasar.cli.products.ValidateCommand;
import org.permasar.grid.GridGeometry;
import org.permasar.io.RasterFormats;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.vector.VectorFiles;
import org.permasar.io.lst.LstOptions;
import org.permasar.io.lst.LstSource;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.RasterSource;

/**
 * Checks every input a {@link PipelineConfig} names before any step runs: each file opens with
 * the reader its step will use (format sniffed by {@link RasterFormats}), the datasets the
 * configured steps need are present (coherence for weighted inversions, connectComponent for
 * {@code invert.maskConnComp}, incidenceAngle/azimuthAngle/height of the geometry files), the
 * geometry grids match their stacks, and the GNSS, site and borehole tables parse.
 *
 * <p>Only headers, metadata and tables are read, never the pixel data of a stack, so the check
 * costs little even for large inputs; a file damaged inside its pixel data is reported by the
 * step that reads it (with the same exit code). Nothing is written.
 *
 * <p>Stateless and thread-safe.
 */
public final class InputCheck {

    private InputCheck() {
    }

    /**
     * Checks the inputs of {@code cfg}.
     *
     * @throws IllegalArgumentException with a one-line message {@code CONFIG: KEY: FILE…: problem} at the first
     *                                  input that cannot be used
     */
    public static void check(PipelineConfig cfg) {
        List<String> tracks = cfg.tracks();
        String first = tracks.get(0);
        boolean bothTracks = tracks.size() == 2 && cfg.path("input.asc.geometry") != null
                && cfg.path("input.desc.geometry") != null && cfg.bool("geometry.enabled");
        boolean pecm = cfg.path("input.lst") != null && cfg.bool("pecm.enabled");
        boolean gnss = cfg.path("input.gnss") != null;
        for (String t : tracks) {
            String stackKey = "input." + t + ".stack";
            GridGeometry grid = stack(cfg, stackKey);
            String geomKey = "input." + t + ".geometry";
            Path geom = cfg.path(geomKey);
            if (geom == null) {
                continue;
            }
            List<String> needs = new ArrayList<>();
            if (t.equals(first) && cfg.bool("alt.enabled")) {
                needs.add("incidenceAngle (alt: LOS to vertical)");
            }
            if (pecm && cfg.bool("pecm.vertical")) {
                needs.add("incidenceAngle (pecm.vertical)");
            }
            if (bothTracks) {
                needs.add("incidenceAngle (geometry step)");
                needs.add("azimuthAngle (geometry step)");
            }
            if (t.equals(first) && gnss) {
                needs.add("incidenceAngle (validate: GNSS to LOS)");
                needs.add("azimuthAngle (validate: GNSS to LOS)");
            }
            if (cfg.bool("invert.elevationCorrection")) {
                needs.add("height (invert.elevationCorrection)");
            }
            geometry(cfg, geomKey, geom, grid, needs);
        }
        Path lst = cfg.path("input.lst");
        if (lst != null) {
            try (LstSource s = LstSource.open(lst, LstOptions.auto())) {
                if (s.dates().isEmpty()) {
                    throw fail(cfg, "input.lst", lst + ": no dated LST layers");
                }
            } catch (IOException | IllegalArgumentException e) {
                throw fail(cfg, "input.lst", e);
            }
        }
        raster(cfg, "input.soilMoisture", cfg.text("input.soilMoisture"));
        for (String k : new String[] {"pecm.kappaRatio", "alt.N", "alt.n"}) {
            if (!isNumber(cfg.text(k)) && !(k.equals("pecm.kappaRatio")
                    && cfg.text(k).trim().equalsIgnoreCase(FitParameters.KAPPA_ESTIMATE))) {
                raster(cfg, k, cfg.text(k));
            }
        }
        for (String k : new String[] {"input.sites", "input.boreholes"}) {
            Path p = cfg.path(k);
            if (p != null) {
                try {
                    if (SiteTable.read(p, "alt", "alt_m", "thickness").isEmpty()) {
                        throw fail(cfg, k, p + ": no sites");
                    }
                } catch (IOException | IllegalArgumentException e) {
                    throw fail(cfg, k, e);
                }
            }
        }
        if (gnss) {
            Path p = cfg.path("input.gnss");
            try {
                ValidateCommand.readGnss(p);
            } catch (IOException | IllegalArgumentException e) {
                throw fail(cfg, "input.gnss", e);
            }
        }
        if (ControlsConfig.enabled(cfg)) {
            controls(cfg);
        }
        if (LakesConfig.enabled(cfg)) {
            lakes(cfg);
        }
        if (HazardsConfig.enabled(cfg)) {
            org.permasar.pipeline.hazard.HazardsParameters hp = HazardsConfig.parameters(cfg);
            try {
                VectorFiles.read(hp.lines());
            } catch (IOException | IllegalArgumentException e) {
                throw fail(cfg, "hazards.lines", e);
            }
            for (Map.Entry<String, Path> f : hp.features().entrySet()) {
                if (f.getKey().equals(LakesConfig.LAYER) && HazardsConfig.lakesFromStep(cfg)) {
                    continue;                               // written by the lakes step
                }
                try {
                    VectorFiles.read(f.getValue());
                } catch (IOException | IllegalArgumentException e) {
                    throw fail(cfg, "hazards.features", e);
                }
            }
        }
        if (SlumpsConfig.enabled(cfg) && cfg.path("slumps.polygons") != null) {
            vectorWithCrs(cfg, "slumps.polygons");
        }
        if (LakeDensityConfig.enabled(cfg)) {
            LakeDensityConfig.parameters(cfg);
            if (!LakeDensityConfig.fromLakesStep(cfg)) {
                vectorWithCrs(cfg, "lakeDensity.lakes");
            }
        }
        Path truth = cfg.path("report.truth");
        if (truth != null) {
            try (RasterSource s = RasterFormats.open(truth)) {
                s.datasets(); // any datasets: the report uses those it finds
            } catch (IOException | IllegalArgumentException e) {
                throw fail(cfg, "report.truth", e);
            }
        }
    }

    /** The two bands of the lakes step open as GeoTIFFs on one geocoded grid (as LakesStep needs them). */
    private static void lakes(PipelineConfig cfg) {
        org.permasar.pipeline.hazard.LakesParameters p = LakesConfig.parameters(cfg);
        String second = p.swir() ? "lakes.swir" : "lakes.nir";
        GridGeometry green = tiffGrid(cfg, "lakes.green", p.green());
        GridGeometry other = tiffGrid(cfg, second, p.second());
        if (!green.isGeocoded() || green.epsg() == 0) {
            throw fail(cfg, "lakes.green", p.green() + ": the bands must be geocoded with an EPSG code (found " + green
                    + ")");
        }
        if (green.rows() != other.rows() || green.cols() != other.cols() || !green.transform().equals(other.transform())
                || green.epsg() != other.epsg()) {
            throw fail(cfg, second, p.second() + ": its grid (" + other + ") differs from lakes.green's (" + green
                    + "): resample the bands onto one grid first");
        }
    }

    private static GridGeometry tiffGrid(PipelineConfig cfg, String key, Path file) {
        try (RasterSource s = RasterFormats.open(file)) {
            if (!(s instanceof GeoTiffReader)) {
                throw fail(cfg, key, file + ": not a GeoTIFF");
            }
            return s.grid();
        } catch (IOException | IllegalArgumentException e) {
            throw fail(cfg, key, e);
        }
    }

    /** A vector file that opens and whose CRS is known (the steps reproject it). */
    private static void vectorWithCrs(PipelineConfig cfg, String key) {
        Path p = cfg.path(key);
        try {
            if (VectorFiles.read(p).epsg() == 0) {
                throw fail(cfg, key, p + ": its CRS is unknown (no .prj, or one whose EPSG code could not be "
                        + "identified)");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw fail(cfg, key, e);
        }
    }

    /** The [controls] settings parse and every factor map opens with the dataset it names. */
    private static void controls(PipelineConfig cfg) {
        ControlsRasterParameters p = ControlsConfig.parameters(cfg);
        for (Map.Entry<String, String> e : p.factors().entrySet()) {
            String spec = e.getValue();
            String file = PipelineConfig.stripDataset(spec);
            String ds = file.equals(spec) ? null : spec.substring(file.length() + 1);
            try (RasterSource s = RasterFormats.open(Path.of(file))) {
                if (ds == null && !(s instanceof GeoTiffReader) && s.datasets().size() != 1) {
                    throw fail(cfg, "controls.factors", file + ": several datasets " + s.datasets()
                            + ": name one as " + e.getKey() + "=FILE:DATASET");
                }
                if (ds != null && !s.has(ds)) {
                    throw fail(cfg, "controls.factors", file + " [" + ds + "]: dataset is missing (the file has "
                            + s.datasets() + ")");
                }
            } catch (IOException | IllegalArgumentException ex) {
                throw fail(cfg, "controls.factors", ex);
            }
        }
    }

    /** Opens a stack and checks the datasets the inversion settings need; returns its grid. */
    private static GridGeometry stack(PipelineConfig cfg, String key) {
        Path p = cfg.path(key);
        try (InterferogramStack s = RasterFormats.openStack(p)) {
            if (!s.has(InterferogramStack.UNWRAP_PHASE)) {
                throw fail(cfg, key, p + " [" + InterferogramStack.UNWRAP_PHASE + "]: dataset is missing");
            }
            boolean weighted = List.of("wls", "l1", "nsbas", "huber", "tukey").contains(cfg.text("invert.method"))
                    && !cfg.text("invert.weight").equals("no");
            if ((weighted || cfg.number("invert.minCoherence") > 0) && !s.has(InterferogramStack.COHERENCE)) {
                throw fail(cfg, key, p + " [" + InterferogramStack.COHERENCE + "]: dataset is missing, but "
                        + (weighted ? "invert.weight = " + cfg.text("invert.weight") : "invert.minCoherence > 0")
                        + " needs it");
            }
            if (cfg.bool("invert.maskConnComp") && !s.has(InterferogramStack.CONNECT_COMPONENT)) {
                throw fail(cfg, key, p + " [" + InterferogramStack.CONNECT_COMPONENT
                        + "]: dataset is missing, but invert.maskConnComp = true needs it");
            }
            String unwrap = cfg.text("invert.unwrapCorrection");
            if ((unwrap.startsWith("bridging") || unwrap.equals("phase-closure-region"))
                    && !s.has(InterferogramStack.CONNECT_COMPONENT)) {
                throw fail(cfg, key, p + " [" + InterferogramStack.CONNECT_COMPONENT
                        + "]: dataset is missing, but invert.unwrapCorrection = " + unwrap + " needs it");
            }
            if (s.network().pairCount() == 0) {
                throw fail(cfg, key, p + ": no interferograms");
            }
            return s.grid();
        } catch (IOException | IllegalArgumentException e) {
            throw fail(cfg, key, e);
        }
    }

    private static void geometry(PipelineConfig cfg, String key, Path p, GridGeometry grid, List<String> needs) {
        try (RasterSource g = RasterFormats.open(p)) {
            if (g.grid().rows() != grid.rows() || g.grid().cols() != grid.cols()) {
                throw fail(cfg, key, p + ": grid " + g.grid().rows() + " × " + g.grid().cols()
                        + " does not match the stack's " + grid.rows() + " × " + grid.cols());
            }
            for (String n : needs) {
                String ds = n.substring(0, n.indexOf(' '));
                if (!g.has(ds)) {
                    throw fail(cfg, key, p + " [" + ds + "]: dataset is missing, needed by "
                            + n.substring(n.indexOf('(') + 1, n.length() - 1) + " (the file has " + g.datasets() + ")");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw fail(cfg, key, e);
        }
    }

    /** A raster value FILE or FILE:DATASET (as the steps read it: one 2-D map); "" = not given. */
    private static void raster(PipelineConfig cfg, String key, String value) {
        if (value.isEmpty()) {
            return;
        }
        Path file = Path.of(cfg.numberOrRaster(key)).normalize();
        String whole = file.toString();
        String stripped = PipelineConfig.stripDataset(whole);
        String ds = stripped.equals(whole) ? null : whole.substring(stripped.length() + 1);
        Path p = Path.of(stripped);
        try (RasterSource s = RasterFormats.open(p)) {
            if (ds == null) {
                if (!(s instanceof GeoTiffReader) && s.datasets().size() != 1) {
                    throw fail(cfg, key, p + ": several datasets " + s.datasets() + ": name one as FILE:DATASET");
                }
            } else if (!s.has(ds)) {
                throw fail(cfg, key, p + " [" + ds + "]: dataset is missing (the file has " + s.datasets() + ")");
            } else if (s.layers(ds) != 1) {
                throw fail(cfg, key, p + " [" + ds + "]: expected a 2-D map, found " + s.layers(ds) + " layers");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw fail(cfg, key, e);
        }
    }

    private static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static IllegalArgumentException fail(PipelineConfig cfg, String key, String problem) {
        return new IllegalArgumentException(cfg.file() + ": " + key + ": " + problem.replace('\n', ' '));
    }

    private static IllegalArgumentException fail(PipelineConfig cfg, String key, Exception e) {
        if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                && iae.getMessage().startsWith(cfg.file() + ": ")) {
            return iae; // already one of ours
        }
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            m += ": no such file";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            m += ": permission denied";
        }
        IllegalArgumentException out = fail(cfg, key, m);
        out.initCause(e);
        return out;
    }
}
