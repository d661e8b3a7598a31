package org.permasar.grid;

import java.util.Objects;

/**
 * Size and georeferencing of a raster grid. Immutable and thread-safe.
 *
 * <p>A geocoded grid has a {@link GeoTransform} and an EPSG code; a radar-geometry grid has
 * neither, and may carry per-pixel {@link PixelCoordinates} instead.
 *
 * @param rows        number of rows (MintPy LENGTH), &gt; 0
 * @param cols        number of columns (MintPy WIDTH), &gt; 0
 * @param transform   pixel → map coordinates; {@code null} for radar geometry
 * @param epsg        EPSG code of the CRS, 0 when unknown or radar geometry
 * @param nodata      value that marks missing data in the source, NaN when none is declared
 * @param coordinates per-pixel latitude/longitude for radar grids; {@code null} when absent
 */
public record GridGeometry(int rows, int cols, GeoTransform transform, int epsg, double nodata,
                           PixelCoordinates coordinates) implements java.io.Serializable {

    public GridGeometry {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("grid needs rows, cols > 0, got " + rows + "×" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("grid of " + rows + "×" + cols + " exceeds 2^31 pixels");
        }
        if (epsg < 0) {
            throw new IllegalArgumentException("EPSG code must be ≥ 0, got " + epsg);
        }
    }

    /** A geocoded grid. */
    public static GridGeometry geocoded(int rows, int cols, GeoTransform transform, int epsg, double nodata) {
        return new GridGeometry(rows, cols, Objects.requireNonNull(transform, "transform"), epsg, nodata, null);
    }

    /** A radar-geometry grid, optionally with per-pixel coordinates. */
    public static GridGeometry radar(int rows, int cols, PixelCoordinates coordinates) {
        return new GridGeometry(rows, cols, null, 0, Double.NaN, coordinates);
    }

    public boolean isGeocoded() {
        return transform != null;
    }

    public int size() {
        return rows * cols;
    }

    public GridGeometry withNodata(double value) {
        return new GridGeometry(rows, cols, transform, epsg, value, coordinates);
    }

    public GridGeometry withCoordinates(PixelCoordinates c) {
        return new GridGeometry(rows, cols, transform, epsg, nodata, c);
    }

    public GridGeometry withEpsg(int code) {
        return new GridGeometry(rows, cols, transform, code, nodata, coordinates);
    }

    /** True for a geographic lat/lon CRS (EPSG 4326), where x is longitude and y latitude. */
    public boolean isGeographic() {
        return epsg == 4326;
    }

    /** Latitude of a pixel centre (geographic grids or radar grids with coordinates), else NaN. */
    public double latitude(int row, int col) {
        if (coordinates != null) {
            return coordinates.latitude(row, col);
        }
        return isGeocoded() && isGeographic() ? transform.y(col + 0.5, row + 0.5) : Double.NaN;
    }

    /** Longitude of a pixel centre (geographic grids or radar grids with coordinates), else NaN. */
    public double longitude(int row, int col) {
        if (coordinates != null) {
            return coordinates.longitude(row, col);
        }
        return isGeocoded() && isGeographic() ? transform.x(col + 0.5, row + 0.5) : Double.NaN;
    }

    /** Same shape and, when both are geocoded, same georeferencing within a hundredth of a pixel. */
    public boolean sameGrid(GridGeometry o) {
        if (rows != o.rows || cols != o.cols) {
            return false;
        }
        if (isGeocoded() != o.isGeocoded()) {
            return false;
        }
        return !isGeocoded() || transform.alignsWith(o.transform, 0.01);
    }

    /** The grid of a sub-window. */
    public GridGeometry subset(Window w) {
        if (!w.fitsIn(rows, cols)) {
            throw new IllegalArgumentException("window " + w + " outside grid " + rows + "×" + cols);
        }
        PixelCoordinates c = coordinates == null ? null : new PixelCoordinates() {
            @Override public double latitude(int r, int k) { return coordinates.latitude(r + w.row0(), k + w.col0()); }
            @Override public double longitude(int r, int k) { return coordinates.longitude(r + w.row0(), k + w.col0()); }
        };
        return new GridGeometry(w.rows(), w.cols(), transform == null ? null : transform.shifted(w.col0(), w.row0()),
                epsg, nodata, c);
    }

    @Override
    public String toString() {
        String geo = isGeocoded()
                ? String.format("EPSG:%d, origin (%.8g, %.8g), pixel %.8g × %.8g", epsg, transform.originX(),
                        transform.originY(), transform.pixelWidth(), transform.pixelHeight())
                : "radar geometry" + (coordinates != null ? " with per-pixel lat/lon" : "");
        return rows + " rows × " + cols + " cols, " + geo;
    }
}
