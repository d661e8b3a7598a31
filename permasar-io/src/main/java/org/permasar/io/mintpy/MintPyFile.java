package org.permasar.io.mintpy;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.PixelCoordinates;
import org.permasar.grid.Window;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/**
 * A MintPy HDF5 file read window by window with jHDF hyperslabs: the common part of
 * {@link MintPyIfgramStack}, {@link MintPyGeometry} and {@link MintPyProduct}.
 *
 * <p>Raster datasets are the root datasets of shape {@code LENGTH × WIDTH} (one layer) or
 * {@code N × LENGTH × WIDTH} (N layers); other datasets ({@code date}, {@code bperp},
 * {@code dropIfgram}) are metadata. Values are returned as float32; integer and boolean
 * datasets convert exactly; float values equal to {@code NO_DATA_VALUE} become NaN.
 *
 * <p>Holds the file open until {@link #close()}. Not thread-safe (jHDF file channels are
 * shared): open one instance per thread.
 */
public abstract class MintPyFile implements RasterSource {
    private final Path path;
    private final HdfFile hdf;
    private final Map<String, String> attributes;
    private final Map<String, Dataset> rasters = new LinkedHashMap<>();
    private final Map<String, Integer> layers = new LinkedHashMap<>();
    private final float nodata;
    private GridGeometry grid;

    /**
     * Reads the header of {@code hdf}: attributes, raster datasets and grid. On failure the
     * caller closes {@code hdf}.
     */
    protected MintPyFile(Path path, HdfFile hdf) throws InvalidInputException {
        this.path = path;
        this.hdf = hdf;
        this.attributes = Collections.unmodifiableMap(MintPyAttributes.read(hdf));
        int[] shape = gridShape(hdf);
        for (Node n : hdf) {
            if (n instanceof Dataset d) {
                int[] dims = d.getDimensions();
                int r = dims.length;
                if ((r == 2 || r == 3) && dims[r - 2] == shape[0] && dims[r - 1] == shape[1]) {
                    rasters.put(d.getName(), d);
                    layers.put(d.getName(), r == 3 ? dims[0] : 1);
                }
            }
        }
        this.grid = MintPyAttributes.grid(attributes, shape[0], shape[1], path);
        this.nodata = (float) grid.nodata();
    }

    /** Rows and columns: LENGTH/WIDTH when given, else the last two dimensions of the first 2-D or 3-D dataset. */
    private int[] gridShape(HdfFile h) throws InvalidInputException {
        String len = attributes.get(MintPyAttributes.LENGTH), wid = attributes.get(MintPyAttributes.WIDTH);
        if (len != null && wid != null) {
            try {
                return new int[] {Integer.parseInt(len.trim()), Integer.parseInt(wid.trim())};
            } catch (NumberFormatException e) {
                throw new InvalidInputException(path, "attributes LENGTH/WIDTH must be integers, got '" + len
                        + "', '" + wid + "'");
            }
        }
        for (Node n : h) {
            if (n instanceof Dataset d && (d.getDimensions().length == 2 || d.getDimensions().length == 3)
                    && !d.getName().equals("date")) {
                int[] dims = d.getDimensions();
                return new int[] {dims[dims.length - 2], dims[dims.length - 1]};
            }
        }
        throw new NoRasterException(path);
    }

    /**
     * Opens an HDF5 file with jHDF, turning a missing, foreign, damaged or truncated file into
     * InvalidInputException ({@link Hdf5Bounds}).
     */
    static HdfFile openHdf(Path path) throws InvalidInputException {
        return Hdf5Bounds.open(path);
    }

    /** Replaces the grid's per-pixel coordinates (used by radar-geometry files). */
    protected final void setCoordinates(PixelCoordinates c) {
        grid = grid.withCoordinates(c);
    }

    /** The underlying jHDF file, for subclasses reading metadata datasets. */
    protected final HdfFile hdf() {
        return hdf;
    }

    /** MintPy's FILE_TYPE attribute, or "" when absent. */
    public String fileType() {
        return attributes.getOrDefault(MintPyAttributes.FILE_TYPE, "");
    }

    /** A root dataset of any shape, or null. */
    protected final Dataset dataset(String name) {
        Node n = hdf.getChildren().get(name);
        return n instanceof Dataset d ? d : null;
    }

    /** Whole content of a metadata dataset, turning jHDF failures into InvalidInputException. */
    protected final Object readAll(String name) throws InvalidInputException {
        Dataset d = dataset(name);
        if (d == null) {
            throw new InvalidInputException(path, name, "dataset is missing");
        }
        try {
            return d.getData();
        } catch (RuntimeException e) {
            throw new InvalidInputException(path, name, "cannot be read (truncated or damaged file?): " + e.getMessage(), e);
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    @Override
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public List<String> datasets() {
        return List.copyOf(rasters.keySet());
    }

    @Override
    public int layers(String dataset) throws IOException {
        Integer n = layers.get(dataset);
        if (n == null) {
            throw missing(dataset);
        }
        return n;
    }

    private InvalidInputException missing(String dataset) {
        return new InvalidInputException(path, dataset, "no such raster dataset (available: "
                + String.join(", ", rasters.keySet()) + ")");
    }

    @Override
    public void read(String dataset, Window window, float[] dest, int offset) throws IOException {
        Dataset d = rasters.get(dataset);
        if (d == null) {
            throw missing(dataset);
        }
        if (!window.fitsIn(grid.rows(), grid.cols())) {
            throw new IllegalArgumentException("window " + window + " outside grid " + grid.rows() + "×" + grid.cols());
        }
        int n = layers.get(dataset);
        long need = (long) n * window.size();
        if (offset < 0 || offset + need > dest.length) {
            throw new IllegalArgumentException("dest of " + dest.length + " values from offset " + offset
                    + " cannot hold " + n + " layers × " + window.size() + " pixels");
        }
        boolean threeD = d.getDimensions().length == 3;
        long[] start = threeD ? new long[] {0, window.row0(), window.col0()} : new long[] {window.row0(), window.col0()};
        int[] shape = threeD ? new int[] {n, window.rows(), window.cols()} : new int[] {window.rows(), window.cols()};
        Object slab;
        try {
            slab = d.getData(start, shape);
        } catch (RuntimeException e) {
            throw new InvalidInputException(path, dataset, "cannot read " + window + " (truncated or damaged file?): "
                    + e.getMessage(), e);
        }
        boolean floating = d.getJavaType() == float.class || d.getJavaType() == double.class;
        HdfSlabs.toFloat(slab, dest, offset, floating ? nodata : Float.NaN);
    }

    /** Checks a metadata dataset's shape; InvalidInputException naming dataset, found and expected shapes. */
    protected final void requireShape(String name, int... expected) throws InvalidInputException {
        Dataset d = dataset(name);
        if (d == null) {
            throw new InvalidInputException(path, name, "dataset is missing (expected shape "
                    + Arrays.toString(expected) + ")");
        }
        if (!Arrays.equals(d.getDimensions(), expected)) {
            throw new InvalidInputException(path, name, "has shape " + Arrays.toString(d.getDimensions())
                    + ", expected " + Arrays.toString(expected));
        }
    }

    /** Names of all root datasets, raster or not. */
    protected final List<String> allDatasets() {
        List<String> out = new ArrayList<>();
        for (Node n : hdf) {
            if (n instanceof Dataset) {
                out.add(n.getName());
            }
        }
        return out;
    }

    @Override
    public void close() {
        hdf.close();
    }

    @Override
    public String toString() {
        return format() + " " + path + " (" + grid + ")";
    }
}
