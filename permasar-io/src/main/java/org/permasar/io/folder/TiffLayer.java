package org.permasar.io.folder;

import java.io.IOException;
import java.nio.file.Path;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.stack.InvalidInputException;

/**
 * One band of a GeoTIFF as a stack layer. The file is opened for each read and released after,
 * so a stack of many pairs holds at most one compressed file in memory at a time; the cost is
 * re-reading the file per window (fine for the block sizes the planner makes). Values equal to the
 * file's nodata become NaN; {@code zeroIsNodata} also maps 0 to NaN (phase and coherence of
 * HyP3/LiCSAR/GAMMA products, where 0 marks unwrapping failures); then values are multiplied by
 * {@code scale} (e.g. 1/255 for LiCSAR uint8 coherence).
 *
 * @param file         the GeoTIFF
 * @param band         0-based band
 * @param scale        factor applied to valid values
 * @param zeroIsNodata also treat 0 as missing
 */
public record TiffLayer(Path file, int band, float scale, boolean zeroIsNodata) implements LayerReader {

    public TiffLayer {
        if (band < 0 || !(scale > 0) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException("bad layer for " + file + ": band=" + band + " scale=" + scale);
        }
    }

    /** Band 1, no scaling, 0 = missing. */
    public static TiffLayer phase(Path file) {
        return new TiffLayer(file, 0, 1f, true);
    }

    @Override
    public void read(Window window, float[] dest, int offset) throws IOException {
        try (GeoTiffReader r = GeoTiffReader.open(file)) {
            if (!window.fitsIn(r.grid().rows(), r.grid().cols()) || band >= r.datasets().size()) {
                // a coherence or component file of another size than the pair's phase (found by ReaderFuzzTest)
                throw new InvalidInputException(file, "grid " + r.grid().cols() + " × " + r.grid().rows() + " (width × "
                        + "length) with " + r.datasets().size() + " band(s) does not hold band " + (band + 1) + " and "
                        + window + " of the stack: all files of a stack must share the grid");
            }
            r.readBand(band, window, dest, offset, scale);
        }
        if (zeroIsNodata) {
            int n = window.size();
            for (int i = 0; i < n; i++) {
                if (dest[offset + i] == 0f) {
                    dest[offset + i] = Float.NaN;
                }
            }
        }
    }
}
