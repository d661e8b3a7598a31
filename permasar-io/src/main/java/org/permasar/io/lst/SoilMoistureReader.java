package org.permasar.io.lst;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.folder.FolderScan;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.table.CsvTable;
import org.permasar.stack.InvalidInputException;
import org.permasar.thermal.input.MoistureCube;

/**
 * Layered volumetric soil moisture (m³/m³) for the Zhang et al. (2020) piecewise ALT model, from
 * <ul>
 *   <li>a site table: a {@code date} column, then one column per layer top to bottom
 *       ({@code date,layer1,layer2,…} or ERA5-Land {@code date,swvl1,…,swvl4}); empty = NaN;</li>
 *   <li>a multi-band GeoTIFF whose band descriptions hold a date and a layer ({@code "2019-06-01 layer1"},
 *       {@code "swvl2_20190601"});</li>
 *   <li>a folder of single-band GeoTIFFs with date and layer in the file name
 *       ({@code SM_2019-06-01_layer2.tif}, {@code swvl1_20190601.tif}).</li>
 * </ul>
 * Layer tokens: {@code layer}, {@code lyr}, {@code level} or {@code swvl} followed by a number; layers are
 * ordered by that number. Every (date, layer) must be present exactly once. Values are multiplied by
 * {@code scale} (0.01 for percent) and must then lie in [0, 1] (checked on read: a value above 1 throws,
 * naming the file and suggesting the scale). Output layout: {@link MoistureCube}
 * {@code values[(t·L + layer)·pixels + p]}, t the date index (one date per Zhang interval).
 * Raster sources read window by window; not thread-safe.
 */
public final class SoilMoistureReader implements AutoCloseable {
    private static final Pattern LAYER = Pattern.compile("(?i)(?<![a-z])(layer|lyr|level|swvl)[ _-]?(\\d{1,2})(?!\\d)");

    private final Path path;
    private final GridGeometry grid;
    private final List<LocalDate> dates;
    private final List<String> layers;
    private final int[] bands;          // multi-band: band of (t·L + l)
    private final Path[] files;         // folder: file of (t·L + l)
    private final GeoTiffReader multi;
    private final float scale;

    private SoilMoistureReader(Path path, GridGeometry grid, List<LocalDate> dates, List<String> layers, int[] bands,
                               Path[] files, GeoTiffReader multi, double scale) {
        this.path = path;
        this.grid = grid;
        this.dates = List.copyOf(dates);
        this.layers = List.copyOf(layers);
        this.bands = bands;
        this.files = files;
        this.multi = multi;
        this.scale = (float) scale;
    }

    /** Reads a site table (see class); {@code scale} 1 for m³/m³, 0.01 for percent. */
    public static MoistureCube readSite(Path csv, double scale) throws IOException {
        checkScale(scale);
        CsvTable t = CsvTable.read(csv);
        int dc = t.require("date", "date", "time");
        List<String> layers = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        for (int i = 0; i < t.columns().size(); i++) {
            if (i != dc) {
                layers.add(t.columns().get(i));
                cols.add(i);
            }
        }
        if (layers.isEmpty() || t.rowCount() == 0) {
            throw new InvalidInputException(csv, "expected a date column, ≥ 1 layer column and ≥ 1 row, found columns "
                    + t.columns() + " and " + t.rowCount() + " rows");
        }
        int nl = layers.size();
        List<LocalDate> dates = new ArrayList<>();
        float[] v = new float[t.rowCount() * nl];
        for (int i = 0; i < t.rowCount(); i++) {
            try {
                dates.add(LocalDate.parse(t.cell(i, dc)));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(csv, "date", "line " + t.lineOf(i) + ": '" + t.cell(i, dc) + "' is not YYYY-MM-DD");
            }
            if (i > 0 && !dates.get(i).isAfter(dates.get(i - 1))) {
                throw new InvalidInputException(csv, "date", "line " + t.lineOf(i) + ": dates must increase, "
                        + dates.get(i - 1) + " then " + dates.get(i));
            }
            for (int j = 0; j < nl; j++) {
                double w = t.number(i, cols.get(j)) * scale;
                if (w < 0 || w > 1) {
                    throw new InvalidInputException(csv, layers.get(j), "line " + t.lineOf(i) + ": moisture " + w
                            + " outside [0, 1] m³/m³" + (w > 1 ? "; percent? use scale 0.01" : ""));
                }
                v[i * nl + j] = (float) w;
            }
        }
        return new MoistureCube(null, dates, layers, 1, v);
    }

    /** Opens a multi-band GeoTIFF or a folder of GeoTIFFs (see class); {@code scale} 1 or 0.01 for percent. */
    public static SoilMoistureReader open(Path fileOrFolder, double scale) throws IOException {
        checkScale(scale);
        Map<LocalDate, Map<Integer, Object>> cells = new TreeMap<>();
        Map<Integer, String> layerNames = new TreeMap<>();
        GeoTiffReader multi = null;
        GridGeometry grid;
        if (Files.isDirectory(fileOrFolder)) {
            List<Path> tifs = FolderScan.files(fileOrFolder, 1, n -> n.toLowerCase().matches(".*\\.tiff?$"));
            if (tifs.isEmpty()) {
                throw new InvalidInputException(fileOrFolder, "no GeoTIFF files in the soil-moisture folder");
            }
            grid = null;
            Path first = null;
            for (Path f : tifs) {
                put(cells, layerNames, f, null, f.getFileName().toString(), f);
                try (GeoTiffReader r = GeoTiffReader.open(f)) {
                    if (r.bandCount() != 1) {
                        throw new InvalidInputException(f, "expected single-band files in a soil-moisture folder, found "
                                + r.bandCount() + " bands");
                    }
                    if (grid == null) {
                        grid = r.grid();
                        first = f;
                    } else {
                        FolderScan.checkSameGrid(grid, first, r.grid(), f);
                    }
                }
            }
        } else {
            multi = GeoTiffReader.open(fileOrFolder);
            grid = multi.grid();
            try {
                for (int b = 0; b < multi.bandCount(); b++) {
                    put(cells, layerNames, fileOrFolder, "band " + (b + 1), multi.bandDescriptions().get(b), b);
                }
            } catch (IOException | RuntimeException e) {
                multi.close();
                throw e;
            }
        }
        List<LocalDate> dates = new ArrayList<>(cells.keySet());
        List<Integer> nums = new ArrayList<>(layerNames.keySet());
        int nl = nums.size();
        int[] bands = multi == null ? null : new int[dates.size() * nl];
        Path[] files = multi == null ? new Path[dates.size() * nl] : null;
        for (int t = 0; t < dates.size(); t++) {
            Map<Integer, Object> row = cells.get(dates.get(t));
            for (int l = 0; l < nl; l++) {
                Object o = row.get(nums.get(l));
                if (o == null) {
                    if (multi != null) {
                        multi.close();
                    }
                    throw new InvalidInputException(fileOrFolder, "no raster for date " + dates.get(t) + ", layer "
                            + layerNames.get(nums.get(l)) + ": every date needs all " + nl + " layers " + layerNames.values());
                }
                if (multi != null) {
                    bands[t * nl + l] = (Integer) o;
                } else {
                    files[t * nl + l] = (Path) o;
                }
            }
        }
        return new SoilMoistureReader(fileOrFolder, grid, dates, new ArrayList<>(layerNames.values()), bands, files,
                multi, scale);
    }

    private static void put(Map<LocalDate, Map<Integer, Object>> cells, Map<Integer, String> names, Path file,
                            String dataset, String text, Object where) throws InvalidInputException {
        LocalDate d;
        try {
            d = DateTokens.find(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, dataset, "ambiguous: " + e.getMessage());
        }
        Matcher m = LAYER.matcher(text);
        if (d == null || !m.find()) {
            throw new InvalidInputException(file, dataset, "'" + text + "' must name a date (YYYY-MM-DD, YYYYMMDD, "
                    + "AYYYYDDD) and a layer (layer1, swvl1, …)");
        }
        int num = Integer.parseInt(m.group(2));
        names.putIfAbsent(num, m.group(1).toLowerCase() + num);
        Object prev = cells.computeIfAbsent(d, k -> new TreeMap<>()).put(num, where);
        if (prev != null) {
            throw new InvalidInputException(file, dataset, "date " + d + " layer " + num + " appears twice (also " + prev + ")");
        }
    }

    private static void checkScale(double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("moisture scale must be > 0 and finite, got " + scale);
        }
    }

    public GridGeometry grid() {
        return grid;
    }

    public List<LocalDate> dates() {
        return dates;
    }

    public List<String> layers() {
        return layers;
    }

    /** Every date and layer inside {@code w}, layout {@code [(t·L + layer)·w.size() + p]}, m³/m³. */
    public MoistureCube read(Window w) throws IOException {
        int n = w.size(), cells = dates.size() * layers.size();
        float[] out = new float[Math.multiplyExact(cells, n)];
        if (multi != null) {
            multi.readBands(bands, w, out, 0, scale); // one decoding pass for all bands
        }
        for (int k = 0; k < cells; k++) {
            Path f = multi != null ? path : files[k];
            if (multi == null) {
                try (GeoTiffReader r = GeoTiffReader.open(f)) {
                    r.readBand(0, w, out, k * n, scale);
                }
            }
            for (int i = k * n; i < (k + 1) * n; i++) {
                if (out[i] < 0 || out[i] > 1) {
                    throw new InvalidInputException(f, multi != null ? "band " + (bands[k] + 1) : null, "moisture "
                            + out[i] + " outside [0, 1] m³/m³" + (out[i] > 1 ? "; percent? use scale 0.01" : ""));
                }
            }
        }
        return new MoistureCube(grid.subset(w).withNodata(Double.NaN), dates, layers, n, out);
    }

    /** The whole grid. */
    public MoistureCube readAll() throws IOException {
        return read(Window.of(grid));
    }

    @Override
    public void close() {
        if (multi != null) {
            multi.close();
        }
    }
}
