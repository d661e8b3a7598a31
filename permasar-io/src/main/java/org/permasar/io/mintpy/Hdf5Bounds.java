package org.permasar.io.mintpy;

import io.jhdf.Constants;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.permasar.stack.InvalidInputException;

/**
 * Opens HDF5 files with jHDF and refuses those whose content does not fit in the file: a file
 * cut short (a copy interrupted, a download stopped) is otherwise read without complaint by jHDF,
 * which fills the missing bytes with whatever its buffers held (a B⊥ of 17.63 m read instead of
 * 61.71 m from a stack missing its last 5 bytes).
 *
 * <p>Checks, as libhdf5 does when it opens a file ({@code H5F__super_read}: "truncated file: eof =
 * …, stored_eof = …"), that the end-of-file address stored in the superblock lies within the file,
 * and then that every dataset's storage lies within it: a contiguous dataset's data block, and
 * every chunk of a chunked dataset as its chunk index lists it. Addresses are relative to the
 * superblock's base address (HDF5 File Format Specification 3.0, §II.A: "end of file address",
 * "base address"). Compact datasets live in their object headers and need no check. Stateless.
 */
public final class Hdf5Bounds {
    private static final Method CHUNK_LOOKUP = chunkLookup();

    private Hdf5Bounds() {
    }

    /**
     * Opens {@code path} with jHDF and checks that its content fits in the file.
     *
     * @throws InvalidInputException naming the file (and dataset) when it is missing, not a regular
     *         file, unreadable as HDF5, or shorter than its superblock or a dataset says
     */
    public static HdfFile open(Path path) throws InvalidInputException {
        if (!Files.isRegularFile(path)) {
            throw new InvalidInputException(path, Files.exists(path) ? "not a regular file" : "no such file");
        }
        HdfFile h;
        try {
            h = openMapped(path);
        } catch (IOException e) {
            throw new InvalidInputException(path, null, "cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidInputException(path, null, "not a readable HDF5 file (truncated or damaged?): "
                    + reason(e), e);
        }
        try {
            check(path, h);
            return h;
        } catch (InvalidInputException | RuntimeException e) {
            h.close();
            throw e;
        }
    }

    /**
     * jHDF over a read-only mapping of the file (files under 2 GiB): jHDF's file-channel storage
     * allocates a heap buffer of whatever size a header declares before it reads (1.3 GB for a
     * damaged 2.8 KB stack, found by ReaderFuzzTest), while over a mapping a read past the end is
     * refused without allocating. Larger files are read through the file channel as before.
     */
    private static HdfFile openMapped(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size >= Integer.MAX_VALUE) {
                return new HdfFile(path);
            }
            return HdfFile.fromByteBuffer(ch.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
    }

    /**
     * Checks that the superblock's end-of-file address and every dataset's storage of an open file
     * lie within the {@code path}'s current size.
     *
     * @throws InvalidInputException naming the file, the dataset and the addresses when they do not
     */
    public static void check(Path path, HdfFile h) throws InvalidInputException {
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new InvalidInputException(path, null, "cannot read its size: " + e.getMessage(), e);
        }
        long base = h.getHdfBackingStorage().getSuperblock().getBaseAddressByte();
        long available = size - base;
        long eof = h.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
        if (eof != Constants.UNDEFINED_ADDRESS && eof > available) {
            throw new InvalidInputException(path, "truncated file: " + size + " bytes, but its superblock says the file "
                    + "ends at byte " + (base + eof) + " (" + (base + eof - size) + " bytes missing)");
        }
        try {
            checkGroup(path, h, available);
        } catch (InvalidInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidInputException(path, null, "damaged HDF5 structure (truncated or damaged file?): "
                    + reason(e), e);
        }
    }

    private static void checkGroup(Path path, Group g, long available) throws InvalidInputException {
        for (Node n : g) {
            if (n.isLink()) {
                continue;
            }
            if (n instanceof Group sub) {
                checkGroup(path, sub, available);
            } else if (n instanceof Dataset d) {
                checkDataset(path, d, available);
            }
        }
    }

    private static void checkDataset(Path path, Dataset d, long available) throws InvalidInputException {
        if (d instanceof ContiguousDataset c) {
            long address = c.getDataAddress();
            if (address != Constants.UNDEFINED_ADDRESS) {
                requireWithin(path, d, "data", address, d.getSizeInBytes(), available);
            }
        } else if (d instanceof ChunkedDatasetBase chunked && CHUNK_LOOKUP != null) {
            long chunkBytes = d.getDataType().getSize();
            for (int n : chunked.getChunkDimensions()) {
                chunkBytes *= n;
                if (n < 1 || chunkBytes > Integer.MAX_VALUE) {
                    throw new InvalidInputException(path, d.getPath(), "damaged file: chunk shape "
                            + java.util.Arrays.toString(chunked.getChunkDimensions()) + " of " + d.getDataType().getSize()
                            + "-byte elements is not a chunk HDF5 can hold");
                }
            }
            boolean filtered = !chunked.getFilters().isEmpty();
            for (Chunk chunk : chunks(path, chunked).values()) {
                String what = "chunk at offset " + java.util.Arrays.toString(chunk.getChunkOffset());
                requireWithin(path, d, what, chunk.getAddress(), chunk.getSize(), available);
                // an unfiltered chunk is stored whole: fewer bytes mean a damaged chunk shape, element size or
                // index (a flipped bit made etna's float32 elements 131076 bytes long, and jHDF allocated
                // 400 MiB for 6400 stored bytes)
                if (!filtered && chunk.getSize() < chunkBytes) {
                    throw new InvalidInputException(path, d.getPath(), "damaged file: " + what + " holds "
                            + chunk.getSize() + " bytes, but its shape " + java.util.Arrays.toString(
                            chunked.getChunkDimensions()) + " of " + d.getDataType().getSize() + "-byte elements needs "
                            + chunkBytes + " (no compression filter)");
                }
            }
        }
    }

    private static void requireWithin(Path path, Dataset d, String what, long address, long length, long available)
            throws InvalidInputException {
        if (address < 0 || length < 0 || address > available - length) {
            throw new InvalidInputException(path, d.getPath(), "truncated or damaged file: " + what + " at byte "
                    + address + " (" + length + " bytes) ends beyond the end of the file (" + available + " bytes)");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<?, Chunk> chunks(Path path, ChunkedDatasetBase d) throws InvalidInputException {
        try {
            return (Map<?, Chunk>) CHUNK_LOOKUP.invoke(d);
        } catch (InvocationTargetException e) {
            Throwable t = e.getCause() == null ? e : e.getCause();
            throw new InvalidInputException(path, d.getPath(), "chunk index cannot be read (truncated or damaged "
                    + "file?): " + reason(t), t);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("jHDF chunk index not accessible", e);
        }
    }

    /**
     * jHDF 0.13 has no public list of a chunked dataset's chunks with their addresses; its reader uses
     * the protected {@code getChunkLookup()}, which this check calls too. Null (chunk check skipped, the
     * end-of-file check still made) if a later jHDF renames it.
     */
    private static Method chunkLookup() {
        try {
            Method m = ChunkedDatasetBase.class.getDeclaredMethod("getChunkLookup");
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    /** A throwable as words: its message, else its class's simple name. */
    static String reason(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
