package org.permasar.io.lst;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.folder.FolderScan;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.stack.InvalidInputException;
import org.permasar.stats.Medians;
import org.permasar.thermal.input.LstCube;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A time series of land-surface temperature rasters (MODIS-like 8-day LST), read window by window and
 * returned in <b>°C</b> as {@link LstCube}s, layer-major, one layer per date in increasing date order.
 *
 * <p>Two layouts: (1) one multi-band GeoTIFF whose band descriptions (GDAL DESCRIPTION) are dates
 * ({@code 2019-01-01}, {@code 20190101} or MODIS {@code A2019001}); bands may be in any order; a
 * single-band file without a description takes the date from its file name. (2) A folder of
 * single-band GeoTIFFs with the date in each file name ({@code MOD11A2.A2019001.h25v05.061….tif},
 * {@code LST_2019-01-01.tif}, {@code 20190101.tif}); all must share one grid.
 *
 * <p>Values equal to a file's GDAL_NODATA become NaN; encoding (raw DN × scale) and unit (K or °C) are
 * fixed at {@link #open} from {@link LstOptions}, detecting what is AUTO from a sample (the central
 * ≤ 256 × 256 pixels of up to five dates; a whole date only when that sample holds no valid value).
 * Windows are decoded on demand. A folder's files stay open (their compressed bytes in memory) while
 * they total at most {@link #KEEP_OPEN_BYTES}; larger folders are opened per read, holding one file at a time.
 * Not thread-safe.
 */
public final class LstSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LstSource.class);
    /** Summary lines already logged (a set of a few strings per run). */
    private static final java.util.Set<String> ANNOUNCED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int SAMPLE = 256;
    /** Values (dates × pixels) decoded per row block when searching a multi-band file for its first valid date. */
    private static final long FALLBACK_BLOCK_VALUES = 16L << 20;
    /** Folders whose files total at most this many bytes keep every file open between reads. */
    public static final long KEEP_OPEN_BYTES = 256L << 20;

    private final Path path;
    private final GeoTiffReader multi;
    private final int[] bandOfLayer;
    private final List<Path> files;
    private final GeoTiffReader[] open;
    private final GridGeometry grid;
    private final List<LocalDate> dates;
    private boolean raw;
    private boolean kelvin;
    private double scale = 1;

    private LstSource(Path path, GeoTiffReader multi, int[] bandOfLayer, List<Path> files, GridGeometry grid,
                      List<LocalDate> dates) {
        this.path = path;
        this.multi = multi;
        this.bandOfLayer = bandOfLayer;
        this.files = files;
        long bytes = 0;
        if (files != null) {
            for (Path f : files) {
                try {
                    bytes += Files.size(f);
                } catch (IOException e) {
                    bytes = Long.MAX_VALUE;
                    break;
                }
            }
        }
        this.open = files != null && bytes <= KEEP_OPEN_BYTES ? new GeoTiffReader[files.size()] : null;
        this.grid = grid;
        this.dates = List.copyOf(dates);
    }

    /**
     * Opens a multi-band GeoTIFF or a folder of dated GeoTIFFs.
     *
     * @throws InvalidInputException on a missing path, an unparseable or repeated date, a multi-band file
     *                               in a folder, grids that differ, or no valid value in any date
     */
    public static LstSource open(Path fileOrFolder, LstOptions options) throws IOException {
        LstSource s = Files.isDirectory(fileOrFolder) ? openFolder(fileOrFolder) : openMultiBand(fileOrFolder);
        try {
            s.calibrate(options);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private static LstSource openMultiBand(Path file) throws IOException {
        GeoTiffReader r = GeoTiffReader.open(file);
        try {
            List<String> desc = r.bandDescriptions();
            int n = r.bandCount();
            LocalDate[] d = new LocalDate[n];
            for (int b = 0; b < n; b++) {
                String text = desc.get(b);
                if (text.isBlank() && n == 1) {
                    text = file.getFileName().toString();
                }
                d[b] = parse(file, "band " + (b + 1), text, "band description");
            }
            Integer[] order = new Integer[n];
            for (int b = 0; b < n; b++) {
                order[b] = b;
            }
            Arrays.sort(order, Comparator.comparing(b -> d[b]));
            int[] band = new int[n];
            List<LocalDate> dates = new ArrayList<>(n);
            for (int t = 0; t < n; t++) {
                band[t] = order[t];
                if (t > 0 && d[order[t]].equals(dates.get(t - 1))) {
                    throw new InvalidInputException(file, "band " + (order[t] + 1), "date " + d[order[t]]
                            + " repeats (also band " + (order[t - 1] + 1) + ")");
                }
                dates.add(d[order[t]]);
            }
            return new LstSource(file, r, band, null, r.grid(), dates);
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
    }

    private static LstSource openFolder(Path dir) throws IOException {
        List<Path> tifs = FolderScan.files(dir, 1, n -> n.toLowerCase().endsWith(".tif") || n.toLowerCase().endsWith(".tiff"));
        if (tifs.isEmpty()) {
            throw new InvalidInputException(dir, "no GeoTIFF (.tif, .tiff) files in the LST folder");
        }
        LocalDate[] d = new LocalDate[tifs.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = parse(tifs.get(i), null, tifs.get(i).getFileName().toString(), "file name");
        }
        Integer[] order = new Integer[d.length];
        for (int i = 0; i < d.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparing(i -> d[i]));
        List<Path> files = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        GridGeometry first = null;
        for (int t = 0; t < order.length; t++) {
            Path f = tifs.get(order[t]);
            if (t > 0 && d[order[t]].equals(dates.get(t - 1))) {
                throw new InvalidInputException(f, "date " + d[order[t]] + " repeats (also " + files.get(t - 1) + ")");
            }
            try (GeoTiffReader r = GeoTiffReader.open(f)) {
                if (r.bandCount() != 1) {
                    throw new InvalidInputException(f, "expected a single-band LST GeoTIFF in a dated folder, found "
                            + r.bandCount() + " bands");
                }
                if (first == null) {
                    first = r.grid();
                } else {
                    FolderScan.checkSameGrid(first, files.get(0), r.grid(), f);
                }
            }
            files.add(f);
            dates.add(d[order[t]]);
        }
        return new LstSource(dir, null, null, files, first, dates);
    }

    private static LocalDate parse(Path file, String dataset, String text, String what) throws InvalidInputException {
        LocalDate d;
        try {
            d = DateTokens.find(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, dataset, what + " is ambiguous: " + e.getMessage());
        }
        if (d == null) {
            throw new InvalidInputException(file, dataset, what + " '" + text + "' holds no date: expected "
                    + "YYYY-MM-DD, YYYYMMDD or MODIS AYYYYDDD (year + day of year)");
        }
        return d;
    }

    private void calibrate(LstOptions o) throws IOException {
        float[] sample = sample();
        double median = median(sample);
        if (Double.isNaN(median)) {
            throw new InvalidInputException(path, "no valid LST value in any of " + dates.size() + " dates ("
                    + dates.get(0) + " … " + dates.get(dates.size() - 1) + "): all nodata/NaN/0");
        }
        raw = switch (o.encoding()) {
            case RAW_DN -> true;
            case PHYSICAL -> false;
            case AUTO -> median > LstOptions.RAW_THRESHOLD;
        };
        scale = raw ? o.dnScale() : 1;
        double physical = median * scale;
        kelvin = switch (o.unit()) {
            case KELVIN -> true;
            case CELSIUS -> false;
            case AUTO -> physical > LstOptions.KELVIN_THRESHOLD;
        };
        String line = String.format(java.util.Locale.ROOT, "%s: %d dates %s … %s, sample median %.2f → %s %s", path,
                dates.size(), dates.get(0), dates.get(dates.size() - 1), median,
                raw ? "raw DN × " + scale : "physical values", kelvin ? "in K" : "in °C");
        // every worker thread opens its own source: say it once per process, not once per thread
        if (ANNOUNCED.add(line)) {
            LOG.info(line);
        } else {
            LOG.debug(line);
        }
        double celsius = kelvin ? physical - 273.15 : physical;
        if (celsius < -90 || celsius > 90) {
            LOG.warn("{}: median LST {} °C is implausible; check the unit/encoding options", path, celsius);
        }
    }

    /**
     * Valid (finite, non-zero) raw values of a central sample of up to five dates; those of the first
     * date holding any valid value when the sample holds none. A multi-band file is decoded in one pass
     * over its strips for all sampled dates (and, for the fallback, one pass in row blocks), never once
     * per date.
     */
    private float[] sample() throws IOException {
        int h = Math.min(SAMPLE, grid.rows()), w = Math.min(SAMPLE, grid.cols());
        Window win = new Window((grid.rows() - h) / 2, (grid.cols() - w) / 2, h, w);
        int n = dates.size(), k = Math.min(5, n);
        int[] ts = new int[k];
        for (int i = 0; i < k; i++) {
            ts[i] = k == 1 ? 0 : (int) Math.round(i * (n - 1) / (double) (k - 1));
        }
        float[] buf = new float[k * win.size()];
        readRaw(ts, win, buf);
        float[] valid = new float[buf.length];
        int count = collect(buf, 0, buf.length, valid, 0);
        if (count > 0) {
            return Arrays.copyOf(valid, count);
        }
        return multi != null ? firstValidDateMulti(FALLBACK_BLOCK_VALUES) : firstValidDateFolder();
    }

    private float[] firstValidDateFolder() throws IOException {
        Window all = Window.of(grid);
        float[] buf = new float[all.size()];
        for (int t = 0; t < dates.size(); t++) {
            readRaw(new int[] {t}, all, buf);
            float[] valid = new float[buf.length];
            int count = collect(buf, 0, buf.length, valid, 0);
            if (count > 0) {
                return Arrays.copyOf(valid, count);
            }
        }
        return new float[0];
    }

    /**
     * Row blocks of the whole width, each decoded once for dates 0…best, where best is the first date with
     * a valid value seen so far: earlier blocks held none for any date before best, so its values are
     * exactly those collected since it became best.
     */
    float[] firstValidDateMulti(long blockValues) throws IOException {
        int n = dates.size(), cols = grid.cols();
        int blockRows = (int) Math.max(1, Math.min(grid.rows(), blockValues / ((long) n * cols)));
        int best = n - 1;
        boolean found = false;
        float[] valid = new float[grid.size()];
        int count = 0;
        for (int r0 = 0; r0 < grid.rows(); r0 += blockRows) {
            Window w = new Window(r0, 0, Math.min(blockRows, grid.rows() - r0), cols);
            int[] ts = new int[best + 1];
            for (int t = 0; t <= best; t++) {
                ts[t] = t;
            }
            float[] buf = new float[ts.length * w.size()];
            readRaw(ts, w, buf);
            for (int t = 0; t <= best; t++) {
                int c = collect(buf, t * w.size(), w.size(), valid, t < best || !found ? 0 : count);
                if (c > 0 && (t < best || !found)) {
                    best = t;
                    found = true;
                    count = c;
                    break;
                } else if (t == best && found) {
                    count = c;
                }
            }
        }
        return found ? Arrays.copyOf(valid, count) : new float[0];
    }

    /** Appends the valid values of {@code buf[from … from+len)} to {@code valid} at {@code count}; the new count. */
    private static int collect(float[] buf, int from, int len, float[] valid, int count) {
        for (int i = from; i < from + len; i++) {
            float v = buf[i];
            if (Float.isFinite(v) && v != 0) {
                valid[count++] = v;
            }
        }
        return count;
    }

    private static double median(float[] v) {
        return Medians.sortInPlace(v.clone(), v.length);
    }

    /** Dates {@code ts} inside {@code w}, raw, into {@code dest[k·w.size() + …]}: one decoding pass for a multi-band file. */
    private void readRaw(int[] ts, Window w, float[] dest) throws IOException {
        if (multi != null) {
            int[] bands = new int[ts.length];
            for (int k = 0; k < ts.length; k++) {
                bands[k] = bandOfLayer[ts[k]];
            }
            multi.readBands(bands, w, dest, 0, 1f);
        } else {
            for (int k = 0; k < ts.length; k++) {
                readRaw(ts[k], w, dest, k * w.size());
            }
        }
    }

    private void readRaw(int t, Window w, float[] dest, int off) throws IOException {
        if (multi != null) {
            multi.readBand(bandOfLayer[t], w, dest, off, 1f);
        } else {
            if (open != null) {
                if (open[t] == null) {
                    open[t] = GeoTiffReader.open(files.get(t));
                }
                open[t].readBand(0, w, dest, off, 1f);
            } else {
                try (GeoTiffReader r = GeoTiffReader.open(files.get(t))) {
                    r.readBand(0, w, dest, off, 1f);
                }
            }
        }
    }

    /** The file or folder opened. */
    public Path path() {
        return path;
    }

    /** Grid of the LST rasters. */
    public GridGeometry grid() {
        return grid;
    }

    /** Dates, strictly increasing. */
    public List<LocalDate> dates() {
        return dates;
    }

    /** True when values are raw DNs (resolved at open). */
    public boolean rawDn() {
        return raw;
    }

    /** True when physical values are Kelvin (resolved at open). */
    public boolean kelvin() {
        return kelvin;
    }

    /**
     * Reads date {@code t} inside {@code w} into {@code dest[off + r·w.cols() + c]}, °C; NaN = missing.
     * Raw DNs below 7500 (MODIS fill 0 and out-of-range codes) are missing.
     */
    public void readLayer(int t, Window w, float[] dest, int off) throws IOException {
        if (t < 0 || t >= dates.size()) {
            throw new IllegalArgumentException("date index " + t + " outside 0–" + (dates.size() - 1));
        }
        readRaw(t, w, dest, off);
        convert(dest, off, w.size());
    }

    private void convert(float[] dest, int off, int n) {
        float sc = (float) scale;
        float shift = kelvin ? 273.15f : 0f;
        for (int i = off; i < off + n; i++) {
            float v = dest[i];
            if (raw && !(v >= LstOptions.RAW_THRESHOLD)) {
                dest[i] = Float.NaN;
            } else {
                // MODIS: T[K] = 0.02·DN (Wan 2013, Table 3); T[°C] = T[K] − 273.15
                dest[i] = v * sc - shift;
            }
        }
    }

    /** Every date inside {@code w}, layer-major, °C. */
    public LstCube read(Window w) throws IOException {
        float[] out = new float[Math.multiplyExact(dates.size(), w.size())];
        if (multi != null) {
            // one decoding pass for all bands of a pixel-interleaved file
            multi.readBands(bandOfLayer, w, out, 0, 1f);
            convert(out, 0, out.length);
        } else {
            for (int t = 0; t < dates.size(); t++) {
                readLayer(t, w, out, t * w.size());
            }
        }
        return new LstCube(grid.subset(w).withNodata(Double.NaN), dates, out);
    }

    /** The whole cube (small inputs only: dates × pixels floats in memory). */
    public LstCube readAll() throws IOException {
        return read(Window.of(grid));
    }

    @Override
    public void close() {
        if (multi != null) {
            multi.close();
        }
        if (open != null) {
            for (int i = 0; i < open.length; i++) {
                if (open[i] != null) {
                    open[i].close();
                    open[i] = null;
                }
            }
        }
    }
}
