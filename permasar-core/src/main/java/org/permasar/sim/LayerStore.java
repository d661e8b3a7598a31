package org.permasar.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A cube of float layers written one whole layer at a time and read back as runs of consecutive
 * pixels of a layer (a band of rows): the simulator's scratch store for fields that must be made
 * on the whole grid (the turbulent atmosphere of each date) but are consumed block by block.
 * Small cubes stay on the heap; large ones go to a temporary file of raw little-endian float32,
 * layer-major, deleted by {@link #close()} (and on JVM exit).
 *
 * <p>Write from one thread; once written, reads may be concurrent.
 */
abstract class LayerStore implements AutoCloseable {
    final int layers;
    final int layerSize;

    private LayerStore(int layers, int layerSize) {
        this.layers = layers;
        this.layerSize = layerSize;
    }

    /** A store of {@code layers × layerSize} floats: on the heap up to {@code heapBytes}, else in a temporary file. */
    static LayerStore create(int layers, int layerSize, long heapBytes) throws IOException {
        long bytes = 4L * layers * layerSize;
        return bytes <= heapBytes && (long) layers * layerSize < Integer.MAX_VALUE - 8
                ? new Heap(layers, layerSize) : new Spilled(layers, layerSize);
    }

    /** Stores {@code values[0 … layerSize)} as layer {@code layer}. */
    abstract void write(int layer, float[] values) throws IOException;

    /** Copies {@code len} values of layer {@code layer} from {@code offset} into {@code dest[destOffset …]}. */
    abstract void read(int layer, int offset, int len, float[] dest, int destOffset);

    @Override
    public abstract void close() throws IOException;

    private static final class Heap extends LayerStore {
        private final float[] data;

        Heap(int layers, int layerSize) {
            super(layers, layerSize);
            data = new float[layers * layerSize];
        }

        @Override
        void write(int layer, float[] values) {
            System.arraycopy(values, 0, data, layer * layerSize, layerSize);
        }

        @Override
        void read(int layer, int offset, int len, float[] dest, int destOffset) {
            System.arraycopy(data, layer * layerSize + offset, dest, destOffset, len);
        }

        @Override
        public void close() {
            // garbage collected
        }
    }

    private static final class Spilled extends LayerStore {
        private final Path file;
        private final FileChannel channel;

        Spilled(int layers, int layerSize) throws IOException {
            super(layers, layerSize);
            file = Files.createTempFile("permasar-sim-", ".f32");
            file.toFile().deleteOnExit();
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }

        @Override
        void write(int layer, float[] values) throws IOException {
            ByteBuffer buf = ByteBuffer.allocate(4 * layerSize).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(values, 0, layerSize);
            long pos = 4L * layer * layerSize;
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
        }

        @Override
        void read(int layer, int offset, int len, float[] dest, int destOffset) {
            ByteBuffer buf = ByteBuffer.allocate(4 * len).order(ByteOrder.LITTLE_ENDIAN);
            long pos = 4L * ((long) layer * layerSize + offset);
            try {
                while (buf.hasRemaining()) {
                    int got = channel.read(buf, pos + buf.position());
                    if (got < 0) {
                        throw new IOException(file + ": layer " + layer + " ends before value " + (offset + len));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buf.flip();
            buf.asFloatBuffer().get(dest, destOffset, len);
        }

        @Override
        public void close() throws IOException {
            channel.close();
            Files.deleteIfExists(file);
        }
    }
}
