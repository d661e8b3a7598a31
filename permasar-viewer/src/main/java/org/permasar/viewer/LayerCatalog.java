package org.permasar.viewer;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.mintpy.NoRasterException;
import org.permasar.network.Dates;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layers of an output folder as a scientist looks for them: one entry per product, grouped by the
 * folder it sits in (a track such as {@code asc}, {@code asc/pecm}, {@code geometry}, {@code scene}), with a
 * readable title and the unit of that very dataset.
 *
 * <ul>
 *   <li>A 2-D dataset of a MintPy HDF5 file, or a single-band GeoTIFF, is one layer.</li>
 *   <li>A cube (a 3-D HDF5 dataset such as {@code timeseries}, or a multi-band GeoTIFF such as an 8-day LST
 *   stack) is ONE layer whose {@link Layer#labels() labels} name its slices: ISO dates when the file has dates
 *   (HDF5 {@code date} dataset, or band descriptions that are dates), date pairs for interferogram stacks,
 *   else the band descriptions or "band k".</li>
 *   <li>A GeoTIFF that repeats an HDF5 product of the same folder (same file stem, or a stem equal to a dataset
 *   of an HDF5 file there: {@code asc/velocity.tif} next to {@code asc/velocity.h5}) is left out: the HDF5
 *   dataset is listed once.</li>
 * </ul>
 * Units: the dataset's own MintPy {@code UNIT} attribute when it has one; otherwise inferred from its name (a
 * {@code …Doy} is a day of year, {@code region}/{@code …Status}/{@code …Flag}/{@code …Mask} are codes without
 * unit, {@code …Velocity} a rate, {@code …Amplitude} a length, {@code …Phase} radians), and the file's
 * {@code UNIT} only for the dataset the file is named for. So {@code truth.h5} (file UNIT m/year) no longer
 * labels its region codes and onset days "m/year".
 *
 * <p>Files that no format recognises, or that are damaged, are skipped with a warning. Symbolic links leading
 * out of the root are ignored. Stateless and thread-safe: each call scans again and opens its own readers.
 */
public final class LayerCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(LayerCatalog.class);
    /** Folder depth searched below the root (asc/desc sub-folders and one more level). */
    static final int MAX_DEPTH = 4;

    /** How a layer is coloured by default. */
    public enum Kind {
        /** Signed quantity centred on zero (rates, displacements): diverging colours, symmetric stretch. */
        DIVERGING,
        /** Magnitude or other continuous quantity: sequential colours, 2–98 % stretch. */
        SEQUENTIAL,
        /** Integer codes (status, flags, masks, regions): discrete colours. */
        CATEGORICAL
    }

    private final PathGuard guard;

    public LayerCatalog(PathGuard guard) {
        this.guard = guard;
    }

    /**
     * One layer (a map, or a cube of maps).
     *
     * @param file      path relative to the root, {@code /}-separated
     * @param dataset   dataset name ({@code bands} for a GeoTIFF)
     * @param group     folder of the file relative to the root ({@code .} for the root itself)
     * @param title     readable name, e.g. "LOS velocity", "time series"
     * @param unit      unit of the stored values ("" when the values have none, e.g. codes)
     * @param kind      default colouring
     * @param fileType  MintPy FILE_TYPE or the format name
     * @param rows      grid rows
     * @param cols      grid columns
     * @param epsg      EPSG code, 0 when unknown or radar geometry
     * @param transform GDAL geotransform (6 numbers), null for radar geometry
     * @param refRow    reference pixel row (MintPy REF_Y), −1 when none
     * @param refCol    reference pixel column (MintPy REF_X), −1 when none
     * @param labels    one label per slice (ISO dates for a time cube); a single empty label for a 2-D layer
     * @param dated     whether the labels are ISO dates
     */
    public record Layer(String file, String dataset, String group, String title, String unit, Kind kind,
                        String fileType, int rows, int cols, int epsg, double[] transform, int refRow, int refCol,
                        List<String> labels, boolean dated) {
        /** Stable identifier: {@code file:dataset}. */
        public String id() {
            return file + ":" + dataset;
        }

        /** Number of slices (1 for a map). */
        public int slices() {
            return labels.size();
        }
    }

    /** Scans the root and lists every layer, files in path order. */
    public List<Layer> layers() throws IOException {
        List<Path> files = rasterFiles(guard.root());
        Map<Path, Set<String>> h5Names = new HashMap<>(); // folder → HDF5 stems and dataset names
        List<Layer> out = new ArrayList<>();
        for (Path f : files) {
            if (isHdf5(f)) {
                try {
                    List<Layer> ls = layersOf(f);
                    out.addAll(ls);
                    Set<String> names = h5Names.computeIfAbsent(f.getParent(), k -> new HashSet<>());
                    names.add(stem(f));
                    ls.forEach(l -> names.add(l.dataset()));
                } catch (NoRasterException e) {
                    LOG.debug("not a raster, not listed: {}", guard.relativize(f));   // e.g. closureQuality.h5
                } catch (IOException | RuntimeException e) {
                    LOG.warn("skipping {}: {}", guard.relativize(f), e.getMessage());
                }
            }
        }
        for (Path f : files) {
            if (!isHdf5(f) && !h5Names.getOrDefault(f.getParent(), Set.of()).contains(stem(f))) {
                try {
                    out.addAll(layersOf(f));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("skipping {}: {}", guard.relativize(f), e.getMessage());
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Layer::group).thenComparingInt(l -> rank(l.dataset(), l.file()))
                .thenComparing(Layer::title).thenComparing(Layer::file));
        return out;
    }

    /**
     * The layer a viewer opens on: the vertical velocity of an asc/desc decomposition, else a velocity (a
     * MintPy {@code velocity.h5}, or any {@code velocity} dataset), else the first layer. Null for no layers.
     */
    public static Layer defaultLayer(List<Layer> layers) {
        String[] prefer = {"geometry/up.tif:bands", "velocity.h5:velocity"};
        for (String p : prefer) {
            for (Layer l : layers) {
                if (l.id().equals(p) || l.id().endsWith("/" + p)) {
                    return l;
                }
            }
        }
        for (Layer l : layers) {
            if (l.dataset().equals("velocity") || l.title().toLowerCase(Locale.ROOT).contains("velocity")) {
                return l;
            }
        }
        return layers.isEmpty() ? null : layers.get(0);
    }

    /** Main products first within a folder: rates, then time series, then the rest by title. */
    private static final List<String> FIRST = List.of("up", "east", "velocity", "pecmVelocity", "timeseries", "alt",
            "verticalVelocity", "eastVelocity", "temporalCoherence");

    private static int rank(String dataset, String file) {
        String name = GeoTiffReader.BANDS.equals(dataset) ? stem(Path.of(file)) : dataset;
        int i = FIRST.indexOf(name);
        return i < 0 ? FIRST.size() : i;
    }

    /** Regular raster files (.h5, .he5, .tif, .tiff) under {@code root}, inside it, sorted by path. */
    List<Path> rasterFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root, MAX_DEPTH)) {
            return s.filter(p -> isRasterName(p.getFileName().toString()))
                    .filter(Files::isRegularFile)
                    .filter(guard::contains)
                    .sorted()
                    .toList();
        }
    }

    static boolean isRasterName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".he5") || n.endsWith(".tif") || n.endsWith(".tiff");
    }

    private static boolean isHdf5(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".he5");
    }

    private static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.indexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    private List<Layer> layersOf(Path f) throws IOException {
        List<Layer> out = new ArrayList<>();
        String rel = guard.relativize(f);
        int slash = rel.lastIndexOf('/');
        String group = slash < 0 ? "." : rel.substring(0, slash);
        try (RasterSource src = RasterFormats.open(f)) {
            GridGeometry g = src.grid();
            double[] gt = g.isGeocoded() ? g.transform().toGdal() : null;
            Map<String, String> attrs = src.attributes();
            String type = attrs.getOrDefault("FILE_TYPE", src.format());
            String fileUnit = attrs.getOrDefault("UNIT", attrs.getOrDefault("DATA_UNITS", "")).trim();
            int refRow = intAttr(attrs.get("REF_Y")), refCol = intAttr(attrs.get("REF_X"));
            if (src instanceof GeoTiffReader t) {
                int n = t.bandCount();
                List<String> labels = bandLabels(t.bandDescriptions(), n);
                boolean dated = n > 1 && allDates(labels);
                String name = stem(f);
                String unit = fileUnit.isEmpty() ? inferUnit(name, "", false) : fileUnit;
                out.add(new Layer(rel, GeoTiffReader.BANDS, group, title(name, group, n > 1), unit, kind(name, unit, n > 1),
                        type, g.rows(), g.cols(), g.epsg(), gt, refRow, refCol, labels, dated));
                return out;
            }
            Map<String, String> units = datasetUnits(f);
            Map<String, List<String>> hdfLabels = new HashMap<>();
            for (String ds : src.datasets()) {
                int n = src.layers(ds);
                boolean main = ds.equalsIgnoreCase(type) || ds.equalsIgnoreCase(stem(f)) || src.datasets().size() == 1;
                String unit = units.containsKey(ds) ? units.get(ds).trim() : inferUnit(ds, fileUnit, main);
                List<String> labels;
                boolean dated = false;
                if (n == 1) {
                    labels = List.of("");
                } else {
                    labels = hdfLabels.computeIfAbsent("date", k -> dateLabels(f));
                    if (labels.size() != n) {
                        labels = numbered(n);
                    } else {
                        dated = allDates(labels);
                    }
                }
                String t = stem(f).toLowerCase(Locale.ROOT).startsWith("truth") ? "truth: " + title(ds, group, n > 1)
                        : ds.equals("mask") ? maskTitle(stem(f)) : title(ds, group, n > 1);
                out.add(new Layer(rel, ds, group, t, unit, kind(ds, unit, n > 1), type, g.rows(),
                        g.cols(), g.epsg(), gt, refRow, refCol, labels, dated));
            }
        }
        return out;
    }

    private static int intAttr(String v) {
        if (v == null || v.isBlank()) {
            return -1;
        }
        try {
            return (int) Math.round(Double.parseDouble(v.trim()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> numbered(int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add("band " + i);
        }
        return out;
    }

    /** Band descriptions as ISO dates where they are dates, else as they are, else "band k". */
    static List<String> bandLabels(List<String> descriptions, int n) {
        if (n == 1) {
            return List.of("");
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String d = i < descriptions.size() && descriptions.get(i) != null ? descriptions.get(i).trim() : "";
            LocalDate date = date(d);
            out.add(date != null ? date.toString() : d.isEmpty() ? "band " + (i + 1) : d);
        }
        return out;
    }

    private static LocalDate date(String s) {
        if (s == null || !s.matches("\\d{8}|\\d{4}-\\d{2}-\\d{2}")) {
            return null;
        }
        try {
            return Dates.parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean allDates(List<String> labels) {
        for (String l : labels) {
            if (date(l) == null) {
                return false;
            }
        }
        return !labels.isEmpty();
    }

    /** The HDF5 {@code date} dataset as labels: ISO dates (n) or "d1 – d2" pairs (n × 2); empty when absent. */
    private static List<String> dateLabels(Path f) {
        try (HdfFile h = new HdfFile(f)) {
            Node n = h.getChildren().get("date");
            if (!(n instanceof Dataset d)) {
                return List.of();
            }
            Object data = d.getData();
            List<String> out = new ArrayList<>();
            if (data instanceof String[] one) {
                for (String s : one) {
                    LocalDate x = date(s.trim());
                    out.add(x == null ? s.trim() : x.toString());
                }
            } else if (data instanceof String[][] two) {
                for (String[] p : two) {
                    out.add(p.length == 2 ? p[0].trim() + " – " + p[1].trim() : String.join(" ", p));
                }
            }
            return out;
        } catch (RuntimeException e) {
            LOG.debug("no dates in {}: {}", f, e.getMessage());
            return List.of();
        }
    }

    /** MintPy writes a per-dataset UNIT attribute (e.g. velocity.h5: intercept m, annualPhase radian). */
    private static Map<String, String> datasetUnits(Path f) {
        Map<String, String> out = new HashMap<>();
        try (HdfFile h = new HdfFile(f)) {
            for (Node n : h) {
                Attribute a = n.getAttribute("UNIT");
                Object v = a == null ? null : a.getData();
                if (v != null) {
                    out.put(n.getName(), v.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("no per-dataset units in {}: {}", f, e.getMessage());
        }
        return out;
    }

    /**
     * The unit of a dataset that carries no UNIT attribute of its own, from its name; the file's unit only
     * for the dataset the file is named for ({@code main}) or when the name says nothing.
     */
    static String inferUnit(String name, String fileUnit, boolean main) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith("doy") || n.contains("dayofyear")) {
            return "day of year";
        }
        if (n.contains("region") || n.contains("status") || n.contains("flag") || n.contains("mask")
                || n.contains("class") || n.contains("direction") || n.contains("code") || n.contains("component")) {
            return "";
        }
        if (n.equals("latitude") || n.equals("longitude") || n.equals("lat") || n.equals("lon")) {
            return "degree";
        }
        if (n.startsWith("num") || n.contains("count")) {
            return "count";
        }
        if (n.contains("ratio") || n.contains("coherence")) {
            return "1";
        }
        if (n.contains("phase")) {
            return "radian";
        }
        if (n.contains("angle")) {
            return "degree";
        }
        if (n.contains("velocity") || n.equals("up") || n.equals("east") || n.equals("upstd") || n.equals("eaststd")) {
            return fileUnit.contains("/") ? fileUnit : "m/year";
        }
        if (n.contains("amplitude") || n.contains("height") || n.contains("intercept") || n.contains("residue")
                || n.contains("rms") || n.contains("peaktotrough") || n.equals("alt") || n.equals("altstd")
                || n.equals("dem")) {
            return "m";
        }
        if (n.contains("seasonalcoef")) {
            return "m/sqrt(degC*day)";
        }
        return main ? fileUnit : "";
    }

    /** Default colouring of a layer from its name and unit. */
    static Kind kind(String name, String unit, boolean cube) {
        String n = name.toLowerCase(Locale.ROOT);
        if ((unit.isEmpty() || unit.equals("1")) && (n.contains("region") || n.contains("status") || n.contains("flag") || n.contains("mask")
                || n.contains("class") || n.contains("direction") || n.contains("code") || n.contains("component")
                || n.contains("season")
                && !n.contains("amplitude") && !n.contains("coef"))) {
            return Kind.CATEGORICAL;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        boolean rate = u.contains("/y") || u.contains("/a");
        boolean magnitude = n.contains("std") || n.contains("amplitude") || n.contains("rms") || n.contains("peaktotrough")
                || n.equals("alt") || n.contains("height") || n.equals("dem");
        boolean displacement = cube && (u.equals("m") || u.equals("mm") || u.equals("cm"));
        boolean signed = n.equals("up") || n.equals("east") || n.contains("velocity") || n.equals("timeseries")
                || n.contains("residue") || n.contains("unwrapphase") || n.contains("intercept");
        return !magnitude && (rate || displacement || signed) ? Kind.DIVERGING : Kind.SEQUENTIAL;
    }

    /**
     * Title of a {@code mask} dataset by its file, since MintPy names the dataset of several files so:
     * {@code numInvIfgram.h5} (the number of interferograms inverted per pixel), {@code maskTempCoh.h5} (temporal
     * coherence above the threshold), {@code maskConnComp.h5}, others by their file name.
     */
    static String maskTitle(String stem) {
        return switch (stem) {
            case "numInvIfgram" -> "interferograms used";
            case "maskTempCoh" -> "mask: temporal coherence";
            case "maskConnComp" -> "mask: connected components";
            default -> "mask (" + stem + ")";
        };
    }

    /** Readable title of a dataset or file stem, e.g. "LOS velocity", "vertical velocity", "time series". */
    static String title(String name, String group, boolean cube) {
        String g = group.toLowerCase(Locale.ROOT);
        boolean track = g.startsWith("asc") || g.startsWith("desc") || g.contains("/asc") || g.contains("/desc");
        String pretty = switch (name) {
            case "up" -> "vertical velocity";
            case "upStd" -> "vertical velocity std";
            case "east" -> "east velocity";
            case "eastStd" -> "east velocity std";
            case "velocity" -> track ? "LOS velocity" : "velocity";
            case "velocityStd" -> track ? "LOS velocity std" : "velocity std";
            case "timeseries" -> track ? "LOS displacement time series" : "displacement time series";
            case "alt" -> "active-layer thickness (ALT)";
            case "altStd" -> "ALT std";
            case "altFlag" -> "ALT flag";
            case "lst_8day" -> "land-surface temperature (8-day)";
            case "temporalCoherence" -> "temporal coherence";
            case "numInvIfgram", "mask" -> name.equals("mask") ? "mask" : "interferograms used";
            case "dem", "height" -> "height";
            case "unwrapPhase" -> "unwrapped phase";
            default -> words(name);
        };
        return pretty;
    }

    /** camelCase and snake_case to lower-case words, keeping acronyms: "pecmSeasonalCoefStd" → "PECM seasonal coef std". */
    static String words(String name) {
        StringBuilder b = new StringBuilder();
        String s = name.replace('_', ' ');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(s.charAt(i - 1)) && s.charAt(i - 1) != ' ') {
                b.append(' ');
            }
            b.append(c);
        }
        String[] parts = b.toString().split(" ");
        StringBuilder out = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            String low = p.toLowerCase(Locale.ROOT);
            String w = switch (low) {
                case "pecm", "los", "alt", "lst", "dem", "rms" -> low.toUpperCase(Locale.ROOT);
                case "doy" -> "(day of year)";
                case "asc" -> "ascending";
                case "desc" -> "descending";
                case "std" -> "std";
                default -> p.length() > 1 && p.equals(p.toUpperCase(Locale.ROOT)) ? p : low;
            };
            out.append(out.isEmpty() ? "" : " ").append(w);
        }
        return out.toString();
    }

    /**
     * Reads one slice of a layer, keeping every {@code step}-th row and column (nearest-neighbour decimation
     * for large rasters), row by row so that a cube is never held whole. Nodata is NaN.
     *
     * @param slice slice index (GeoTIFF band − 1, or layer of a 3-D dataset; 0 for a map)
     * @param step  decimation factor ≥ 1
     * @return row-major values of the decimated grid, {@code ceil(rows/step) × ceil(cols/step)}
     * @throws InvalidInputException when the file or dataset cannot be read
     */
    public static float[] read(Path file, String dataset, int slice, int step) throws IOException {
        if (step < 1) {
            throw new IllegalArgumentException("decimation step must be ≥ 1, got " + step);
        }
        try (RasterSource src = RasterFormats.open(file)) {
            GridGeometry g = src.grid();
            int layers = src.layers(dataset);
            if (slice < 0 || slice >= layers) {
                throw new InvalidInputException(file, dataset, "has " + layers + " layer(s), no layer " + slice);
            }
            int rows = g.rows(), cols = g.cols();
            int outRows = (rows + step - 1) / step, outCols = (cols + step - 1) / step;
            if (layers == 1 && step == 1) {
                return src.read(dataset, Window.of(g));
            }
            boolean tif = src instanceof GeoTiffReader;
            float[] line = new float[(tif ? 1 : layers) * cols];
            float[] out = new float[outRows * outCols];
            int base = tif ? 0 : slice * cols; // layer-major block: layer·window.size()
            for (int r = 0; r < outRows; r++) {
                Window w = new Window(r * step, 0, 1, cols);
                if (src instanceof GeoTiffReader t) {
                    t.readBand(slice, w, line, 0, 1f);
                } else {
                    src.read(dataset, w, line, 0);
                }
                for (int c = 0, k = r * outCols; c < outCols; c++, k++) {
                    out[k] = line[base + c * step];
                }
            }
            return out;
        }
    }

    /** Decimation step that keeps a rows × cols raster at or below {@code maxPixels} values. */
    public static int stepFor(int rows, int cols, long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be ≥ 1, got " + maxPixels);
        }
        int step = 1;
        while ((long) ((rows + step - 1) / step) * ((cols + step - 1) / step) > maxPixels) {
            step++;
        }
        return step;
    }
}
