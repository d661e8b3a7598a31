package org.permasar.io.geotiff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.permasar.grid.GridGeometry;
import org.permasar.io.RasterFormat;
import org.permasar.io.folder.FolderScan;
import org.permasar.io.folder.PairFolderStack;
import org.permasar.io.folder.PairNames;
import org.permasar.io.folder.TiffLayer;
import org.permasar.io.gamma.GammaBaselines;
import org.permasar.network.Pair;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/**
 * A folder of per-pair GeoTIFFs as GAMMA users and PyRate's {@code conv2tif} make them:
 * {@code *unw.tif} (unwrapped phase, radians, 0 = nodata) and optional {@code *cc.tif} /
 * {@code *coh.tif} (coherence). Pair dates come from the FIRST_DATE / SECOND_DATE metadata, else
 * from the file name; the wavelength from WAVELENGTH_METRES; perpendicular baselines from GAMMA
 * {@code *_bperp.par} tables next to the folder when present ({@link GammaBaselines}). HyP3 ({@code *_unw_phase.tif}) and
 * LiCSAR ({@code *.geo.unw.tif}) names are left to their own formats.
 */
public final class GeoTiffFolderFormat implements RasterFormat {

    @Override
    public String name() {
        return "geotiff-folder";
    }

    static boolean isPhase(String n) {
        String s = n.toLowerCase(Locale.ROOT);
        return (s.endsWith("unw.tif") || s.endsWith("unw.tiff")) && !s.endsWith(".geo.unw.tif");
    }

    static boolean isCoherence(String n) {
        String s = n.toLowerCase(Locale.ROOT);
        return (s.endsWith("cc.tif") || s.endsWith("coh.tif")) && !s.contains(".geo.");
    }

    @Override
    public int sniff(Path path) {
        if (!Files.isDirectory(path)) {
            return 0;
        }
        return FolderScan.filesQuietly(path, 1, GeoTiffFolderFormat::isPhase).isEmpty() ? 0 : 60;
    }

    @Override
    public RasterSource open(Path path) throws IOException {
        return openStack(path);
    }

    /** Opens the folder as a stack. */
    public static PairFolderStack openStack(Path dir) throws IOException {
        List<Path> unw = FolderScan.files(dir, 1, GeoTiffFolderFormat::isPhase);
        if (unw.isEmpty()) {
            throw new InvalidInputException(dir, "no *unw.tif files");
        }
        PairFolderStack.Builder b = PairFolderStack.builder(dir, "GeoTIFF interferogram folder");
        Ref ref = new Ref();
        Set<Pair> pairs = new TreeSet<>();
        for (Path f : unw) {
            Pair p = add(f, ref, b);
            pairs.add(p);
            b.layer(p, PairFolderStack.UNWRAP_PHASE, TiffLayer.phase(f));
        }
        for (Path f : FolderScan.files(dir, 1, GeoTiffFolderFormat::isCoherence)) {
            b.layer(add(f, ref, b), PairFolderStack.COHERENCE, new TiffLayer(f, 0, 1f, true));
        }
        if (ref.wavelength == null) {
            throw new InvalidInputException(unw.get(0), "missing wavelength: no WAVELENGTH_METRES metadata item");
        }
        GammaBaselines.fill(dir, pairs, b);
        return b.grid(ref.grid).wavelength(ref.wavelength).build();
    }

    private static final class Ref {
        GridGeometry grid;
        Path file;
        Double wavelength;
    }

    private static Pair add(Path f, Ref ref, PairFolderStack.Builder b) throws IOException {
        try (GeoTiffReader r = GeoTiffReader.open(f)) {
            if (ref.grid == null) {
                ref.grid = r.grid();
                ref.file = f;
                r.attributes().forEach((k, v) -> {
                    if (!k.equals("FIRST_DATE") && !k.equals("SECOND_DATE") && !k.startsWith("TIME")
                            && !k.startsWith("SECOND_") && !k.startsWith("FIRST_") && !k.startsWith("DATA_")) {
                        b.attribute(k, v);
                    }
                });
            } else {
                FolderScan.checkSameGrid(ref.grid, ref.file, r.grid(), f);
            }
            String wl = r.item("WAVELENGTH_METRES");
            if (wl != null && ref.wavelength == null) {
                try {
                    ref.wavelength = Double.parseDouble(wl.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(f, null, "WAVELENGTH_METRES '" + wl + "' is not a number", e);
                }
            }
            String d1 = r.item("FIRST_DATE"), d2 = r.item("SECOND_DATE");
            return d1 != null && d2 != null ? PairNames.of(f, d1, d2) : PairNames.parse(f);
        }
    }
}
