package org.permasar.pipeline.block;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;

/**
 * Named whole-grid inputs of a kernel, prepared on the driver: the 2-D maps (or small stacks of
 * maps) that a product step reads whole because they must first be brought onto a common grid,
 * converted, or calibrated over all pixels (see {@link org.permasar.pipeline.raster.ProductRasters}).
 * A kernel holding them cuts each window out with {@link #window}; values are band-major
 * ({@code [layer·size + row·cols + col]}).
 *
 * <p>Immutable once built (the arrays are owned and never written) and serialisable; thread-safe.
 */
public final class GridPlanes implements Serializable {
    private static final long serialVersionUID = 1L;
    private final GridGeometry grid;
    private final Map<String, float[]> planes = new LinkedHashMap<>();
    private final Map<String, Integer> layers = new LinkedHashMap<>();

    public GridPlanes(GridGeometry grid) {
        this.grid = Objects.requireNonNull(grid, "grid");
    }

    /** The grid of every plane. */
    public GridGeometry grid() {
        return grid;
    }

    /**
     * Adds {@code values} ({@code layers × grid.size()} values, taken over, not copied) under {@code name};
     * a null array is skipped (the input is absent).
     *
     * @return this, for chaining while building on the driver
     */
    public GridPlanes put(String name, int nlayers, float[] values) {
        if (values == null) {
            return this;
        }
        if ((long) nlayers * grid.size() != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values, expected " + nlayers + " × "
                    + grid.size());
        }
        planes.put(name, values);
        layers.put(name, nlayers);
        return this;
    }

    /** As {@link #put(String, int, float[])} for one plane. */
    public GridPlanes put(String name, float[] values) {
        return put(name, 1, values);
    }

    /** Number of planes (layers of every input together). */
    public int size() {
        int n = 0;
        for (int l : layers.values()) {
            n += l;
        }
        return n;
    }

    /** Whether {@code name} was given. */
    public boolean has(String name) {
        return planes.containsKey(name);
    }

    /** Number of layers of {@code name}. */
    public int layers(String name) {
        return layers.get(name);
    }

    /**
     * The values of {@code name} over {@code w} ({@code layers × w.size()}, band-major), a new array, or null
     * when the input is absent.
     */
    public float[] window(String name, Window w) {
        float[] a = planes.get(name);
        if (a == null) {
            return null;
        }
        int nl = layers.get(name), n = w.size(), cols = grid.cols(), size = grid.size();
        float[] out = new float[nl * n];
        for (int k = 0; k < nl; k++) {
            for (int r = 0; r < w.rows(); r++) {
                System.arraycopy(a, k * size + (w.row0() + r) * cols + w.col0(), out, k * n + r * w.cols(), w.cols());
            }
        }
        return out;
    }
}
