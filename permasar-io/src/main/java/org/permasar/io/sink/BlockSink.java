package org.permasar.io.sink;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;

/**
 * A product being written block by block, so that no step ever holds a whole product in memory
 * (STYLE.md "a step is three things": parameters, kernel, sinks). Implementations: HDF5
 * ({@code org.permasar.hdf5.Hdf5BlockSink}, module {@code permasar-hdf5}) and Zarr v2
 * ({@link org.permasar.io.zarr.ZarrBlockSink}).
 *
 * <p><b>Life cycle.</b> A sink is opened by its {@link BlockSinkFactory} on a final path with the
 * product's root attributes, and writes to a temporary sibling of that path. Then:
 * <ol>
 *   <li>{@link #create} every gridded dataset and write the small 1-D ones
 *       ({@link #writeStrings}, {@link #writeVector}) — all before the first block;</li>
 *   <li>{@link #writeBlock} any windows, in any order, from any thread;</li>
 *   <li>{@link #commit()} checks that every pixel of every gridded dataset was written and renames
 *       the temporary file or folder to the final path (atomically where the file system allows);
 *       {@link #close()} without a commit aborts: the temporary output is deleted and any older
 *       file at the final path is left untouched.</li>
 * </ol>
 *
 * <p><b>Block layout.</b> A block of dataset {@code d} over window {@code w} is a flat
 * {@code float[]} laid out band-major like every block of the engine
 * ({@link org.permasar.grid.Window}): value of (layer {@code k}, window row {@code r}, window
 * column {@code c}) at {@code data[offset + k·w.size() + r·w.cols() + c]}, all layers of the
 * dataset present (one for a plane).
 *
 * <p><b>Thread-safety.</b> Every method may be called from any thread. {@code writeBlock} calls for
 * disjoint windows may be concurrent; implementations serialise them as their library requires
 * (libhdf5 is not thread-safe: the HDF5 sink runs every library call of the process under one lock;
 * the Zarr sink encodes chunks concurrently). Writing the same pixels twice keeps the last write.
 */
public interface BlockSink extends Closeable {

    /** Final path of the product (absolute), valid after {@link #commit()}. */
    Path path();

    /** Grid every gridded dataset lies on. */
    GridGeometry grid();

    /**
     * Declares a gridded dataset.
     *
     * @throws IllegalArgumentException when the name is taken or the shape's rows/cols differ
     *                                  from {@link #grid()}
     * @throws IllegalStateException    after the first {@link #writeBlock} or after commit/close
     * @throws IOException              when the file cannot be extended
     */
    void create(DatasetSpec spec) throws IOException;

    /**
     * Writes a 1-D dataset of fixed-length ASCII strings, null-padded to {@code width} bytes
     * (numpy {@code |S<width>}, e.g. MintPy's {@code date} as {@code |S8}).
     *
     * @throws IllegalArgumentException when a value is not ASCII or longer than {@code width}
     * @throws IllegalStateException    after the first {@link #writeBlock} or after commit/close
     */
    void writeStrings(String name, String[] values, int width) throws IOException;

    /**
     * Writes a 2-D dataset of fixed-length ASCII strings, {@code rows.length × rows[0].length}
     * (e.g. MintPy ifgramStack's {@code date}, pairs × 2, {@code |S8}). Optional: the default
     * throws {@link UnsupportedOperationException}.
     */
    default void writeStrings(String name, String[][] rows, int width) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write 2-D strings (" + name + ")");
    }

    /**
     * Writes a 1-D boolean dataset as h5py stores numpy {@code bool} (an 8-bit enum FALSE = 0,
     * TRUE = 1; e.g. MintPy's {@code dropIfgram}). Optional: the default throws
     * {@link UnsupportedOperationException}.
     */
    default void writeBooleans(String name, boolean[] values) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write booleans (" + name + ")");
    }

    /**
     * Writes a 1-D float32 dataset (e.g. MintPy's {@code bperp}).
     *
     * @throws IllegalStateException after the first {@link #writeBlock} or after commit/close
     */
    void writeVector(String name, float[] values) throws IOException;

    /**
     * Writes every layer of {@code dataset} inside {@code w} from {@code data} (layout above).
     *
     * @throws IllegalArgumentException when the dataset is unknown, the window lies outside the
     *                                  grid, {@code data} is too short, an integer value is out of
     *                                  range, or (Zarr only) the window is not made of whole chunks
     * @throws IllegalStateException    after commit/close
     * @throws IOException              when the write fails (the sink should then be closed)
     */
    void writeBlock(String dataset, Window w, float[] data, int offset) throws IOException;

    /** Same as {@code writeBlock(dataset, w, data, 0)}. */
    default void writeBlock(String dataset, Window w, float[] data) throws IOException {
        writeBlock(dataset, w, data, 0);
    }

    /**
     * Finishes the product and renames it to {@link #path()}, replacing an older one there.
     *
     * @return the final path
     * @throws IllegalStateException when some pixels of a gridded dataset were never written
     *                               (nothing is committed; {@link #close()} then deletes the
     *                               temporary output)
     */
    Path commit() throws IOException;

    /** Releases the sink; without a successful {@link #commit()} the temporary output is deleted. Idempotent. */
    @Override
    void close() throws IOException;
}
