package org.permasar.io.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.sink.BlockSink;
import org.permasar.io.sink.DatasetSpec;
import org.permasar.io.sink.SinkDataType;
import org.permasar.io.sink.TextVectors;

/**
 * A {@link BlockSink} over {@link ZarrCubeWriter}: a Zarr v2 store (folder) that zarr-python,
 * xarray and {@link ZarrCube} read.
 *
 * <p>Mapping: each gridded dataset becomes an array with the spec's chunks, type, fill and zlib
 * level. Zarr v2 has no place for small 1-D arrays beside a raster group and ZarrCubeWriter writes
 * no per-array attributes, so: {@link #writeStrings} and {@link #writeVector} store the values as
 * one group attribute each, comma-separated (e.g. {@code "date": "20200101,20200113"},
 * {@code "bperp": "0.0,12.5"}; read back by {@link ZarrTimeSeries}), and dataset attributes
 * become group attributes {@code "<dataset>.<key>"}. The store is created at the first
 * {@link #writeBlock} (or at {@link #commit()}).
 *
 * <p>Zarr's rule: every window written must consist of whole chunks (see {@link ZarrCubeWriter}).
 * Written to {@code <dir>.partial-zarr} and renamed at commit; {@link #close()} without commit
 * deletes the partial store. Thread-safe; blocks of disjoint windows are encoded concurrently.
 */
public final class ZarrBlockSink implements BlockSink {
    private final Path target;
    private final GridGeometry grid;
    private final Map<String, String> attributes = new TreeMap<>();
    private final Map<String, DatasetSpec> specs = new LinkedHashMap<>();
    private volatile ZarrCubeWriter writer;
    private boolean finished;

    private ZarrBlockSink(Path target, GridGeometry grid, Map<String, String> attrs) {
        this.target = target;
        this.grid = grid;
        if (attrs != null) {
            attributes.putAll(attrs);
        }
    }

    /** A sink for the store folder {@code dir} (e.g. {@code timeseries.zarr}). */
    public static ZarrBlockSink open(Path dir, GridGeometry grid, Map<String, String> attributes) {
        return new ZarrBlockSink(dir.toAbsolutePath().normalize(), grid, attributes);
    }

    @Override
    public Path path() {
        return target;
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    @Override
    public synchronized void create(DatasetSpec spec) {
        spec.requireOn(grid);
        defining(spec.name());
        specs.put(spec.name(), spec);
        spec.attributes().forEach((k, v) -> attributes.put(spec.name() + "." + k, v));
    }

    @Override
    public synchronized void writeStrings(String name, String[] values, int width) {
        defining(name);
        attributes.put(name, TextVectors.strings(name, values, width));
    }

    @Override
    public synchronized void writeVector(String name, float[] values) {
        defining(name);
        attributes.put(name, TextVectors.floats(values));
    }

    private void defining(String name) {
        if (finished) {
            throw new IllegalStateException(target + ": sink already committed or closed");
        }
        if (writer != null) {
            throw new IllegalStateException(target + ": dataset " + name + " must be created before the first block");
        }
        if (specs.containsKey(name) || attributes.containsKey(name)) {
            throw new IllegalArgumentException(target + ": dataset " + name + " exists already");
        }
    }

    @Override
    public void writeBlock(String dataset, Window w, float[] data, int offset) throws IOException {
        ZarrCubeWriter z = writer;
        if (z == null) {
            z = start();
        }
        if (!specs.containsKey(dataset)) {
            throw new IllegalArgumentException(target + ": no gridded dataset \"" + dataset + "\" (created: "
                    + specs.keySet() + ")");
        }
        z.writeBlock(dataset, w, data, offset);
    }

    private synchronized ZarrCubeWriter start() throws IOException {
        if (finished) {
            throw new IllegalStateException(target + ": sink already committed or closed");
        }
        if (writer == null) {
            if (specs.isEmpty()) {
                throw new IllegalStateException(target + ": no gridded dataset was created");
            }
            List<ZarrArraySpec> arrays = new ArrayList<>();
            for (DatasetSpec s : specs.values()) {
                arrays.add(new ZarrArraySpec(s.name(), s.layers(), s.rank() == 2, s.chunkLayers(), s.chunkRows(),
                        s.chunkCols(), type(s.type()), s.fill(), s.deflateLevel()));
            }
            AtomicFiles.deleteRecursively(target.resolveSibling(target.getFileName() + ZarrCubeWriter.PARTIAL_SUFFIX));
            writer = ZarrCubeWriter.create(target, grid, attributes, arrays);
        }
        return writer;
    }

    private static ZarrDataType type(SinkDataType t) {
        return switch (t) {
            case FLOAT32 -> ZarrDataType.FLOAT32;
            case INT16 -> ZarrDataType.INT16;
            case UINT8 -> ZarrDataType.UINT8;
        };
    }

    @Override
    public synchronized Path commit() throws IOException {
        ZarrCubeWriter z = start();
        Path p = z.commit();
        finished = true;
        return p;
    }

    @Override
    public synchronized void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (writer != null) {
            Path partial = writer.partialPath();
            writer.close();
            AtomicFiles.deleteRecursively(partial);
            Files.deleteIfExists(partial.resolveSibling(partial.getFileName() + ".lock"));
        }
    }
}
