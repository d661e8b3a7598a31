package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mil.nga.tiff.FieldTagType;
import mil.nga.tiff.FieldType;
import mil.nga.tiff.FileDirectory;
import mil.nga.tiff.ImageWindow;
import mil.nga.tiff.Rasters;
import mil.nga.tiff.TIFFImage;
import mil.nga.tiff.TiffReader;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/**
 * One GeoTIFF as a {@link RasterSource}: one dataset, {@link #BANDS}, with one layer per band.
 * Reads the geotransform (ModelTiepoint + ModelPixelScale, or ModelTransformation; pixel-is-point
 * files are shifted half a pixel to GDAL's corner convention), the EPSG code, GDAL_NODATA (values
 * equal to it become NaN), GDAL_METADATA items (as {@link #attributes()}) and band descriptions.
 * Sample types: uint8, int8, uint16, int16, uint32, int32, float32, float64; strips or tiles,
 * uncompressed, deflate, LZW, PackBits, predictors. mil.nga tiff 3.0.0 parses the directory; uncompressed
 * and deflate blocks without predictor (what {@link GeoTiffWriter} and most GDAL outputs hold) are
 * decoded by {@link TiffBlockReader} from the file, the rest by mil.nga.
 *
 * <p>mil.nga holds the whole file in memory while open, so only classic TIFF below 2 GiB is read;
 * BigTIFF and larger files are refused naming the file. Windows are decoded on demand, each strip
 * or tile once per {@link #readBands} call whatever the number of bands. Not thread-safe.
 */
public final class GeoTiffReader implements RasterSource {
    /** Name of the single dataset; layer k = band k+1. */
    public static final String BANDS = "bands";

    private final Path path;
    private TIFFImage image;
    private final FileDirectory dir;
    private final GridGeometry grid;
    private final int bands;
    private final GdalMetadata metadata;
    private FileChannel channel;
    private TiffBlockReader blocks;

    private GeoTiffReader(Path path) throws IOException {
        this.path = path;
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path, "no such GeoTIFF file");
        }
        ByteOrder order = checkReadable(path);
        try {
            image = TiffReader.readTiff(path.toFile(), false);
            dir = image.getFileDirectory();
            int cols = dir.getImageWidth().intValue();
            int rows = dir.getImageHeight().intValue();
            bands = dir.getSamplesPerPixel();
            List<Integer> keys = dir.getIntegerListEntryValue(FieldTagType.GeoKeyDirectory);
            int epsg = GeoKeys.epsg(keys);
            GeoTransform t = transform(dir, GeoKeys.value(keys, GeoKeys.GT_RASTER_TYPE) == GeoKeys.RASTER_PIXEL_IS_POINT);
            double nodata = parseNodata(dir.getStringEntryValue(FieldTagType.GDAL_NODATA));
            grid = t == null ? new GridGeometry(rows, cols, null, 0, nodata, null)
                    : GridGeometry.geocoded(rows, cols, t, epsg, nodata);
            metadata = GdalMetadata.parse(dir.getStringEntryValue(FieldTagType.GDAL_METADATA), bands);
            if (TiffBlockReader.supports(dir)) {
                channel = FileChannel.open(path, StandardOpenOption.READ);
                blocks = new TiffBlockReader(path, channel, order, dir);
            }
        } catch (RuntimeException | IOException e) {
            close();
            if (e instanceof InvalidInputException iie) {
                throw iie;
            }
            throw new InvalidInputException(path, null, "not a readable GeoTIFF (truncated or unsupported: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ", " + e.getMessage()) + ")", e);
        }
    }

    /** Largest file mil.nga tiff 3.0.0 can hold in memory (one byte array). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /**
     * Refuses, naming the file, what mil.nga tiff 3.0.0 cannot read: BigTIFF (version 43, which
     * {@link GeoTiffStripWriter} writes past 4 GiB) and files of 2 GiB or more (read whole into one array).
     */
    private static ByteOrder checkReadable(Path path) throws IOException {
        long size = Files.size(path);
        byte[] h;
        try (var in = Files.newInputStream(path)) {
            h = in.readNBytes(4);
        }
        boolean little = h.length == 4 && h[0] == 'I' && h[1] == 'I';
        int version = h.length < 4 ? -1 : little ? (h[2] & 0xFF) | (h[3] & 0xFF) << 8 : (h[2] & 0xFF) << 8 | (h[3] & 0xFF);
        if (version == 43) {
            throw new InvalidInputException(path, "BigTIFF (TIFF version 43, " + size + " bytes) cannot be read here: "
                    + "the GeoTIFF reader (mil.nga tiff 3.0.0) reads classic TIFF only; GDAL reads it (gdal_translate "
                    + "-co BIGTIFF=NO on a band or window subset below 2 GiB gives a readable file)");
        }
        if (size > MAX_BYTES) {
            throw new InvalidInputException(path, size + " bytes is too large: the GeoTIFF reader (mil.nga tiff 3.0.0) "
                    + "holds the whole file in one array and reads at most " + MAX_BYTES + " bytes");
        }
        return little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    }

    /** Opens a GeoTIFF; throws {@link InvalidInputException} naming the file when it cannot be read. */
    public static GeoTiffReader open(Path path) throws IOException {
        return new GeoTiffReader(path);
    }

    private static GeoTransform transform(FileDirectory dir, boolean pixelIsPoint) {
        List<Double> m = dir.getDoubleListEntryValue(FieldTagType.ModelTransformation);
        GeoTransform t = null;
        if (m != null && m.size() >= 8) {
            t = new GeoTransform(m.get(3), m.get(0), m.get(1), m.get(7), m.get(4), m.get(5));
        } else {
            List<Double> scale = dir.getModelPixelScale();
            List<Double> tie = dir.getModelTiepoint();
            if (scale == null || tie == null || scale.size() < 2 || tie.size() < 6) {
                return null;
            }
            double sx = scale.get(0), sy = -scale.get(1);
            // tiepoint (i, j) ↔ (x, y): origin = x − i·sx (GeoTIFF 1.0 §2.6.1)
            t = GeoTransform.northUp(tie.get(3) - tie.get(0) * sx, sx, tie.get(4) - tie.get(1) * sy, sy);
        }
        if (pixelIsPoint) {
            // the model point refers to the pixel centre: move the origin to the corner as GDAL does
            t = new GeoTransform(t.x(-0.5, -0.5), t.pixelWidth(), t.rowRotation(), t.y(-0.5, -0.5),
                    t.colRotation(), t.pixelHeight());
        }
        return t;
    }

    static double parseNodata(String s) {
        if (s == null || s.isBlank()) {
            return Double.NaN;
        }
        String t = s.trim().replace("\0", "");
        if (t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("-nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String format() {
        return "GeoTIFF";
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    /** GDAL_METADATA dataset items, e.g. FIRST_DATE, WAVELENGTH_METRES. */
    @Override
    public Map<String, String> attributes() {
        return metadata.items();
    }

    /** Band descriptions (GDAL DESCRIPTION), one per band, "" when absent. */
    public List<String> bandDescriptions() {
        return metadata.descriptions();
    }

    public int bandCount() {
        return bands;
    }

    @Override
    public List<String> datasets() {
        return List.of(BANDS);
    }

    @Override
    public int layers(String dataset) throws IOException {
        check(dataset);
        return bands;
    }

    private void check(String dataset) throws InvalidInputException {
        if (!BANDS.equals(dataset)) {
            throw new InvalidInputException(path, dataset, "no such dataset (a GeoTIFF has only '" + BANDS + "')");
        }
    }

    @Override
    public void read(String dataset, Window window, float[] dest, int offset) throws IOException {
        check(dataset);
        for (int b = 0; b < bands; b++) {
            readBand(b, window, dest, offset + b * window.size(), 1f);
        }
    }

    /**
     * Reads band {@code band} (0-based) inside {@code window} into {@code dest[offset + r·cols + c]},
     * multiplied by {@code scale}; values equal to the nodata value (and NaN) become NaN.
     */
    public void readBand(int band, Window window, float[] dest, int offset, float scale) throws IOException {
        readBands(new int[] {band}, window, dest, offset, scale);
    }

    /**
     * Reads several bands (0-based, any order) of one window in a single decoding pass: band
     * {@code bands[k]} goes to {@code dest[offset + k·window.size() + r·cols + c]}, multiplied by
     * {@code scale}, nodata → NaN. For pixel-interleaved multi-band files this decodes each strip or tile
     * once instead of once per band.
     */
    public void readBands(int[] bands, Window window, float[] dest, int offset, float scale) throws IOException {
        for (int band : bands) {
            if (band < 0 || band >= this.bands) {
                throw new IllegalArgumentException("band " + band + " outside 0–" + (this.bands - 1) + " of " + path);
            }
        }
        if (!window.fitsIn(grid.rows(), grid.cols())) {
            throw new IllegalArgumentException("window " + window + " outside grid " + grid.rows() + "×" + grid.cols()
                    + " of " + path);
        }
        if (image == null) {
            throw new IllegalStateException(path + " is closed");
        }
        if (blocks != null) {
            blocks.read(bands, window, dest, offset, scale, grid.nodata());
            return;
        }
        Rasters r;
        try {
            r = dir.readRasters(new ImageWindow(window.col0(), window.row0(), window.colEnd(), window.rowEnd()), bands);
        } catch (RuntimeException e) {
            throw new InvalidInputException(path, "band " + (bands.length == 1 ? "" + (bands[0] + 1)
                    : java.util.Arrays.toString(bands)), "cannot decode " + window
                    + " (truncated or damaged file: " + e + ")", e);
        }
        int n = window.size();
        double nd = grid.nodata();
        boolean hasNd = !Double.isNaN(nd);
        for (int k = 0; k < bands.length; k++) {
            FieldType ft = dir.getFieldTypeForSample(bands[k]);
            ByteBuffer bb = r.getSampleValues()[k];
            int o = offset + k * n;
            for (int i = 0; i < n; i++) {
                double v = switch (ft) {
                    case BYTE, UNDEFINED -> bb.get(i) & 0xFF;
                    case SBYTE -> bb.get(i);
                    case SHORT -> bb.getShort(2 * i) & 0xFFFF;
                    case SSHORT -> bb.getShort(2 * i);
                    case LONG -> bb.getInt(4 * i) & 0xFFFFFFFFL;
                    case SLONG -> bb.getInt(4 * i);
                    case FLOAT -> bb.getFloat(4 * i);
                    case DOUBLE -> bb.getDouble(8 * i);
                    default -> throw new InvalidInputException(path, "band " + (bands[k] + 1), "unsupported sample type " + ft);
                };
                dest[o + i] = (hasNd && v == nd) ? Float.NaN : (float) (v * scale);
            }
        }
    }

    /** True when band {@code band} (0-based) holds 8-bit unsigned integers (e.g. LiCSAR coherence 0–255). */
    public boolean isUnsignedByte(int band) {
        return dir.getFieldTypeForSample(band) == FieldType.BYTE;
    }

    /** Dataset item of GDAL_METADATA, or null. */
    public String item(String key) {
        return metadata.items().get(key);
    }

    /** Copy of metadata items plus band descriptions as {@code BAND_k_DESCRIPTION}. */
    public Map<String, String> allAttributes() {
        Map<String, String> m = new LinkedHashMap<>(metadata.items());
        for (int b = 0; b < bands; b++) {
            if (!metadata.descriptions().get(b).isEmpty()) {
                m.put("BAND_" + (b + 1) + "_DESCRIPTION", metadata.descriptions().get(b));
            }
        }
        return m;
    }

    @Override
    public void close() {
        image = null;
        if (blocks != null) {
            blocks.close();
            blocks = null;
        }
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // read-only channel: nothing was buffered, nothing is lost
            }
            channel = null;
        }
    }
}
