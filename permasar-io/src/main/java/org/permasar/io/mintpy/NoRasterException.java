package org.permasar.io.mintpy;

import java.nio.file.Path;
import org.permasar.stack.InvalidInputException;

/**
 * An HDF5 file that holds no raster: no LENGTH/WIDTH and no 2-D or 3-D dataset (e.g. a per-pair table
 * such as closureQuality.h5). A folder scan may pass over it; a reader asked for a raster refuses it.
 */
public final class NoRasterException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public NoRasterException(Path file) {
        super(file, "no LENGTH/WIDTH attributes and no 2-D or 3-D raster dataset");
    }
}
