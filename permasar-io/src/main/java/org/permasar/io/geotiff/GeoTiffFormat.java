package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.permasar.io.RasterFormat;
import org.permasar.stack.RasterSource;

/** A single GeoTIFF file (any product: velocity, DEM, class map), opened as {@link GeoTiffReader}. */
public final class GeoTiffFormat implements RasterFormat {

    @Override
    public String name() {
        return "geotiff";
    }

    @Override
    public int sniff(Path path) {
        if (!Files.isRegularFile(path)) {
            return 0;
        }
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(n.endsWith(".tif") || n.endsWith(".tiff"))) {
            return 0;
        }
        try (var in = Files.newInputStream(path)) {
            byte[] h = in.readNBytes(4);
            // classic TIFF (42) or BigTIFF (43), both read by GeoTiffReader
            boolean tiff = h.length == 4 && ((h[0] == 'I' && h[1] == 'I' && (h[2] == 42 || h[2] == 43) && h[3] == 0)
                    || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && (h[3] == 42 || h[3] == 43)));
            return tiff ? 70 : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public RasterSource open(Path path) throws IOException {
        return GeoTiffReader.open(path);
    }
}
