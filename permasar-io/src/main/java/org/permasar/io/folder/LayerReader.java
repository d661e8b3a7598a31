package org.permasar.io.folder;

import java.io.IOException;
import java.nio.file.Path;
import org.permasar.grid.Window;

/**
 * One 2-D layer of a stack kept as its own file (one pair's phase, coherence, …), read window by
 * window: only the rows of the window are read from disk (or, for compressed GeoTIFFs, decoded).
 */
public interface LayerReader {

    /** The file behind this layer, for messages. */
    Path file();

    /**
     * Reads the window into {@code dest[offset + r·window.cols() + c]}; nodata becomes NaN.
     *
     * @throws org.permasar.stack.InvalidInputException when the file is truncated or unreadable
     */
    void read(Window window, float[] dest, int offset) throws IOException;
}
