package org.permasar.io.licsar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.permasar.grid.GridGeometry;
import org.permasar.io.RasterFormat;
import org.permasar.io.folder.FolderScan;
import org.permasar.io.folder.PairFolderStack;
import org.permasar.io.folder.PairNames;
import org.permasar.io.folder.Sentinel1;
import org.permasar.io.folder.TiffLayer;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.network.Pair;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/**
 * COMET LiCSAR products: {@code YYYYMMDD_YYYYMMDD.geo.unw.tif} (radians; 0 and NaN = nodata) and
 * optional {@code YYYYMMDD_YYYYMMDD.geo.cc.tif} (uint8 0–255 scaled by 1/255, or float 0–1), flat
 * or one folder per pair (LiCSAR's {@code GEOC/YYYYMMDD_YYYYMMDD/}). LiCSAR frames are Sentinel-1,
 * so the wavelength is {@link Sentinel1#WAVELENGTH_M}.
 */
public final class LicsarFormat implements RasterFormat {
    private static final String PHASE = ".geo.unw.tif";

    @Override
    public String name() {
        return "licsar";
    }

    static boolean isPhase(String n) {
        return n.endsWith(PHASE);
    }

    @Override
    public int sniff(Path path) {
        if (Files.isDirectory(path)) {
            return FolderScan.filesQuietly(path, 2, LicsarFormat::isPhase).isEmpty() ? 0 : 90;
        }
        return 0;
    }

    @Override
    public RasterSource open(Path path) throws IOException {
        return openStack(path);
    }

    /** Opens the folder as a stack. */
    public static PairFolderStack openStack(Path dir) throws IOException {
        List<Path> unw = FolderScan.files(dir, 2, LicsarFormat::isPhase);
        if (unw.isEmpty()) {
            throw new InvalidInputException(dir, "no LiCSAR *" + PHASE + " files");
        }
        PairFolderStack.Builder b = PairFolderStack.builder(dir, "LiCSAR GeoTIFF folder")
                .attribute("INSAR_PROCESSOR", "LiCSAR").attribute("PLATFORM", "Sen")
                .attribute("WAVELENGTH_SOURCE", "Sentinel-1 C-band (5.405 GHz)");
        GridGeometry first = null;
        Path firstFile = null;
        for (Path f : unw) {
            try (GeoTiffReader r = GeoTiffReader.open(f)) {
                if (first == null) {
                    first = r.grid();
                    firstFile = f;
                } else {
                    FolderScan.checkSameGrid(first, firstFile, r.grid(), f);
                }
            }
            Pair p = PairNames.parse(f);
            b.layer(p, PairFolderStack.UNWRAP_PHASE, TiffLayer.phase(f));
            String n = f.getFileName().toString();
            Path cc = f.resolveSibling(n.substring(0, n.length() - PHASE.length()) + ".geo.cc.tif");
            if (Files.isRegularFile(cc)) {
                float scale;
                try (GeoTiffReader r = GeoTiffReader.open(cc)) {
                    FolderScan.checkSameGrid(first, firstFile, r.grid(), cc);
                    scale = r.isUnsignedByte(0) ? 1f / 255f : 1f;
                }
                b.layer(p, PairFolderStack.COHERENCE, new TiffLayer(cc, 0, scale, true));
            }
        }
        return b.grid(first).wavelength(Sentinel1.WAVELENGTH_M).build();
    }
}
