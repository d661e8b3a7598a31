package org.permasar.io.hyp3;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permasar.grid.GridGeometry;
import org.permasar.io.RasterFormat;
import org.permasar.io.TextFiles;
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
 * ASF HyP3 INSAR_GAMMA products: one product folder, a folder of them, or a flat folder of their
 * files. Per product {@code NAME_unw_phase.tif} (radians, 0 = nodata), optional
 * {@code NAME_corr.tif} and {@code NAME_conncomp.tif}, and {@code NAME.txt} with lines
 * {@code Key: value}: dates from the {@code _YYYYMMDDThhmmss_} field of "Reference Granule" / "Secondary
 * Granule" (S1 SLC names, {@code ..._YYYYMMDDThhmmss_...}), else from the product name
 * ({@code S1AA_YYYYMMDDThhmmss_YYYYMMDDThhmmss_...}); "Baseline" (m) as the perpendicular
 * baseline; "Radar wavelength" (m) when present, else the Sentinel-1 value
 * {@link Sentinel1#WAVELENGTH_M} (older products' metadata omit it).
 */
public final class Hyp3Format implements RasterFormat {
    private static final String PHASE = "_unw_phase.tif";
    private static final Pattern GRANULE_DATE = Pattern.compile("_(\\d{8})T\\d{6}_");

    @Override
    public String name() {
        return "hyp3";
    }

    static boolean isPhase(String n) {
        return n.endsWith(PHASE);
    }

    @Override
    public int sniff(Path path) {
        if (Files.isDirectory(path)) {
            return FolderScan.filesQuietly(path, 2, Hyp3Format::isPhase).isEmpty() ? 0 : 90;
        }
        return 0;
    }

    @Override
    public RasterSource open(Path path) throws IOException {
        return openStack(path);
    }

    /** Reads {@code Key: value} lines of a HyP3 metadata text file. */
    static Map<String, String> readTxt(Path txt) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : TextFiles.lines(txt)) {
            int i = line.indexOf(':');
            if (i > 0) {
                m.put(line.substring(0, i).trim(), line.substring(i + 1).trim());
            }
        }
        return m;
    }

    /** Opens the folder as a stack. */
    public static PairFolderStack openStack(Path dir) throws IOException {
        List<Path> unw = FolderScan.files(dir, 2, Hyp3Format::isPhase);
        if (unw.isEmpty()) {
            throw new InvalidInputException(dir, "no HyP3 *" + PHASE + " files");
        }
        PairFolderStack.Builder b = PairFolderStack.builder(dir, "HyP3 GeoTIFF folder")
                .attribute("INSAR_PROCESSOR", "GAMMA (HyP3)").attribute("PLATFORM", "Sen");
        GridGeometry first = null;
        Path firstFile = null;
        Double wavelength = null;
        for (Path f : unw) {
            String stem = f.getFileName().toString().substring(0, f.getFileName().toString().length() - PHASE.length());
            try (GeoTiffReader r = GeoTiffReader.open(f)) {
                if (first == null) {
                    first = r.grid();
                    firstFile = f;
                } else {
                    FolderScan.checkSameGrid(first, firstFile, r.grid(), f);
                }
            }
            Path txt = f.resolveSibling(stem + ".txt");
            Map<String, String> meta = Files.isRegularFile(txt) ? readTxt(txt) : Map.of();
            Pair p = pair(f, meta);
            b.layer(p, PairFolderStack.UNWRAP_PHASE, TiffLayer.phase(f));
            String base = meta.get("Baseline");
            if (base != null) {
                b.bperp(p, number(txt, "Baseline", base));
            }
            String wl = meta.get("Radar wavelength");
            if (wl != null && wavelength == null) {
                wavelength = number(txt, "Radar wavelength", wl);
            }
            if (meta.containsKey("Heading") && first != null) {
                b.attribute("HEADING", meta.get("Heading"));
            }
            Path corr = f.resolveSibling(stem + "_corr.tif");
            if (Files.isRegularFile(corr)) {
                b.layer(p, PairFolderStack.COHERENCE, new TiffLayer(corr, 0, 1f, true));
            }
            Path cc = f.resolveSibling(stem + "_conncomp.tif");
            if (Files.isRegularFile(cc)) {
                b.layer(p, PairFolderStack.CONNECT_COMPONENT, new TiffLayer(cc, 0, 1f, false));
            }
        }
        if (wavelength == null) {
            wavelength = Sentinel1.WAVELENGTH_M;
            b.attribute("WAVELENGTH_SOURCE", "Sentinel-1 C-band default (5.405 GHz); not stated in the product");
        }
        return b.grid(first).wavelength(wavelength).build();
    }

    private static Pair pair(Path f, Map<String, String> meta) throws InvalidInputException {
        String ref = meta.get("Reference Granule"), sec = meta.get("Secondary Granule");
        if (ref != null && sec != null) {
            Matcher a = GRANULE_DATE.matcher(ref), c = GRANULE_DATE.matcher(sec);
            if (a.find() && c.find()) {
                return PairNames.of(f, a.group(1), c.group(1));
            }
        }
        return PairNames.parse(f);
    }

    private static double number(Path txt, String key, String v) throws InvalidInputException {
        try {
            return Double.parseDouble(v.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(txt, key, "expected a number, found '" + v + "'", e);
        }
    }
}
