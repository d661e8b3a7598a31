package org.permasar.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.PixelCoordinates;
import org.permasar.io.RasterFormats;
import org.permasar.io.mintpy.MintPyGeometry;
import org.permasar.stack.RasterSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The grid of a layer with the per-pixel latitude/longitude of a radar-geometry folder. MintPy keeps those in
 * {@code inputs/geometryRadar.h5} and not in {@code timeseries.h5} or {@code velocity.h5}, so a radar grid that
 * has none of its own takes those of the first {@code *geometryRadar*.h5} under the folder (sorted by path)
 * whose LENGTH × WIDTH equal its own. Geocoded grids and grids that already carry coordinates are returned as
 * they are. Thread-safe: the coordinates of each size are read once (2 × 4 bytes per pixel) and kept.
 */
final class FolderGeometry {
    private static final Logger LOG = LoggerFactory.getLogger(FolderGeometry.class);
    /** Marks a size for which the folder has no geometry file. */
    private static final PixelCoordinates NONE = new PixelCoordinates() {
        @Override
        public double latitude(int row, int col) {
            return Double.NaN;
        }

        @Override
        public double longitude(int row, int col) {
            return Double.NaN;
        }
    };

    private final PathGuard guard;
    private final Map<Long, PixelCoordinates> bySize = new ConcurrentHashMap<>();

    FolderGeometry(PathGuard guard) {
        this.guard = guard;
    }

    /** The grid of {@code file} (inside the root), with the folder's radar coordinates when it needs them. */
    GridGeometry grid(Path file) throws IOException {
        GridGeometry g;
        try (RasterSource src = RasterFormats.open(file)) {
            g = src.grid();
        }
        return withCoordinates(g);
    }

    /** {@code g}, with the folder's radar coordinates of its size when it is a radar grid without them. */
    GridGeometry withCoordinates(GridGeometry g) throws IOException {
        if (g.isGeocoded() || g.coordinates() != null) {
            return g;
        }
        PixelCoordinates c = bySize.get(key(g));
        if (c == null) {
            c = find(g.rows(), g.cols());
            bySize.put(key(g), c);
        }
        return c == NONE ? g : g.withCoordinates(c);
    }

    private PixelCoordinates find(int rows, int cols) throws IOException {
        for (Path f : candidates()) {
            try (MintPyGeometry m = MintPyGeometry.open(f)) {
                GridGeometry gg = m.grid();
                if (!gg.isGeocoded() && gg.rows() == rows && gg.cols() == cols && gg.coordinates() != null) {
                    return gg.coordinates();
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("skipping geometry file {}: {}", guard.relativize(f), e.getMessage());
            }
        }
        return NONE;
    }

    private List<Path> candidates() throws IOException {
        try (Stream<Path> s = Files.walk(guard.root(), LayerCatalog.MAX_DEPTH)) {
            return s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.contains("geometryradar") && n.endsWith(".h5");
            }).filter(Files::isRegularFile).filter(guard::contains).sorted().toList();
        }
    }

    private static long key(GridGeometry g) {
        return ((long) g.rows() << 32) | g.cols();
    }
}
