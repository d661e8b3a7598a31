package org.permasar.grid;

/**
 * A rectangular window of pixels: rows {@code [row0, row0+rows)}, columns {@code [col0, col0+cols)}.
 * The unit of block-wise processing: a block holds every layer (pair, date) for the pixels of
 * one window, as a flat array laid out layer-major, {@code data[layer·size() + r·cols + c]}.
 * Immutable.
 */
public record Window(int row0, int col0, int rows, int cols) implements java.io.Serializable {

    public Window {
        if (row0 < 0 || col0 < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("window needs row0,col0 ≥ 0 and rows,cols > 0, got row0="
                    + row0 + " col0=" + col0 + " rows=" + rows + " cols=" + cols);
        }
    }

    /** The whole grid. */
    public static Window of(GridGeometry grid) {
        return new Window(0, 0, grid.rows(), grid.cols());
    }

    /** Number of pixels. */
    public int size() {
        return rows * cols;
    }

    public int rowEnd() {
        return row0 + rows;
    }

    public int colEnd() {
        return col0 + cols;
    }

    /** True when this window lies inside a grid of {@code gridRows × gridCols}. */
    public boolean fitsIn(int gridRows, int gridCols) {
        return rowEnd() <= gridRows && colEnd() <= gridCols;
    }

    public boolean contains(int row, int col) {
        return row >= row0 && row < rowEnd() && col >= col0 && col < colEnd();
    }

    @Override
    public String toString() {
        return "rows " + row0 + "–" + (rowEnd() - 1) + ", cols " + col0 + "–" + (colEnd() - 1);
    }
}
