package org.permasar.cli.seasonal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.RasterMap;
import org.permasar.pipeline.fit.FitProducts;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.cli.products.SiteTable;
import org.permasar.cli.products.StefanMaps;
import org.permasar.cli.progress.ConsoleProgress;
import org.permasar.engine.BlockEngine;
import org.permasar.geometry.GridResampler;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.lst.LstOptions;
import org.permasar.io.lst.LstRegridder;
import org.permasar.io.lst.LstSource;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.io.mintpy.MintPyTimeseriesSink;
import org.permasar.hdf5.Hdf5BlockSink;
import org.permasar.stack.BlockPlanner;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;
import org.permasar.thermal.FreezeThawOnsets;
import org.permasar.thermal.HantsParameters;

/**
 * Raster mode of {@code permasar thermal} as a callable step: block-wise over the output grid with
 * {@link BlockEngine} and {@link ConsoleProgress}, the per-block science in {@link ThermalRaster}, then the
 * Stefan maps ({@link StefanMaps}) on the mean annual ADDT. Outputs are listed in {@link ThermalCommand}.
 *
 * @param lst            LST multi-band GeoTIFF or folder of dated GeoTIFFs (K or °C, detected)
 * @param gridRef        file whose grid to use, or null for the LST grid
 * @param datesFrom      MintPy time series whose dates get ADDT/ADDF cubes, or null
 * @param out            output folder
 * @param kappa          κ_t (W/(m·K)) number or raster spec, or null
 * @param theta          θ (m³/m³) number or raster spec, or null (both or neither with kappa)
 * @param boreholes      borehole ALT CSV, or null
 * @param rhoWater       ρ_w, kg/m³, &gt; 0
 * @param centreOffset   composite date → window centre, days, 0..31
 * @param harmonics      HANTS harmonics of 365 days, 1..50
 * @param threads        worker threads ≥ 1
 * @param memoryMb       block memory budget, MB ≥ 1, or 0 for the heap-derived default
 * @param maxCubeMb      ADDT + ADDF cubes at SAR dates larger than this (MiB) stream block by block into
 *                       {@code addt.h5}/{@code addf.h5} (libhdf5 sink, same layout and values) instead of
 *                       being held in memory; ≥ 0
 */
public record ThermalRasterRun(Path lst, Path gridRef, Path datesFrom, Path out, String kappa, String theta,
                               Path boreholes, double rhoWater, double centreOffset, int harmonics, int threads,
                               long memoryMb, long maxCubeMb) {

    private static final Map<String, String> DEGREE_DAY_ATTRIBUTES =
            Map.of("PERMASAR_STEP", "thermal: degree-days since the permafrost year's thaw onset");

    public ThermalRasterRun {
        if (lst == null || out == null) {
            throw new IllegalArgumentException("raster mode needs --lst and --out, got lst=" + lst + " out=" + out);
        }
        if ((kappa == null) != (theta == null)) {
            throw new IllegalArgumentException("the physical Stefan ALT needs both --kappa and --theta, got kappa="
                    + kappa + " theta=" + theta);
        }
        if (!(rhoWater > 0) || harmonics < 1 || harmonics > 50 || threads < 1 || memoryMb < 0 || maxCubeMb < 0) {
            throw new IllegalArgumentException("need rho-water > 0, 1 <= hants-harmonics <= 50, threads >= 1, memory-mb >= 0 (0: from the heap), "
                    + "max-cube-mb >= 0; got " + rhoWater + ", " + harmonics + ", " + threads + ", " + memoryMb + ", " + maxCubeMb);
        }
    }

    /**
     * What the run produced (whole-grid maps, row-major).
     *
     * @param calibration the borehole fit, or null without --boreholes
     */
    public record Result(GridGeometry grid, float[] thawOnsetDoy, float[] freezeOnsetDoy, float[] addtMean,
                         float[] addfMean, float[] altStefan, float[] altStefanCalibrated,
                         StefanMaps.Calibration calibration, String summary) {
        /** "edaphic factor E = … m/√(°C·day), fit RMSE … m at n boreholes". */
        public String calibrationLine() {
            return String.format(Locale.ROOT, "edaphic factor E = %.6f m/sqrt(degC*day), fit RMSE %.4f m at %d boreholes",
                    calibration.edaphic(), calibration.rmse(), calibration.used());
        }
    }

    /** Runs the chain and writes the outputs. */
    public Result execute() throws IOException {
        ConcurrentLinkedQueue<AutoCloseable> open = new ConcurrentLinkedQueue<>();
        try {
            LstSource probe = LstSource.open(lst, LstOptions.auto());
            open.add(probe);
            GridGeometry grid = gridRef == null ? probe.grid().withNodata(Double.NaN) : gridOf(gridRef);
            new LstRegridder(probe, grid, GridResampler.Method.BILINEAR);   // CRS / georeferencing check first
            List<LocalDate> sar = null;
            if (datesFrom != null) {
                try (MintPyProduct ts = MintPyProduct.open(datesFrom)) {
                    sar = ts.dates();
                    if (sar.isEmpty()) {
                        throw new InvalidInputException(datesFrom, "date", "expected a MintPy time series with dates");
                    }
                }
            }
            HantsParameters hp = HantsParameters.lstDefaults().withFrequencies(harmonics);
            BlockEngine engine = new BlockEngine(BlockPlanner.forMemoryMb(memoryMb, threads), threads,
                    ConsoleProgress.create());
            int nLst = probe.dates().size();
            long days = probe.dates().get(nLst - 1).toEpochDay() - probe.dates().get(0).toEpochDay() + 1;
            int nd = sar == null ? 0 : sar.size();
            long bytesPerPixel = 4L * nLst * 6 + 4L * days * 2 + 8L * nd + 200;
            MintPyTimeseriesSink addtSink = null, addfSink = null;
            if (sar != null && 8L * nd * grid.size() > (maxCubeMb << 20)) {
                Window first = engine.planner().plan(grid.rows(), grid.cols(), bytesPerPixel).get(0);
                int chunkCols = MintPyTimeseriesSink.chunkCols(grid, nd, first.rows(), first.cols());
                Files.createDirectories(out);
                addtSink = MintPyTimeseriesSink.open(Hdf5BlockSink::open, out.resolve("addt.h5"), grid, sar, null,
                        DEGREE_DAY_ATTRIBUTES, "degC*day", first.rows(), chunkCols, 1);
                open.add(addtSink);
                addfSink = MintPyTimeseriesSink.open(Hdf5BlockSink::open, out.resolve("addf.h5"), grid, sar, null,
                        DEGREE_DAY_ATTRIBUTES, "degC*day", first.rows(), chunkCols, 1);
                open.add(addfSink);
            }
            ThermalRaster step = new ThermalRaster(grid, probe.dates(), hp, centreOffset, FreezeThawOnsets.defaults(), sar,
                    addtSink, addfSink);
            engine.run("thermal", grid.rows(), grid.cols(), bytesPerPixel, () -> {
                try {
                    LstSource s = LstSource.open(lst, LstOptions.auto());
                    open.add(s);
                    return step.workspace(new LstRegridder(s, grid, GridResampler.Method.BILINEAR));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, step::process);
            Files.createDirectories(out);
            FitProducts p = step.products();
            float[] addt = p.map("addtMean");
            float[] altPhys = null, altCal = null;
            StefanMaps.Calibration cal = null;
            if (kappa != null) {
                altPhys = StefanMaps.physical(addt, ProductRasters.numberOrRaster(kappa, grid, "--kappa"),
                        ProductRasters.numberOrRaster(theta, grid, "--theta"), rhoWater);
                p.declare("altStefan", "m", "Stefan active-layer thickness sqrt(2 kt ADDT 86400/(Lf rho_w theta))");
                System.arraycopy(altPhys, 0, p.map("altStefan"), 0, altPhys.length);
            }
            if (boreholes != null) {
                cal = StefanMaps.calibrate(SiteTable.read(boreholes, "alt", "alt_m", "thickness"), addt, grid);
                StefanMaps.writeSites(out.resolve("boreholes.csv"), cal);
                if (Double.isNaN(cal.edaphic())) {
                    throw new IllegalArgumentException("no borehole of " + boreholes + " lies on a pixel with an ADDT "
                            + "(see " + out.resolve("boreholes.csv") + ")");
                }
                float[] e = new float[grid.size()];
                java.util.Arrays.fill(e, (float) cal.edaphic());
                altCal = StefanMaps.calibrated(addt, e);
                p.declare("altStefanCalibrated", "m", "calibrated Stefan active-layer thickness E*sqrt(ADDT)");
                System.arraycopy(altCal, 0, p.map("altStefanCalibrated"), 0, altCal.length);
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("UNIT", "degC*day");
            attrs.put("PERMASAR_STEP", "thermal: HANTS " + harmonics + " harmonics, onsets, degree-days");
            if (cal != null) {
                attrs.put("STEFAN_EDAPHIC_FACTOR", String.valueOf(cal.edaphic()));
                attrs.put("STEFAN_FIT_RMSE_M", String.valueOf(cal.rmse()));
            }
            p.writeHdf5(out.resolve("thermal.h5"), attrs);
            p.writeGeoTiffs(out);
            writePngs(p, grid);
            if (addtSink != null) {
                addtSink.commit();
                addfSink.commit();
            } else if (sar != null) {
                MintPyWriter.writeTimeseries(out.resolve("addt.h5"), grid, sar, step.addtAtDates(), null,
                        DEGREE_DAY_ATTRIBUTES, "degC*day");
                MintPyWriter.writeTimeseries(out.resolve("addf.h5"), grid, sar, step.addfAtDates(), null,
                        DEGREE_DAY_ATTRIBUTES, "degC*day");
            }
            return new Result(grid, p.map("thawOnsetDoy"), p.map("freezeOnsetDoy"), addt, p.map("addfMean"), altPhys,
                    altCal, cal, step.summary());
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } finally {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing a reader cannot fail the run
                }
            }
        }
    }

    private void writePngs(FitProducts p, GridGeometry grid) throws IOException {
        String[][] maps = {{"thawOnsetDoy", "Thaw onset", "day of year"}, {"freezeOnsetDoy", "Freeze onset", "day of year"},
            {"addtMean", "Mean annual ADDT", "degC day"}, {"addfMean", "Mean annual ADDF", "degC day"},
            {"altStefan", "Stefan ALT", "m"}, {"altStefanCalibrated", "Calibrated Stefan ALT", "m"}};
        for (String[] m : maps) {
            float[] a;
            try {
                a = p.map(m[0]);
            } catch (IllegalArgumentException absent) {
                continue;
            }
            new RasterMap(m[1], m[2], Colormap.VIRIDIS).write(out.resolve(m[0] + ".png"), grid, a);
        }
    }

    private static GridGeometry gridOf(Path ref) throws IOException {
        try (RasterSource s = RasterFormats.open(ref)) {
            return s.grid().withNodata(Double.NaN);
        }
    }
}
