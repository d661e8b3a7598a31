package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * uncompressed, deflate, LZW, PackBits, predictors.
 *
 * <p>The directory is parsed from the file by {@link TiffLayout}, classic TIFF or BigTIFF, either byte
 * order, reading only the directory. Uncompressed and deflate blocks without predictor (what
 * {@link GeoTiffStripWriter} and most GDAL outputs hold) are then decoded by {@link TiffBlockReader}
 * straight from the file: memory is one strip or tile whatever the file's size, and BigTIFF and files of
 * any size are read. Other encodings (LZW, PackBits, predictors, bit-packed samples) go to mil.nga tiff
 * 3.0.0, which holds the whole file in memory: for those only classic TIFF below 2 GiB is read, and
 * larger files or BigTIFF are refused with a message naming the file and the encoding.
 * Windows are decoded on demand, each strip or tile once per {@link #readBands} call whatever the number
 * of bands. Not thread-safe.
 */
public final class GeoTiffReader implements RasterSource {
    /** Name of the single dataset; layer k = band k+1. */
    public static final String BANDS = "bands";

    /** Largest file mil.nga tiff 3.0.0 can hold in memory (one byte array). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final Path path;
    private final TiffLayout layout;
    private final GridGeometry grid;
    private final int bands;
    private final GdalMetadata metadata;
    private FileChannel channel;
    private TiffBlockReader blocks;
    /** mil.nga's directory (holding the whole file) for encodings {@link TiffBlockReader} does not decode. */
    private FileDirectory dir;
    private boolean closed;

    private GeoTiffReader(Path path) throws IOException {
        this.path = path;
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path, "no such GeoTIFF file");
        }
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            layout = TiffLayout.read(path, channel);
            int cols = layout.width();
            int rows = layout.height();
            bands = layout.samplesPerPixel();
            List<Integer> keys = layout.geoKeys();
            int epsg = GeoKeys.epsg(keys);
            GeoTransform t = transform(layout,
                    GeoKeys.value(keys, GeoKeys.GT_RASTER_TYPE) == GeoKeys.RASTER_PIXEL_IS_POINT);
            double nodata = parseNodata(layout.gdalNodata());
            grid = t == null ? new GridGeometry(rows, cols, null, 0, nodata, null)
                    : GridGeometry.geocoded(rows, cols, t, epsg, nodata);
            metadata = GdalMetadata.parse(layout.gdalMetadata(), bands);
            String why = TiffBlockReader.unsupported(layout);
            if (why == null) {
                blocks = new TiffBlockReader(path, channel, layout);
            } else {
                closeChannel();
                dir = inMemory(path, layout, why);
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

    /**
     * mil.nga tiff 3.0.0's directory for a file whose blocks {@link TiffBlockReader} does not decode
     * ({@code why}); it reads the whole file into one array, so BigTIFF (which {@link GeoTiffStripWriter}
     * writes past 4 GiB) and files of 2 GiB or more are refused, naming the file and the encoding.
     */
    private static FileDirectory inMemory(Path path, TiffLayout layout, String why) throws IOException {
        String advice = "; GDAL reads it, and gdal_translate -co COMPRESS=DEFLATE (no predictor) gives a file read "
                + "from disk at any size";
        if (layout.isBigTiff()) {
            throw new InvalidInputException(path, why + " needs the in-memory decoder (mil.nga tiff 3.0.0), which "
                    + "reads classic TIFF only, and this file is a BigTIFF (TIFF version 43, " + layout.fileSize()
                    + " bytes)" + advice);
        }
        if (layout.fileSize() > MAX_BYTES) {
            throw new InvalidInputException(path, why + " needs the in-memory decoder (mil.nga tiff 3.0.0), which "
                    + "holds the whole file in one array of at most " + MAX_BYTES + " bytes, and this file has "
                    + layout.fileSize() + " bytes" + advice);
        }
        // mil.nga indexes BitsPerSample by sample: with fewer values than samples it fails only after
        // allocating for every declared sample (565 MiB for a 24 KB file whose SamplesPerPixel read 24770)
        if (layout.samplesPerPixel() > 1 && layout.bitsPerSampleCount() != layout.samplesPerPixel()) {
            throw new InvalidInputException(path, "BitsPerSample", layout.bitsPerSampleCount() + " values for "
                    + layout.samplesPerPixel() + " samples per pixel: the TIFF specification asks for one per sample "
                    + "(damaged directory?)");
        }
        TIFFImage image = TiffReader.readTiff(path.toFile(), false);
        return image.getFileDirectory();
    }

    /** Opens a GeoTIFF; throws {@link InvalidInputException} naming the file when it cannot be read. */
    public static GeoTiffReader open(Path path) throws IOException {
        return new GeoTiffReader(path);
    }

    private static GeoTransform transform(TiffLayout layout, boolean pixelIsPoint) {
        double[] m = layout.modelTransformation();
        GeoTransform t;
        if (m != null && m.length >= 8) {
            t = new GeoTransform(m[3], m[0], m[1], m[7], m[4], m[5]);
        } else {
            double[] scale = layout.modelPixelScale();
            double[] tie = layout.modelTiepoint();
            if (scale == null || tie == null || scale.length < 2 || tie.length < 6) {
                return null;
            }
            double sx = scale[0], sy = -scale[1];
            // tiepoint (i, j) ↔ (x, y): origin = x − i·sx (GeoTIFF 1.0 §2.6.1)
            t = GeoTransform.northUp(tie[3] - tie[0] * sx, sx, tie[4] - tie[1] * sy, sy);
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
        if (closed) {
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
        return layout.sample(band) == TiffLayout.Sample.UINT8;
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
        closed = true;
        dir = null;
        if (blocks != null) {
            blocks.close();
            blocks = null;
        }
        closeChannel();
    }

    private void closeChannel() {
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
