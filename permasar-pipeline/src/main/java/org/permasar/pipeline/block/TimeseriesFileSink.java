package org.permasar.pipeline.block;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.geotiff.GeoTiffBlockSink;
import org.permasar.io.mintpy.MintPyTimeseriesSink;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;

/**
 * A streamed MintPy time-series file (and optionally a GeoTIFF mirror of the same cube) as the
 * {@link BlockSink} of one cube output of a {@link BlockJob}: each window a runner hands over goes
 * straight to the file. The cube, its dates and attributes were written when the file was opened,
 * and the owner of the {@link MintPyTimeseriesSink} commits it; this view only writes blocks.
 * Thread-safe as its targets are (the HDF5 sink serialises writes).
 */
public final class TimeseriesFileSink implements BlockSink {
    private final MintPyTimeseriesSink file;
    private final GeoTiffBlockSink tif;
    private final GridGeometry grid;

    /**
     * @param file the opened time-series file
     * @param tif  a GeoTIFF sink that receives the same blocks as dataset {@link MintPyTimeseriesSink#DATASET}, or null
     * @param grid the cube's grid
     */
    public TimeseriesFileSink(MintPyTimeseriesSink file, GeoTiffBlockSink tif, GridGeometry grid) {
        this.file = file;
        this.tif = tif;
        this.grid = grid;
    }

    @Override
    public Path path() {
        return file.path();
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    @Override
    public void create(DatasetSpec s) {
        throw new UnsupportedOperationException(file.path() + ": the cube is created when the file is opened");
    }

    @Override
    public void writeStrings(String name, String[] values, int width) {
        throw new UnsupportedOperationException(file.path() + ": written when the file is opened (" + name + ")");
    }

    @Override
    public void writeVector(String name, float[] values) {
        throw new UnsupportedOperationException(file.path() + ": written when the file is opened (" + name + ")");
    }

    @Override
    public void writeBlock(String dataset, Window w, float[] data, int offset) throws IOException {
        file.write(w, offset == 0 ? data : Arrays.copyOfRange(data, offset, data.length));
        if (tif != null) {
            tif.writeBlock(MintPyTimeseriesSink.DATASET, w, data, offset);
        }
    }

    @Override
    public Path commit() {
        return file.path();
    }

    @Override
    public void close() {
    }
}
