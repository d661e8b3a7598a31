package org.permasar.io.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.permasar.grid.GridGeometry;

/** Opens a {@link BlockSink} of one format, e.g. {@code Hdf5BlockSink::open} or {@code ZarrBlockSink::open}. */
@FunctionalInterface
public interface BlockSinkFactory {
    /**
     * @param target     final path of the product (file or folder, per format)
     * @param grid       grid of every gridded dataset
     * @param attributes root attributes (MintPy style, e.g. FILE_TYPE, LENGTH, WIDTH), written in
     *                   sorted key order
     */
    BlockSink open(Path target, GridGeometry grid, Map<String, String> attributes) throws IOException;
}
