package org.permasar.pipeline.thermal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.pipeline.block.BlockJob;
import org.permasar.pipeline.block.BlockOutput;
import org.permasar.pipeline.block.BlockRunner;
import org.permasar.pipeline.block.LocalBlockRunner;
import org.permasar.pipeline.block.MemoryBlockSink;
import org.permasar.pipeline.block.TimeseriesFileSink;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.permasar.pipeline.fit.FitProducts;
import org.permasar.pipeline.alt.StefanMaps;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.progress.Progress;
import org.permasar.io.table.SiteTable;
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
 * The thermal step, raster mode (SCIENCE.md §3): block-wise over the output grid, the
 * per-block science in {@link ThermalKernel} (any {@link BlockRunner} schedules it), then the Stefan maps ({@link StefanMaps}) on the mean annual ADDT.
 * Called by {@code permasar thermal --lst} (which draws the PNG maps from the {@link Result}). Outputs in
 * {@code out}: {@code thermal.h5} and one GeoTIFF per map ({@code thawOnsetDoy, freezeOnsetDoy, addtMean, addfMean,
 * hantsStatus}, [{@code altStefan}], [{@code altStefanCalibrated}, {@code boreholes.csv}]), and with SAR dates
 * {@code addt.h5}/{@code addf.h5} (streamed block by
 * block through the HDF5 sink when they exceed {@code maxCubeMb}). Stateless and thread-safe.
 */
public final class ThermalStep {
    private static final Map<String, String> DEGREE_DAY_ATTRIBUTES =
            Map.of("PERMASAR_STEP", "thermal: degree-days since the permafrost year's thaw onset");

    private ThermalStep() {
    }

    /**
     * What the run produced (whole-grid maps, row-major).
     *
     * @param calibration the borehole fit, or null without --boreholes
     */
    public record Result(GridGeometry grid, float[] thawOnsetDoy, float[] freezeOnsetDoy, float[] addtMean,
                         float[] addfMean, float[] altStefan, float[] altStefanCalibrated,
                         StefanMaps.Calibration calibration, String summary, FitProducts maps) {
        /** "edaphic factor E = … m/√(°C·day), fit RMSE … m at n boreholes". */
        public String calibrationLine() {
            return String.format(Locale.ROOT, "edaphic factor E = %.6f m/sqrt(degC*day), fit RMSE %.4f m at %d boreholes",
                    calibration.edaphic(), calibration.rmse(), calibration.used());
        }
    }

    /** Runs the step without progress reporting. */
    public static Result run(ThermalParameters p) throws IOException {
        return run(p, Progress.NONE);
    }

    /** Runs the step in this process and writes the outputs under {@code p.out()}. */
    public static Result run(ThermalParameters p, Progress progress) throws IOException {
        return run(p, null, progress);
    }

    /**
     * Runs the step and writes the outputs under {@code p.out()}.
     *
     * @param runner   engine of the per-block job ({@link ThermalKernel}), or null for the in-process
     *                 {@link LocalBlockRunner}
     * @param progress progress of the local runner
     */
    public static Result run(ThermalParameters p, BlockRunner runner, Progress progress) throws IOException {
        Path lst = p.lst(), gridRef = p.gridRef(), datesFrom = p.datesFrom(), out = p.out(), boreholes = p.boreholes();
        String kappa = p.kappa(), theta = p.theta();
        int harmonics = p.harmonics();
        int threads = p.threads() == null ? Runtime.getRuntime().availableProcessors() : p.threads();
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
            BlockEngine engine = new BlockEngine(BlockPlanner.forMemoryMb(p.memoryMb(), threads), threads, progress);
            int nLst = probe.dates().size();
            long days = probe.dates().get(nLst - 1).toEpochDay() - probe.dates().get(0).toEpochDay() + 1;
            int nd = sar == null ? 0 : sar.size();
            long bytesPerPixel = 4L * nLst * 6 + 4L * days * 2 + 8L * nd + 200;
            MintPyTimeseriesSink addtSink = null, addfSink = null;
            if (sar != null && 8L * nd * grid.size() > (p.maxCubeMb() << 20)) {
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
            ThermalKernel kernel = new ThermalKernel(lst.toString(), grid, probe.dates(), hp, p.centreOffset(),
                    FreezeThawOnsets.defaults(), sar);
            List<BlockOutput> outputs = new ArrayList<>();
            Map<String, BlockSink> sinks = new LinkedHashMap<>();
            MemoryBlockSink mapSink = new MemoryBlockSink(out.resolve("thermal.h5"), grid);
            for (String name : ThermalKernel.MAPS) {
                DatasetSpec spec = DatasetSpec.plane(name, grid.rows(), grid.cols());
                outputs.add(new BlockOutput("thermal.h5", spec));
                mapSink.create(spec);
            }
            sinks.put("thermal.h5", mapSink);
            MemoryBlockSink cubeAddt = null, cubeAddf = null;
            if (sar != null) {
                DatasetSpec ts = DatasetSpec.cube(ThermalKernel.ADDT, nd, grid.rows(), grid.cols());
                DatasetSpec fs = DatasetSpec.cube(ThermalKernel.ADDF, nd, grid.rows(), grid.cols());
                outputs.add(new BlockOutput("addt.h5", ts));
                outputs.add(new BlockOutput("addf.h5", fs));
                if (addtSink != null) {
                    sinks.put("addt.h5", new TimeseriesFileSink(addtSink, null, grid));
                    sinks.put("addf.h5", new TimeseriesFileSink(addfSink, null, grid));
                } else {
                    cubeAddt = new MemoryBlockSink(out.resolve("addt.h5"), grid);
                    cubeAddt.create(ts);
                    cubeAddf = new MemoryBlockSink(out.resolve("addf.h5"), grid);
                    cubeAddf.create(fs);
                    sinks.put("addt.h5", cubeAddt);
                    sinks.put("addf.h5", cubeAddf);
                }
            }
            (runner == null ? new LocalBlockRunner(engine) : runner)
                    .run(new BlockJob("thermal", grid, bytesPerPixel, outputs, kernel), sinks);
            FitProducts maps = new FitProducts(grid);
            maps.declare("thawOnsetDoy", "day", "mean thaw onset, day of year (0 degC crossing of the smoothed daily LST)");
            maps.declare("freezeOnsetDoy", "day", "mean freeze onset, day of year of the thaw year (>365: next year)");
            maps.declare("addtMean", "degC*day", "mean accumulated degree-days of thaw per permafrost year");
            maps.declare("addfMean", "degC*day", "mean accumulated degree-days of freeze per permafrost year");
            maps.declare("hantsStatus", "1", "0 ok, 1 too few valid LST composites");
            for (String name : ThermalKernel.MAPS) {
                maps.set(name, mapSink.array(name));
            }
            Files.createDirectories(out);
            float[] addt = maps.map("addtMean");
            float[] altPhys = null, altCal = null;
            StefanMaps.Calibration cal = null;
            if (kappa != null) {
                altPhys = StefanMaps.physical(addt, ProductRasters.numberOrRaster(kappa, grid, "--kappa"),
                        ProductRasters.numberOrRaster(theta, grid, "--theta"), p.rhoWater());
                maps.declare("altStefan", "m", "Stefan active-layer thickness sqrt(2 kt ADDT 86400/(Lf rho_w theta))");
                System.arraycopy(altPhys, 0, maps.map("altStefan"), 0, altPhys.length);
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
                maps.declare("altStefanCalibrated", "m", "calibrated Stefan active-layer thickness E*sqrt(ADDT)");
                System.arraycopy(altCal, 0, maps.map("altStefanCalibrated"), 0, altCal.length);
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put("UNIT", "degC*day");
            attrs.put("PERMASAR_STEP", "thermal: HANTS " + harmonics + " harmonics, onsets, degree-days");
            if (cal != null) {
                attrs.put("STEFAN_EDAPHIC_FACTOR", String.valueOf(cal.edaphic()));
                attrs.put("STEFAN_FIT_RMSE_M", String.valueOf(cal.rmse()));
            }
            maps.writeHdf5(out.resolve("thermal.h5"), attrs);
            maps.writeGeoTiffs(out);
            if (addtSink != null) {
                addtSink.commit();
                addfSink.commit();
            } else if (sar != null) {
                MintPyWriter.writeTimeseries(out.resolve("addt.h5"), grid, sar, cubeAddt.array(ThermalKernel.ADDT), null,
                        DEGREE_DAY_ATTRIBUTES, "degC*day");
                MintPyWriter.writeTimeseries(out.resolve("addf.h5"), grid, sar, cubeAddf.array(ThermalKernel.ADDF), null,
                        DEGREE_DAY_ATTRIBUTES, "degC*day");
            }
            return new Result(grid, maps.map("thawOnsetDoy"), maps.map("freezeOnsetDoy"), addt, maps.map("addfMean"), altPhys,
                    altCal, cal, summary(maps), maps);
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

    /** One-line summary of the run from its maps. */
    static String summary(FitProducts maps) {
        float[] status = maps.map("hantsStatus"), thaw = maps.map("thawOnsetDoy"), addt = maps.map("addtMean");
        long ok = 0, noHants = 0, noThaw = 0;
        for (int q = 0; q < status.length; q++) {
            if (status[q] != 0) {
                noHants++;
            } else if (Float.isNaN(thaw[q])) {
                noThaw++;
            } else if (!Float.isNaN(addt[q])) {
                ok++;
            }
        }
        return String.format(Locale.ROOT, "thermal: %d of %d pixels with onsets and degree-days "
                + "(%d without a HANTS solution, %d without a thaw onset)", ok, status.length, noHants, noThaw);
    }

    private static GridGeometry gridOf(Path ref) throws IOException {
        try (RasterSource s = RasterFormats.open(ref)) {
            return s.grid().withNodata(Double.NaN);
        }
    }
}
