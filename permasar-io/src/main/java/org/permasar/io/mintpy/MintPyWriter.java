package org.permasar.io.mintpy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.network.Pair;

/**
 * Writes MintPy HDF5 files that MintPy's own tools open: MintPy's dataset names, dtypes
 * (float32 rasters, int16 {@code connectComponent}, {@code |S8} dates, h5py {@code bool}
 * {@code dropIfgram}/masks, float32 {@code bperp}) and string root attributes (FILE_TYPE, UNIT,
 * LENGTH, WIDTH, X_FIRST/Y_FIRST/X_STEP/Y_STEP/X_UNIT/Y_UNIT/EPSG for geocoded grids, …).
 *
 * <p>Attributes: the caller's map is written first, then the keys this class owns (FILE_TYPE,
 * size and georeferencing, dates) override it, and stale geocoding keys are removed for radar
 * grids. All writes are atomic ({@link AtomicFiles}): a failed write leaves any existing file
 * untouched.
 *
 * <p><b>Memory:</b> jHDF 0.13.0 holds every dataset in memory and writes at close, and the
 * flat arrays are copied into nested Java arrays first, so writing needs about twice the size
 * of the data in heap (a 300-date × 2000 × 2000 float32 time series: 4.8 GB of data, ~10 GB of
 * heap). Larger cubes belong in the chunked Zarr container. Datasets are written contiguous and
 * uncompressed. Flat inputs are layer-major: {@code cube[layer·rows·cols + r·cols + c]}.
 * Stateless and thread-safe (each call writes its own file).
 */
public final class MintPyWriter {
    private MintPyWriter() {
    }

    /**
     * {@code timeseries.h5}: {@code timeseries} (dates × LENGTH × WIDTH float32, metres),
     * {@code date} ({@code |S8}), {@code bperp} (float32, m; NaN when {@code bperp} is null).
     * Sets FILE_TYPE=timeseries, UNIT=m, START_DATE/END_DATE, and REF_DATE = first date unless
     * {@code attrs} gives one. REF_Y/REF_X, WAVELENGTH etc. pass through from {@code attrs}.
     */
    public static void writeTimeseries(Path path, GridGeometry grid, List<LocalDate> dates, float[] cube,
                                       double[] bperp, Map<String, String> attrs) throws IOException {
        writeTimeseries(path, grid, dates, cube, bperp, attrs, "m");
    }

    /**
     * As {@link #writeTimeseries(Path, GridGeometry, List, float[], double[], Map)} for a cube of another
     * quantity in MintPy's timeseries layout (e.g. accumulated degree-days), with UNIT = {@code unit}.
     */
    public static void writeTimeseries(Path path, GridGeometry grid, List<LocalDate> dates, float[] cube,
                                       double[] bperp, Map<String, String> attrs, String unit) throws IOException {
        int n = dates.size();
        if (n == 0) {
            throw new IllegalArgumentException("a time series needs at least one date");
        }
        checkCube("timeseries", cube, n, grid);
        if (bperp != null && bperp.length != n) {
            throw new IllegalArgumentException("bperp has " + bperp.length + " values for " + n + " dates");
        }
        for (int i = 1; i < n; i++) {
            if (!dates.get(i).isAfter(dates.get(i - 1))) {
                throw new IllegalArgumentException("dates must be strictly increasing, got " + dates.get(i - 1)
                        + " then " + dates.get(i));
            }
        }
        String[] d = new String[n];
        float[] bp = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = Dates.compact(dates.get(i));
            bp[i] = bperp == null ? Float.NaN : (float) bperp[i];
        }
        write(path, timeseriesAttributes(grid, dates, attrs, unit), f -> {
            MintPyHdf5Types.asFixedAscii(f.putDataset("date", d), 8);
            f.putDataset("bperp", bp);
            f.putDataset("timeseries", cube3(cube, n, grid));
        });
    }

    /**
     * The root attributes {@link #writeTimeseries} writes (before sorting): the caller's, then
     * FILE_TYPE=timeseries, the grid's size and georeferencing, UNIT, REF_DATE (first date unless
     * given), START_DATE, END_DATE. Streamed writers use it to write the same attributes.
     */
    public static LinkedHashMap<String, String> timeseriesAttributes(GridGeometry grid, List<LocalDate> dates,
                                                                     Map<String, String> attrs, String unit) {
        if (dates.isEmpty()) {
            throw new IllegalArgumentException("a time series needs at least one date");
        }
        LinkedHashMap<String, String> a = attributes(attrs, grid, "timeseries");
        a.put("UNIT", unit);
        a.putIfAbsent("REF_DATE", Dates.compact(dates.get(0)));
        a.put("START_DATE", Dates.compact(dates.get(0)));
        a.put("END_DATE", Dates.compact(dates.get(dates.size() - 1)));
        return a;
    }

    /**
     * {@code velocity.h5}: one float32 LENGTH × WIDTH dataset per entry of {@code datasets}
     * (e.g. {@code velocity}, {@code velocityStd}, {@code annualAmplitude}), FILE_TYPE=velocity,
     * UNIT=m/year unless {@code attrs} gives a UNIT.
     */
    public static void writeVelocity(Path path, GridGeometry grid, LinkedHashMap<String, float[]> datasets,
                                     Map<String, String> attrs) throws IOException {
        LinkedHashMap<String, String> a = attributes(attrs, grid, "velocity");
        a.putIfAbsent("UNIT", "m/year");
        writeRasters(path, grid, datasets, a);
    }

    /**
     * As {@link #writeVelocity(Path, GridGeometry, LinkedHashMap, Map)}, and each dataset named in
     * {@code units} also gets its own {@code UNIT} attribute, as MintPy's {@code timeseries2velocity}
     * writes them (e.g. {@code annualPhase}: radian, {@code intercept}: m).
     */
    public static void writeVelocity(Path path, GridGeometry grid, LinkedHashMap<String, float[]> datasets,
                                     Map<String, String> units, Map<String, String> attrs) throws IOException {
        LinkedHashMap<String, String> a = attributes(attrs, grid, "velocity");
        a.putIfAbsent("UNIT", "m/year");
        if (datasets == null || datasets.isEmpty()) {
            throw new IllegalArgumentException("at least one dataset is needed");
        }
        datasets.forEach((name, v) -> checkCube(name, v, 1, grid));
        write(path, a, f -> datasets.forEach((name, v) -> {
            var ds = f.putDataset(name, cube3(v, 1, grid)[0]);
            String u = units == null ? null : units.get(name);
            if (u != null) {
                ds.putAttribute("UNIT", u);
            }
        }));
    }

    /** {@code temporalCoherence.h5}: dataset {@code temporalCoherence} (float32, 0–1), UNIT=1. */
    public static void writeTemporalCoherence(Path path, GridGeometry grid, float[] coherence,
                                              Map<String, String> attrs) throws IOException {
        single(path, grid, "temporalCoherence", "temporalCoherence", coherence, attrs);
    }

    /**
     * {@code numInvIfgram.h5}: number of pairs used per pixel, as MintPy writes it (FILE_TYPE=mask,
     * dataset {@code mask}, float32, UNIT=1).
     */
    public static void writeNumInvIfgram(Path path, GridGeometry grid, float[] count, Map<String, String> attrs)
            throws IOException {
        single(path, grid, "mask", "mask", count, attrs);
    }

    /** A mask file ({@code maskTempCoh.h5}, {@code maskConnComp.h5}): dataset {@code mask}, h5py bool. */
    public static void writeMask(Path path, GridGeometry grid, boolean[] mask, Map<String, String> attrs)
            throws IOException {
        Objects.requireNonNull(mask, "mask");
        if (mask.length != grid.size()) {
            throw new IllegalArgumentException("mask has " + mask.length + " values for a grid of " + grid.size());
        }
        boolean[][] m = new boolean[grid.rows()][grid.cols()];
        for (int r = 0; r < grid.rows(); r++) {
            System.arraycopy(mask, r * grid.cols(), m[r], 0, grid.cols());
        }
        LinkedHashMap<String, String> a = attributes(attrs, grid, "mask");
        a.put("UNIT", "1");
        write(path, a, f -> MintPyHdf5Types.asBool(f.putDataset("mask", m)));
    }

    /**
     * A file of float32 LENGTH × WIDTH maps with {@code FILE_TYPE = fileType} (velocity, geometry,
     * temporalCoherence, mask, …) and the given attributes, the grid's own replacing any in them: what
     * {@code geocode} writes for a product it resamples.
     */
    public static void writeMaps(Path path, GridGeometry grid, LinkedHashMap<String, float[]> datasets,
                                 Map<String, String> attrs, String fileType) throws IOException {
        writeRasters(path, grid, datasets, attributes(attrs, grid, fileType));
    }

    /**
     * {@code geometryGeo.h5}/{@code geometryRadar.h5}: one float32 LENGTH × WIDTH dataset per
     * entry (height m, incidenceAngle/azimuthAngle degrees, latitude/longitude degrees,
     * slantRangeDistance m, …), FILE_TYPE=geometry.
     */
    public static void writeGeometry(Path path, GridGeometry grid, LinkedHashMap<String, float[]> datasets)
            throws IOException {
        writeGeometry(path, grid, datasets, Map.of());
    }

    /** As {@link #writeGeometry(Path, GridGeometry, LinkedHashMap)}, with extra attributes (WAVELENGTH, …). */
    public static void writeGeometry(Path path, GridGeometry grid, LinkedHashMap<String, float[]> datasets,
                                     Map<String, String> attrs) throws IOException {
        writeRasters(path, grid, datasets, attributes(attrs, grid, "geometry"));
    }

    /**
     * {@code ifgramStack.h5}: {@code unwrapPhase} (pairs × LENGTH × WIDTH float32, radians),
     * {@code coherence} (float32, when non-null), {@code connectComponent} (int16, when non-null),
     * {@code date} (pairs × 2 {@code |S8}), {@code bperp} (float32, m), {@code dropIfgram} (bool,
     * true = keep; all true when {@code keep} is null). FILE_TYPE=ifgramStack, UNIT=radian,
     * START_DATE/END_DATE. {@code attrs} must give WAVELENGTH (m): readers refuse stacks without it.
     */
    public static void writeIfgramStack(Path path, GridGeometry grid, Network network, boolean[] keep,
                                        float[] unwrapPhase, float[] coherence, short[] connectComponent,
                                        Map<String, String> attrs) throws IOException {
        int m = network.pairCount();
        checkCube("unwrapPhase", unwrapPhase, m, grid);
        if (coherence != null) {
            checkCube("coherence", coherence, m, grid);
        }
        if (connectComponent != null && connectComponent.length != (long) m * grid.size()) {
            throw new IllegalArgumentException("connectComponent has " + connectComponent.length + " values, expected "
                    + m + " pairs × " + grid.size() + " pixels");
        }
        if (keep != null && keep.length != m) {
            throw new IllegalArgumentException("keep mask has " + keep.length + " entries for " + m + " pairs");
        }
        LinkedHashMap<String, String> a = ifgramStackAttributes(grid, network, attrs);
        String[][] dates = new String[m][2];
        float[] bp = new float[m];
        boolean[] drop = new boolean[m];
        for (int k = 0; k < m; k++) {
            Pair p = network.pairs().get(k);
            dates[k][0] = Dates.compact(p.reference());
            dates[k][1] = Dates.compact(p.secondary());
            bp[k] = (float) network.bperp(k);
            drop[k] = keep == null || keep[k];
        }
        write(path, a, f -> {
            MintPyHdf5Types.asFixedAscii(f.putDataset("date", dates), 8);
            f.putDataset("bperp", bp);
            MintPyHdf5Types.asBool(f.putDataset("dropIfgram", drop));
            f.putDataset("unwrapPhase", cube3(unwrapPhase, m, grid));
            if (coherence != null) {
                f.putDataset("coherence", cube3(coherence, m, grid));
            }
            if (connectComponent != null) {
                f.putDataset("connectComponent", cube3(connectComponent, m, grid));
            }
        });
    }

    /**
     * A per-interferogram table in ifgramStack's pair layout: {@code date} (pairs × 2 {@code |S8}, as
     * ifgramStack.h5) and one float32 dataset of length pairs per column (no grid attributes), with
     * {@code FILE_TYPE = fileType}; e.g. the closure quality of each pair written by {@code invert}.
     */
    public static void writePairTable(Path path, Network network, LinkedHashMap<String, float[]> columns,
                                      Map<String, String> attrs, String fileType) throws IOException {
        int m = network.pairCount();
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("at least one column is needed");
        }
        columns.forEach((name, v) -> {
            if (v.length != m) {
                throw new IllegalArgumentException(name + " has " + v.length + " values for " + m + " pairs");
            }
        });
        LinkedHashMap<String, String> a = new LinkedHashMap<>();
        if (attrs != null) {
            a.putAll(attrs);
        }
        a.put(MintPyAttributes.FILE_TYPE, fileType);
        String[][] dates = new String[m][2];
        for (int k = 0; k < m; k++) {
            Pair p = network.pairs().get(k);
            dates[k][0] = Dates.compact(p.reference());
            dates[k][1] = Dates.compact(p.secondary());
        }
        write(path, a, f -> {
            MintPyHdf5Types.asFixedAscii(f.putDataset("date", dates), 8);
            columns.forEach(f::putDataset);
        });
    }

    /**
     * Root attributes of an {@code ifgramStack.h5} (as {@link #writeIfgramStack} writes them, also
     * for streamed writers): the user's, the grid's, FILE_TYPE, UNIT = radian, START_DATE, END_DATE.
     *
     * @throws IllegalArgumentException when {@code attrs} lacks WAVELENGTH
     */
    public static LinkedHashMap<String, String> ifgramStackAttributes(GridGeometry grid, Network network,
                                                                      Map<String, String> attrs) {
        String wl = attrs.get(MintPyAttributes.WAVELENGTH);
        if (wl == null) {
            throw new IllegalArgumentException("attrs must give WAVELENGTH (metres) for an ifgramStack, got keys "
                    + attrs.keySet());
        }
        LinkedHashMap<String, String> a = attributes(attrs, grid, "ifgramStack");
        a.put("UNIT", "radian");
        a.put("START_DATE", Dates.compact(network.dates().get(0)));
        a.put("END_DATE", Dates.compact(network.dates().get(network.dateCount() - 1)));
        return a;
    }

    // ---------------------------------------------------------------- shared plumbing

    @FunctionalInterface
    private interface Body {
        void fill(WritableHdfFile f);
    }

    private static void write(Path path, Map<String, String> attrs, Body body) throws IOException {
        AtomicFiles.write(path, tmp -> {
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                for (Map.Entry<String, String> e : new java.util.TreeMap<>(attrs).entrySet()) { // sorted: same bytes every run
                    f.putAttribute(e.getKey(), e.getValue());
                }
                body.fill(f);
            } catch (RuntimeException e) {
                throw new IOException("cannot write HDF5 file " + path + ": " + e.getMessage(), e);
            }
        });
    }

    private static LinkedHashMap<String, String> attributes(Map<String, String> user, GridGeometry grid, String type) {
        LinkedHashMap<String, String> a = new LinkedHashMap<>();
        if (user != null) {
            user.forEach((k, v) -> a.put(Objects.requireNonNull(k, "attribute name"),
                    Objects.requireNonNull(v, () -> "value of attribute " + k)));
        }
        for (String k : new String[] {"X_FIRST", "Y_FIRST", "X_STEP", "Y_STEP", "X_UNIT", "Y_UNIT", "EPSG",
            MintPyAttributes.NO_DATA_VALUE}) {
            a.remove(k);
        }
        a.put(MintPyAttributes.FILE_TYPE, type);
        a.putAll(MintPyAttributes.of(grid));
        return a;
    }

    private static void single(Path path, GridGeometry grid, String type, String name, float[] data,
                               Map<String, String> attrs) throws IOException {
        LinkedHashMap<String, String> a = attributes(attrs, grid, type);
        a.put("UNIT", "1");
        LinkedHashMap<String, float[]> ds = new LinkedHashMap<>();
        ds.put(name, data);
        writeRasters(path, grid, ds, a);
    }

    private static void writeRasters(Path path, GridGeometry grid, LinkedHashMap<String, float[]> datasets,
                                     LinkedHashMap<String, String> attrs) throws IOException {
        if (datasets == null || datasets.isEmpty()) {
            throw new IllegalArgumentException("at least one dataset is needed");
        }
        datasets.forEach((name, v) -> checkCube(name, v, 1, grid));
        write(path, attrs, f -> datasets.forEach((name, v) -> f.putDataset(name, cube3(v, 1, grid)[0])));
    }

    private static void checkCube(String name, float[] data, int layers, GridGeometry grid) {
        Objects.requireNonNull(data, name);
        if (data.length != (long) layers * grid.size()) {
            throw new IllegalArgumentException(name + " has " + data.length + " values, expected " + layers
                    + " layers × " + grid.rows() + " × " + grid.cols() + " = " + (long) layers * grid.size());
        }
    }

    /** Flat layer-major → nested [layer][row][col] (jHDF infers the HDF5 shape from nesting). */
    private static float[][][] cube3(float[] flat, int layers, GridGeometry g) {
        int rows = g.rows(), cols = g.cols(), size = g.size();
        float[][][] out = new float[layers][rows][cols];
        for (int k = 0; k < layers; k++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, k * size + r * cols, out[k][r], 0, cols);
            }
        }
        return out;
    }

    private static short[][][] cube3(short[] flat, int layers, GridGeometry g) {
        int rows = g.rows(), cols = g.cols(), size = g.size();
        short[][][] out = new short[layers][rows][cols];
        for (int k = 0; k < layers; k++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, k * size + r * cols, out[k][r], 0, cols);
            }
        }
        return out;
    }
}
