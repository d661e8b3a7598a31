package org.permasar.io.roipac;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.permasar.grid.GridGeometry;
import org.permasar.io.RasterFormat;
import org.permasar.io.folder.FolderScan;
import org.permasar.io.folder.PairFolderStack;
import org.permasar.io.folder.PairNames;
import org.permasar.io.folder.RawRasterLayer;
import org.permasar.network.Pair;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of ROI_PAC unwrapped interferograms: {@code *.unw} in RMG layout (float32
 * little-endian, two bands interleaved by line: amplitude then phase; phase in radians, 0 =
 * nodata) each with its {@code .unw.rsc} header (WIDTH, FILE_LENGTH, X/Y_FIRST, X/Y_STEP,
 * WAVELENGTH, DATE12; perpendicular baseline from P_BASELINE_TOP_HDR/BOTTOM_HDR, see
 * {@link RoipacBaselines}). Optional coherence {@code *.cor} in the same RMG layout (band 2).
 */
public final class RoipacFormat implements RasterFormat {
    private static final Logger LOG = LoggerFactory.getLogger(RoipacFormat.class);

    @Override
    public String name() {
        return "roipac";
    }

    static boolean isPhase(String n) {
        return n.toLowerCase(Locale.ROOT).endsWith(".unw");
    }

    @Override
    public int sniff(Path path) {
        if (!Files.isDirectory(path)) {
            return 0;
        }
        for (Path f : FolderScan.filesQuietly(path, 1, RoipacFormat::isPhase)) {
            if (Files.isRegularFile(rsc(f))) {
                return 80;
            }
        }
        return 0;
    }

    private static Path rsc(Path f) {
        return f.resolveSibling(f.getFileName() + ".rsc");
    }

    @Override
    public RasterSource open(Path path) throws IOException {
        return openStack(path);
    }

    /** Opens the folder as a stack. */
    public static PairFolderStack openStack(Path dir) throws IOException {
        List<Path> unw = FolderScan.files(dir, 1, RoipacFormat::isPhase);
        if (unw.isEmpty()) {
            throw new InvalidInputException(dir, "no ROI_PAC *.unw files");
        }
        PairFolderStack.Builder b = PairFolderStack.builder(dir, "ROI_PAC folder").attribute("INSAR_PROCESSOR", "ROIPAC");
        GridGeometry first = null;
        Path firstFile = null;
        double wavelength = Double.NaN;
        int noBaseline = 0;
        for (Path f : unw) {
            RscHeader h = RscHeader.read(rsc(f));
            GridGeometry g = h.grid();
            if (first == null) {
                first = g;
                firstFile = f;
            } else {
                FolderScan.checkSameGrid(first, firstFile, g, f);
            }
            if (h.get("WAVELENGTH") == null) {
                throw new InvalidInputException(rsc(f), "WAVELENGTH", "missing wavelength");
            }
            if (Double.isNaN(wavelength)) {
                wavelength = h.number("WAVELENGTH");
            }
            String d12 = h.get("DATE12");
            Pair p = d12 != null && d12.matches("\\d{6,8}-\\d{6,8}")
                    ? PairNames.of(f, d12.split("-")[0], d12.split("-")[1]) : PairNames.parse(f);
            RawRasterLayer l = new RawRasterLayer(f, g.rows(), g.cols(), 2, 1, ByteOrder.LITTLE_ENDIAN, 0f);
            l.checkSize();
            b.layer(p, PairFolderStack.UNWRAP_PHASE, l);
            double bp = RoipacBaselines.of(f, h);
            if (Double.isNaN(bp)) {
                noBaseline++;
            } else {
                b.bperp(p, bp);
            }
            Path cor = f.resolveSibling(f.getFileName().toString().replaceAll("(?i)\\.unw$", ".cor"));
            if (Files.isRegularFile(cor)) {
                RawRasterLayer c = new RawRasterLayer(cor, g.rows(), g.cols(), 2, 1, ByteOrder.LITTLE_ENDIAN, 0f);
                c.checkSize();
                b.layer(p, PairFolderStack.COHERENCE, c);
            }
        }
        if (noBaseline > 0) {
            LOG.info("perpendicular baseline unknown (NaN) for {} of {} interferograms in {}: no P_BASELINE_TOP_HDR/"
                    + "P_BASELINE_BOTTOM_HDR keys in the .rsc headers", noBaseline, unw.size(), dir);
        }
        return b.grid(first).wavelength(wavelength).build();
    }
}
