package org.permasar.stack;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;

/**
 * A file (or folder) of named raster datasets on one grid, read window by window so that no
 * caller needs the whole file in memory. Datasets are 2-D (one layer) or 3-D (layers × rows ×
 * cols, e.g. one layer per pair or per date). Dataset names follow MintPy where MintPy has one
 * ({@code unwrapPhase}, {@code coherence}, {@code timeseries}, {@code height}, …).
 *
 * <p>Implementations are not required to be thread-safe; open one per thread, or synchronise.
 */
public interface RasterSource extends Closeable {

    /** The file or folder this was opened from. */
    Path path();

    /** Short format name, e.g. "MintPy ifgramStack (HDF5)", "HyP3 GeoTIFF folder". */
    String format();

    /** Grid of every dataset. */
    GridGeometry grid();

    /** Metadata as MintPy-style string attributes (WAVELENGTH, REF_DATE, …), never null. */
    Map<String, String> attributes();

    /** Names of the raster datasets, in file order. */
    List<String> datasets();

    /** Number of layers of a dataset (1 for a 2-D dataset). */
    int layers(String dataset) throws IOException;

    /**
     * Reads every layer of {@code dataset} inside {@code window} into {@code dest}, layer-major:
     * {@code dest[offset + layer·window.size() + r·window.cols() + c]}. Nodata values of the
     * source become NaN.
     *
     * @throws InvalidInputException when the dataset is missing or the file is damaged
     */
    void read(String dataset, Window window, float[] dest, int offset) throws IOException;

    /** Convenience: a new array holding every layer of {@code dataset} in {@code window}. */
    default float[] read(String dataset, Window window) throws IOException {
        long n = (long) layers(dataset) * window.size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("block of " + n + " values is too large: use a smaller window");
        }
        float[] out = new float[(int) n];
        read(dataset, window, out, 0);
        return out;
    }

    /** True when a dataset of that name exists. */
    default boolean has(String dataset) {
        return datasets().contains(dataset);
    }
}
