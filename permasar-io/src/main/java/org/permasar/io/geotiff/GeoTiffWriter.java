package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;

/**
 * Writes GeoTIFFs that GDAL, QGIS and MintPy read: deflate strips, one or more bands
 * (pixel-interleaved), the geotransform (ModelPixelScale + ModelTiepoint when north-up,
 * ModelTransformation when rotated), the EPSG code through the GeoKeyDirectory, GDAL_NODATA and
 * GDAL_METADATA (dataset items and per-band descriptions, e.g. the date of each band of a time-series
 * file). No Predictor tag.
 *
 * <p>This is the whole-array convenience over {@link GeoTiffStripWriter}, which streams rows of any
 * size in one strip of memory: strip offsets and byte counts are LONG (or LONG8 in BigTIFF, chosen
 * automatically past 4 GiB), so GDAL reads files of every size. Output is atomic (temporary sibling
 * renamed into place). Thread-safe (stateless).
 */
public final class GeoTiffWriter {

    /** Sample types that can be written. Integer types round half away from zero and clamp to range. */
    public enum SampleType {
        FLOAT32(4, 3), INT16(2, 2), UINT8(1, 1);

        /** Bytes per sample. */
        final int bytes;
        /** TIFF SampleFormat: 1 unsigned integer, 2 signed integer, 3 IEEE float (TIFF 6.0 §19). */
        final int sampleFormat;

        SampleType(int bytes, int sampleFormat) {
            this.bytes = bytes;
            this.sampleFormat = sampleFormat;
        }
    }

    private GeoTiffWriter() {
    }

    /**
     * Writes float32 bands.
     *
     * @param grid         georeferencing; {@code grid.nodata()} becomes GDAL_NODATA ("nan" when NaN)
     * @param data         band-major: {@code data[band·rows·cols + r·cols + c]}
     * @param bands        number of bands ≥ 1
     * @param metadata     dataset items for GDAL_METADATA (may be empty)
     * @param descriptions one description per band, or empty / null for none
     */
    public static void write(Path path, GridGeometry grid, float[] data, int bands, Map<String, String> metadata,
                             List<String> descriptions) throws IOException {
        write(path, grid, data, bands, SampleType.FLOAT32, metadata, descriptions);
    }

    /**
     * Writes bands of the given sample type. For integer types NaN becomes {@code grid.nodata()}
     * (0 when the grid declares none).
     */
    public static void write(Path path, GridGeometry grid, float[] data, int bands, SampleType type,
                             Map<String, String> metadata, List<String> descriptions) throws IOException {
        write(path, grid, data, bands, GeoTiffStripWriter.Options.defaults().withType(type), metadata, descriptions);
    }

    /** Writes bands with explicit encoding options (sample type, deflate level, classic or BigTIFF). */
    public static void write(Path path, GridGeometry grid, float[] data, int bands, GeoTiffStripWriter.Options options,
                             Map<String, String> metadata, List<String> descriptions) throws IOException {
        int rows = grid.rows(), cols = grid.cols();
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be ≥ 1, got " + bands);
        }
        if (data.length != (long) bands * rows * cols) {
            throw new IllegalArgumentException("data has " + data.length + " values, expected bands×rows×cols = "
                    + bands + "×" + rows + "×" + cols);
        }
        try (GeoTiffStripWriter w = GeoTiffStripWriter.open(path, grid, bands, options, metadata, descriptions)) {
            w.writeRows(data, 0, rows);
            w.commit();
        }
    }

    static String nodataText(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
