package org.permasar.io.sink;

import java.util.BitSet;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;

/**
 * Which pixels of one gridded dataset a sink has written (all layers of a pixel are written
 * together), so that {@link BlockSink#commit()} can refuse an incomplete product. One bit per
 * pixel. Thread-safe.
 */
public final class WrittenPixels {
    private final int rows;
    private final int cols;
    private final BitSet done;

    public WrittenPixels(GridGeometry grid) {
        this.rows = grid.rows();
        this.cols = grid.cols();
        this.done = new BitSet(Math.toIntExact((long) rows * cols));
    }

    /** Marks every pixel of {@code w} as written. */
    public synchronized void add(Window w) {
        for (int r = w.row0(); r < w.rowEnd(); r++) {
            done.set(r * cols + w.col0(), r * cols + w.colEnd());
        }
    }

    /** Number of pixels not written yet. */
    public synchronized long missing() {
        return (long) rows * cols - done.cardinality();
    }

    /**
     * Checks a block request against the grid and the data length.
     *
     * @throws IllegalArgumentException with the offending values
     */
    public static void check(String sink, DatasetSpec spec, Window w, float[] data, int offset) {
        if (!w.fitsIn(spec.rows(), spec.cols())) {
            throw new IllegalArgumentException(sink + ": window " + w + " lies outside dataset " + spec.name() + " of "
                    + spec.rows() + " × " + spec.cols() + " pixels");
        }
        long need = (long) spec.layers() * w.size();
        if (data == null || offset < 0 || offset + need > data.length) {
            throw new IllegalArgumentException(sink + ": dataset " + spec.name() + " block " + w + " × " + spec.layers()
                    + " layers needs " + need + " values from offset " + offset + ", data has "
                    + (data == null ? "none" : data.length));
        }
    }

    /**
     * A block value as stored in an integer dataset: NaN → fill, otherwise rounded to nearest, ties to even (Math.rint).
     *
     * @throws IllegalArgumentException when out of the type's range
     */
    public static long toInteger(DatasetSpec spec, float v) {
        if (Float.isNaN(v)) {
            return (long) spec.fill();
        }
        double r = Math.rint(v);
        if (r < spec.type().min() || r > spec.type().max()) {
            throw new IllegalArgumentException("dataset " + spec.name() + ": value " + v + " does not fit " + spec.type());
        }
        return (long) r;
    }
}
