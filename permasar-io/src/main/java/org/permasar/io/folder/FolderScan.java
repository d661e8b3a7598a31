package org.permasar.io.folder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.permasar.grid.GridGeometry;
import org.permasar.stack.InvalidInputException;

/** Listing of the files of a stack folder, and the same-grid check every folder format makes. */
public final class FolderScan {
    private FolderScan() {
    }

    /** Regular files under {@code dir} (to {@code depth} levels: 1 = the folder itself) whose name passes, sorted. */
    public static List<Path> files(Path dir, int depth, Predicate<String> name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.find(dir, depth, (p, a) -> a.isRegularFile()
                && name.test(p.getFileName().toString()))) {
            List<Path> out = new ArrayList<>(s.toList());
            out.sort(null);
            return out;
        }
    }

    /** Quiet variant for {@code sniff}: empty on any I/O problem. */
    public static List<Path> filesQuietly(Path dir, int depth, Predicate<String> name) {
        try {
            return files(dir, depth, name);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * Throws when {@code g} (of {@code file}) is not the grid of the stack's first file: every file
     * of a stack must share size, CRS (EPSG code; 0 = none or unknown) and geotransform; the message
     * names the odd file and the first one.
     */
    public static void checkSameGrid(GridGeometry first, Path firstFile, GridGeometry g, Path file)
            throws InvalidInputException {
        if (g.rows() != first.rows() || g.cols() != first.cols()) {
            throw new InvalidInputException(file, "raster size " + g.cols() + " × " + g.rows()
                    + " (width × length) differs from " + first.cols() + " × " + first.rows() + " of " + firstFile
                    + ": all interferograms of a stack must share one grid");
        }
        if (g.epsg() != first.epsg()) {
            throw new InvalidInputException(file, "CRS " + crs(g) + " differs from " + crs(first) + " of " + firstFile
                    + ": all files of a stack must share CRS, geotransform and size");
        }
        if (!first.sameGrid(g)) {
            throw new InvalidInputException(file, "georeferencing " + g + " differs from " + first + " of " + firstFile);
        }
    }

    private static String crs(GridGeometry g) {
        return g.epsg() == 0 ? "unknown (no EPSG code)" : "EPSG:" + g.epsg();
    }
}
