package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffWriter;
import mil.nga.tiff.util.TiffConstants;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;

/**
 * Writes GeoTIFFs that GDAL, QGIS and MintPy read: strips, deflate (never a Predictor tag: mil.nga
 * tiff 3.0.0 writes the tag without predicting the data), one or more bands (pixel-interleaved),
 * the geotransform (ModelPixelScale + ModelTiepoint when north-up, ModelTransformation when
 * rotated), the EPSG code through the GeoKeyDirectory, GDAL_NODATA and GDAL_METADATA (dataset
 * items and per-band descriptions, e.g. the date of each band of a time-series file).
 *
 * <p>Output is atomic ({@link AtomicFiles}). The whole image is encoded in memory (≈ 1.3 × the
 * raw size), so files must stay below 2 GB. Thread-safe (stateless).
 */
public final class GeoTiffWriter {

    /** Sample types that can be written. Integer types round half away from zero and clamp to range. */
    public enum SampleType {
        FLOAT32(FieldType.FLOAT), INT16(FieldType.SSHORT), UINT8(FieldType.BYTE);

        final FieldType field;

        SampleType(FieldType f) {
            this.field = f;
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
        int rows = grid.rows(), cols = grid.cols();
        if (bands < 1) {
            throw new IllegalArgumentException("bands must be ≥ 1, got " + bands);
        }
        if (data.length != (long) bands * rows * cols) {
            throw new IllegalArgumentException("data has " + data.length + " values, expected bands×rows×cols = "
                    + bands + "×" + rows + "×" + cols);
        }
        List<String> desc = descriptions == null ? List.of() : descriptions;
        if (!desc.isEmpty() && desc.size() != bands) {
            throw new IllegalArgumentException(desc.size() + " band descriptions for " + bands + " bands");
        }
        TIFFImage image = new TIFFImage(directory(grid, data, bands, type,
                metadata == null ? Map.of() : new java.util.TreeMap<>(metadata), desc)); // sorted: same bytes every run
        AtomicFiles.write(path, tmp -> TiffWriter.writeTiff(tmp.toFile(), image));
    }

    private static FileDirectory directory(GridGeometry grid, float[] data, int bands, SampleType type,
                                           Map<String, String> metadata, List<String> desc) {
        int rows = grid.rows(), cols = grid.cols(), n = rows * cols;
        FieldType ft = type.field;
        FieldType[] types = new FieldType[bands];
        Arrays.fill(types, ft);
        ByteBuffer buf = ByteBuffer.allocate(n * bands * ft.getBytes()).order(ByteOrder.BIG_ENDIAN);
        double nd = Double.isNaN(grid.nodata()) ? 0 : grid.nodata();
        for (int p = 0; p < n; p++) {
            for (int b = 0; b < bands; b++) {
                float v = data[b * n + p];
                switch (type) {
                    case FLOAT32 -> buf.putFloat(v);
                    case INT16 -> buf.putShort((short) clampRound(Float.isNaN(v) ? nd : v, Short.MIN_VALUE, Short.MAX_VALUE));
                    case UINT8 -> buf.put((byte) clampRound(Float.isNaN(v) ? nd : v, 0, 255));
                    default -> throw new IllegalStateException(type.toString());
                }
            }
        }
        buf.flip();
        Rasters rasters = new Rasters(cols, rows, types, buf);

        FileDirectory dir = new FileDirectory();
        dir.setImageWidth(cols);
        dir.setImageHeight(rows);
        dir.setBitsPerSample(Collections.nCopies(bands, ft.getBits()));
        dir.setSamplesPerPixel(bands);
        dir.setSampleFormat(Collections.nCopies(bands, FieldType.getSampleFormat(ft)));
        dir.setCompression(TiffConstants.COMPRESSION_DEFLATE);
        dir.setPhotometricInterpretation(TiffConstants.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO);
        dir.setPlanarConfiguration(TiffConstants.PLANAR_CONFIGURATION_CHUNKY);
        if (bands > 1) {
            // ExtraSamples = 0 (unspecified) for every band beyond the first grey one (TIFF 6.0 §18)
            dir.setUnsignedIntegerListEntryValue(FieldTagType.ExtraSamples, Collections.nCopies(bands - 1, 0));
        }
        dir.setRowsPerStrip(rasters.calculateRowsPerStrip(TiffConstants.PLANAR_CONFIGURATION_CHUNKY));
        dir.setWriteRasters(rasters);

        if (grid.isGeocoded()) {
            GeoTransform t = grid.transform();
            if (t.isNorthUp()) {
                dir.setModelPixelScale(List.of(t.pixelWidth(), -t.pixelHeight(), 0.0));
                dir.setModelTiepoint(List.of(0.0, 0.0, 0.0, t.originX(), t.originY(), 0.0));
            } else {
                // x = a·col + b·row + d, y = e·col + f·row + h (GeoTIFF 1.0 §2.6.1, ModelTransformationTag)
                dir.setDoubleListEntryValue(FieldTagType.ModelTransformation, List.of(
                        t.pixelWidth(), t.rowRotation(), 0.0, t.originX(),
                        t.colRotation(), t.pixelHeight(), 0.0, t.originY(),
                        0.0, 0.0, 0.0, 0.0,
                        0.0, 0.0, 0.0, 1.0));
            }
            if (grid.epsg() > 0) {
                dir.setUnsignedIntegerListEntryValue(FieldTagType.GeoKeyDirectory, GeoKeys.directory(grid.epsg()));
            }
        }
        boolean ndTag = !Double.isNaN(grid.nodata()) || type == SampleType.FLOAT32;
        if (ndTag) {
            dir.setStringEntryValue(FieldTagType.GDAL_NODATA, nodataText(grid.nodata()));
        }
        if (!metadata.isEmpty() || !desc.isEmpty()) {
            dir.setStringEntryValue(FieldTagType.GDAL_METADATA, new GdalMetadata(metadata, new ArrayList<>(desc)).toXml());
        }
        return dir;
    }

    static String nodataText(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static long clampRound(double v, long lo, long hi) {
        long r = Math.round(v);
        return Math.max(lo, Math.min(hi, r));
    }
}
