package org.permasar.io.gamma;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.RasterFormat;
import org.permasar.io.folder.FolderScan;
import org.permasar.io.folder.PairFolderStack;
import org.permasar.io.folder.PairNames;
import org.permasar.io.folder.RawRasterLayer;
import org.permasar.network.Pair;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/**
 * A folder of GAMMA geocoded binaries: {@code *YYYYMMDD-YYYYMMDD*.unw} (float32 big-endian, one
 * band, radians, 0 = nodata), optional {@code *.cc} coherence of the same pairs, one DEM/MAP
 * parameter file ({@code *dem.par}: width, nlines, corner_lat/lon, post_lat/lon, DEM_projection)
 * for the grid, and SLC/MLI parameter files ({@code *slc.par}, {@code *mli.par}) whose
 * radar_frequency gives the wavelength λ = c/f. As MintPy and PyRate do, corner_lat/lon is taken
 * as the upper-left corner of the grid (GDAL's origin). Perpendicular baselines come from
 * {@code *_bperp.par} tables next to the stack when present ({@link GammaBaselines}).
 */
public final class GammaBinaryFormat implements RasterFormat {

    @Override
    public String name() {
        return "gamma";
    }

    static boolean isPhase(String n) {
        return n.toLowerCase(Locale.ROOT).endsWith(".unw") && PairNames.looksLikePair(n);
    }

    static boolean isDemPar(String n) {
        return n.toLowerCase(Locale.ROOT).endsWith("dem.par");
    }

    static boolean isSensorPar(String n) {
        String s = n.toLowerCase(Locale.ROOT);
        return s.endsWith("slc.par") || s.endsWith("mli.par");
    }

    @Override
    public int sniff(Path path) {
        if (!Files.isDirectory(path) || FolderScan.filesQuietly(path, 1, GammaBinaryFormat::isPhase).isEmpty()) {
            return 0;
        }
        return FolderScan.filesQuietly(path, 1, GammaBinaryFormat::isDemPar).isEmpty() ? 0 : 80;
    }

    @Override
    public RasterSource open(Path path) throws IOException {
        return openStack(path);
    }

    /** Opens the folder as a stack. */
    public static PairFolderStack openStack(Path dir) throws IOException {
        List<Path> unw = FolderScan.files(dir, 1, GammaBinaryFormat::isPhase);
        if (unw.isEmpty()) {
            throw new InvalidInputException(dir, "no GAMMA *.unw files named with a pair of dates");
        }
        List<Path> dem = FolderScan.files(dir, 1, GammaBinaryFormat::isDemPar);
        if (dem.isEmpty()) {
            throw new InvalidInputException(dir, "no DEM/MAP parameter file (*dem.par) to give the grid");
        }
        GridGeometry grid = grid(GammaPar.read(dem.get(0)));
        List<Path> sensor = FolderScan.files(dir, 1, GammaBinaryFormat::isSensorPar);
        if (sensor.isEmpty()) {
            throw new InvalidInputException(dir, "missing wavelength: no SLC/MLI parameter file (*slc.par, *mli.par) "
                    + "with radar_frequency");
        }
        GammaPar sp = GammaPar.read(sensor.get(0));
        PairFolderStack.Builder b = PairFolderStack.builder(dir, "GAMMA binary folder")
                .grid(grid).wavelength(sp.wavelength()).attribute("INSAR_PROCESSOR", "GAMMA");
        if (sp.has("sensor")) {
            b.attribute("PLATFORM", sp.values().get("sensor"));
        }
        if (sp.has("heading")) {
            b.attribute("HEADING", sp.token("heading", 0));
        }
        if (sp.has("incidence_angle")) {
            b.attribute("INCIDENCE_ANGLE", sp.token("incidence_angle", 0));
        }
        Set<Pair> pairs = new TreeSet<>();
        for (Path f : unw) {
            RawRasterLayer l = new RawRasterLayer(f, grid.rows(), grid.cols(), 1, 0, ByteOrder.BIG_ENDIAN, 0f);
            l.checkSize();
            Pair p = PairNames.parse(f);
            pairs.add(p);
            b.layer(p, PairFolderStack.UNWRAP_PHASE, l);
        }
        GammaBaselines.fill(dir, pairs, b);
        for (Path f : FolderScan.files(dir, 1, n -> n.toLowerCase(Locale.ROOT).endsWith(".cc")
                && PairNames.looksLikePair(n))) {
            RawRasterLayer l = new RawRasterLayer(f, grid.rows(), grid.cols(), 1, 0, ByteOrder.BIG_ENDIAN, 0f);
            l.checkSize();
            Pair p = PairNames.parse(f);
            b.layer(p, PairFolderStack.COHERENCE, l);
        }
        return b.build();
    }

    /** Grid of a DEM/MAP parameter file: EQA → EPSG 4326; UTM → 326zz / 327zz (false_northing 10 000 km). */
    static GridGeometry grid(GammaPar p) throws InvalidInputException {
        int cols = p.positiveInt("width"), rows = p.positiveInt("nlines");
        String proj = p.has("DEM_projection") ? p.token("DEM_projection", 0).toUpperCase(Locale.ROOT) : "EQA";
        double x0, y0, dx, dy;
        int epsg;
        if (proj.equals("EQA")) {
            x0 = p.number("corner_lon");
            y0 = p.number("corner_lat");
            dx = p.number("post_lon");
            dy = p.number("post_lat");
            epsg = 4326;
        } else if (proj.equals("UTM")) {
            x0 = p.number("corner_east");
            y0 = p.number("corner_north");
            dx = p.number("post_east");
            dy = p.number("post_north");
            int zone = (int) p.number("projection_zone");
            boolean south = p.has("false_northing") && p.number("false_northing") > 0;
            epsg = (south ? 32700 : 32600) + zone;
        } else {
            throw new InvalidInputException(p.file(), "DEM_projection", "unsupported projection '" + proj
                    + "' (expected EQA or UTM)");
        }
        if (dx == 0 || dy == 0) {
            throw new InvalidInputException(p.file(), "post_lon/post_lat", "pixel spacing must be non-zero");
        }
        try {
            return GridGeometry.geocoded(rows, cols, GeoTransform.northUp(x0, dx, y0, dy), epsg, 0);
        } catch (IllegalArgumentException e) {
            // NaN or infinite corners and posts (found by ReaderFuzzTest)
            throw new InvalidInputException(p.file(), "corner/post", "georeferencing cannot be used: " + e.getMessage());
        }
    }
}
