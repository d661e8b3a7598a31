package org.permasar.cli.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.pipeline.raster.ProductRasters.Raster;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.RasterFormats;
import org.permasar.io.crs.LatLonLocator;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code permasar plot}: a PNG of any output raster (a 2-D dataset of a MintPy HDF5 file or a
 * GeoTIFF band) with colour bar, title, unit and map axes; or, with {@code --pixel ROW,COL} or {@code --lalo LAT,LON}
 * (WGS 84, any grid CRS, through {@link LatLonLocator}), the time series of one pixel of a MintPy
 * {@code timeseries.h5} with its fitted trend + annual model.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Plot a raster (FILE.h5:DATASET or FILE.tif) as a map, or a time series at --pixel or --lalo with its "
                + "model.")
public final class PlotCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RASTER[:DATASET]", description = "MintPy HDF5 file (with :DATASET when it has "
            + "several), GeoTIFF, or timeseries.h5 with --pixel.")
    String spec;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DATE", description = "For a cube (timeseries.h5): the date "
            + "to map, YYYYMMDD or YYYY-MM-DD, as MintPy's view.py takes it.")
    String date;

    @Option(names = "--out", paramLabel = "PNG", description = "Output PNG (default: NAME[_DATASET].png in the current folder).")
    Path out;

    @Option(names = "--band", paramLabel = "N", description = "GeoTIFF band, 1-based (default: 1).", defaultValue = "1")
    int band;

    @Option(names = "--pixel", paramLabel = "ROW,COL", description = "Plot the time series at this pixel.")
    String pixel;

    @Option(names = "--lalo", paramLabel = "LAT,LON", description = "Plot the time series at this WGS 84 latitude and "
            + "longitude (degrees), on a grid of any EPSG CRS.")
    String lalo;

    @Option(names = "--velocity", paramLabel = "FILE", description = "velocity.h5 whose model to draw "
            + "(default: velocity.h5 beside the time series, if any).")
    Path velocity;

    @Option(names = "--title", description = "Title (default: the file and dataset name).")
    String title;

    @Option(names = "--unit", description = "Unit for the colour bar (default: the dataset's UNIT attribute).")
    String unit;

    @Option(names = "--cmap", description = "Colours: rdbu, viridis or twilight (default: rdbu when the values have "
            + "both signs, else viridis).")
    Colormap cmap;

    @Option(names = "--range", split = ",", paramLabel = "MIN,MAX", description = "Colour range (default: automatic).")
    double[] range;

    @Override
    public Integer call() throws IOException {
        if (pixel != null || lalo != null) {
            return series();
        }
        int colon = spec.lastIndexOf(':');
        Path file = Path.of(spec);
        String dataset = null;
        if (colon > 1 && !Files.exists(file)) {
            file = Path.of(spec.substring(0, colon));
            dataset = spec.substring(colon + 1);
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such file");
        }
        if (range != null && (range.length != 2 || !(range[0] < range[1]))) {
            throw new IllegalArgumentException("--range needs MIN,MAX with MIN < MAX, got " + java.util.Arrays.toString(range));
        }
        Raster r;
        String u = unit;
        boolean tiff;
        try (RasterSource src = RasterFormats.open(file)) {
            tiff = src instanceof GeoTiffReader;
            if (tiff) {
                GeoTiffReader t = (GeoTiffReader) src;
                if (band < 1 || band > t.bandCount()) {
                    throw new IllegalArgumentException("--band " + band + " is outside 1 … " + t.bandCount() + " of " + file);
                }
                GridGeometry g = t.grid();
                float[] v = new float[g.size()];
                t.readBand(band - 1, Window.of(g), v, 0, 1f);
                r = new Raster(g, v);
                if (u == null) {
                    u = t.attributes().getOrDefault("UNIT", t.attributes().getOrDefault("DATA_UNITS", ""));
                }
            } else {
                r = null;
            }
        }
        if (!tiff) {
            r = ProductRasters.readDate(file, dataset, date);
            if (dataset == null) {
                try (RasterSource src = RasterFormats.open(file)) {
                    dataset = src.datasets().get(0);
                }
            }
            if (u == null) {
                u = datasetUnit(file, dataset);
            }
        }
        if (date != null && tiff) {
            throw new IllegalArgumentException("DATE " + date + " is for a dated HDF5 cube; " + file + " is a GeoTIFF: use --band N");
        }
        if (!RasterMap.hasFinite(r.data())) {
            throw new InvalidInputException(file, dataset, "every value is NaN or nodata: nothing to draw");
        }
        String name = file.getFileName().toString().replaceFirst("\\.[^.]+$", "")
                + (dataset != null && !tiff ? "_" + dataset : tiff && band > 1 ? "_band" + band : "")
                + (date != null ? "_" + date.replace("-", "") : "");
        Colormap cm = cmap != null ? cmap : bothSigns(r.data()) ? Colormap.RDBU : Colormap.VIRIDIS;
        RasterMap map = new RasterMap(title != null ? title : file.getFileName() + (dataset != null && !tiff ? ":" + dataset : "")
                + (date != null ? " " + date : ""),
                u == null ? "" : u, cm);
        if (range != null) {
            map.range(range[0], range[1]);
        }
        Path png = out != null ? out : Path.of(name + ".png");
        map.write(png, r.grid(), r.data());
        System.out.println("wrote " + png);
        return 0;
    }

    private int series() throws IOException {
        if (pixel != null && lalo != null) {
            throw new IllegalArgumentException("give --pixel ROW,COL or --lalo LAT,LON, not both");
        }
        int[] rc = pixel != null ? rowCol(pixel) : null;
        Path ts = Path.of(spec);
        if (!Files.isRegularFile(ts)) {
            throw new InvalidInputException(ts, "no such file");
        }
        if (rc == null) {
            rc = laloPixel(ts, lalo);
            System.out.println("--lalo " + lalo + ": row " + rc[0] + ", col " + rc[1]);
        }
        int row = rc[0], col = rc[1];
        Path vel = velocity != null ? velocity : ts.toAbsolutePath().resolveSibling("velocity.h5");
        if (velocity != null && !Files.isRegularFile(velocity)) {
            throw new InvalidInputException(velocity, "no such file");
        }
        List<String> notes = new java.util.ArrayList<>();
        BufferedImage img = PixelSeriesPlot.render(title != null ? title : ts.getFileName() + " at pixel (" + row + ", " + col + ")"
                        + (lalo != null ? ", lat/lon " + lalo : ""),
                List.of(new PixelSeriesPlot.Source("observed", ts, Files.isRegularFile(vel) ? vel : null)), row, col, 900, 420,
                notes);
        notes.forEach(n -> System.out.println("note: " + n));
        Path png = out != null ? out : Path.of("timeseries_" + row + "_" + col + ".png");
        AtomicFiles.write(png, tmp -> ImageIO.write(img, "png", tmp.toFile()));
        System.out.println("wrote " + png);
        return 0;
    }

    /** {@code --pixel ROW,COL}. */
    private static int[] rowCol(String spec) {
        String[] rc = spec.split(",");
        try {
            if (rc.length != 2) {
                throw new NumberFormatException();
            }
            return new int[] {Integer.parseInt(rc[0].strip()), Integer.parseInt(rc[1].strip())};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--pixel needs ROW,COL, got '" + spec + "'");
        }
    }

    /** The pixel of {@code --lalo LAT,LON} on the time series' grid; outside the grid is an error naming it. */
    private static int[] laloPixel(Path ts, String spec) throws IOException {
        String[] f = spec.split(",");
        double lat, lon;
        try {
            if (f.length != 2) {
                throw new NumberFormatException();
            }
            lat = Double.parseDouble(f[0].strip());
            lon = Double.parseDouble(f[1].strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lalo needs LAT,LON in degrees, got '" + spec + "'");
        }
        GridGeometry g;
        try (MintPyProduct p = MintPyProduct.open(ts)) {
            g = p.grid();
        }
        try {
            return LatLonLocator.on(g).pixelInside("--lalo", lat, lon);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("--lalo") ? e
                    : new IllegalArgumentException("--lalo: " + e.getMessage() + " (" + ts + "); use --pixel ROW,COL");
        }
    }

    private static boolean bothSigns(float[] v) {
        boolean neg = false, pos = false;
        for (float x : v) {
            neg |= x < 0;
            pos |= x > 0;
        }
        return neg && pos;
    }

    /** The dataset's MintPy UNIT attribute, else the file's, else "". */
    static String datasetUnit(Path file, String dataset) {
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(file)) {
            io.jhdf.api.Attribute a = h.getDatasetByPath(dataset).getAttribute("UNIT");
            if (a == null) {
                a = h.getAttribute("UNIT");
            }
            Object v = a == null ? null : a.getData();
            return v == null ? "" : v.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
