package org.permasar.io.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.TimeSeriesProduct;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.io.gnss.NeuCsvReader;
import org.permasar.io.gnss.Tenv3Reader;
import org.permasar.io.lst.LstOptions;
import org.permasar.io.lst.LstSource;
import org.permasar.io.mintpy.MintPyGeometry;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.io.table.SiteTable;
import org.permasar.io.zarr.ZarrCubeWriter;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.RasterSource;

/**
 * Every input format under fuzz, each with a small valid seed (real sample files from
 * {@code ../shared/data} where one is small enough, else written by our writers) and a reader that
 * reads everything in it.
 */
final class FuzzTargets {
    static final Path SHARED = Path.of(System.getProperty("permasar.shared", "../shared"), "data");
    private static final int ROWS = 6, COLS = 5;
    private static final GridGeometry UTM = GridGeometry.geocoded(ROWS, COLS,
            GeoTransform.northUp(400000, 80, 4100000, -80), 32611, 0);
    private static final GridGeometry LL = GridGeometry.geocoded(ROWS, COLS,
            GeoTransform.northUp(30, 0.001, 40, -0.001), 4326, Double.NaN);

    private FuzzTargets() {
    }

    /** All targets; those whose sample data is absent are left out. */
    static List<FuzzTarget> all() {
        List<FuzzTarget> t = new ArrayList<>();
        t.add(new FuzzTarget("mintpy-stack", FuzzTargets::writtenStack, FuzzTargets::readStack));
        t.add(new FuzzTarget("mintpy-timeseries", FuzzTargets::writtenTimeseries,
                p -> readRaster(TimeSeriesProduct.open(p))));
        Path etna = SHARED.resolve("insar/etna_kfts");
        if (Files.isDirectory(etna)) {
            t.add(new FuzzTarget("mintpy-stack-etna", d -> copy(etna.resolve("etna_new_ifgramStack.h5"), d),
                    FuzzTargets::readStack));
            t.add(new FuzzTarget("mintpy-geometry", d -> copy(etna.resolve("etna_geometryRadar.h5"), d),
                    p -> readRaster(MintPyGeometry.open(p))));
        }
        Path cropA = SHARED.resolve("insar/pyrate_cropA/geotiffs");
        if (Files.isDirectory(cropA)) {
            t.add(new FuzzTarget("geotiff-file",
                    d -> copy(cropA.resolve("cropA_20180106-20180130_VV_8rlks_eqa_unw.tif"), d),
                    p -> readRaster(RasterFormats.open(p))));
            t.add(new FuzzTarget("geotiff-dem", d -> copy(cropA.resolve("cropA_T005A_dem.tif"), d),
                    p -> readRaster(RasterFormats.open(p))));
            t.add(new FuzzTarget("geotiff-folder", d -> cropAFolder(cropA, d), FuzzTargets::readStack));
        }
        t.add(new FuzzTarget("hyp3", FuzzTargets::hyp3, FuzzTargets::readStack));
        t.add(new FuzzTarget("licsar", FuzzTargets::licsar, FuzzTargets::readStack));
        Path small = SHARED.resolve("insar/pyrate_small_test");
        if (Files.isDirectory(small)) {
            t.add(new FuzzTarget("gamma", d -> gamma(small.resolve("gamma_obs"), d), FuzzTargets::readStack));
            t.add(new FuzzTarget("roipac", d -> roipac(small.resolve("roipac_obs"), d), FuzzTargets::readStack));
        }
        t.add(new FuzzTarget("zarr", FuzzTargets::zarr, p -> readRaster(RasterFormats.open(p))));
        t.add(new FuzzTarget("lst-multiband", FuzzTargets::lst, FuzzTargets::readLst));
        t.add(new FuzzTarget("lst-folder", FuzzTargets::lstFolder, FuzzTargets::readLst));
        Path gnss = SHARED.resolve("gnss");
        if (Files.isDirectory(gnss)) {
            t.add(new FuzzTarget("gnss-tenv3", d -> head(gnss.resolve("34A2.tenv3"), 60, d), p -> Tenv3Reader.read(p)));
            t.add(new FuzzTarget("gnss-neu-csv", d -> head(gnss.resolve("G001neu9818.csv"), 60, d),
                    p -> NeuCsvReader.read(p)));
        }
        t.add(new FuzzTarget("site-table", FuzzTargets::siteTable, p -> SiteTable.read(p, "alt", "alt_m")));
        return t;
    }

    // ------------------------------------------------------------------ readers

    /** Opens any raster input and reads every dataset, every layer and every pixel, and all metadata. */
    static void readRaster(RasterSource src) throws IOException {
        try (RasterSource s = src) {
            s.format();
            s.attributes();
            GridGeometry g = s.grid();
            for (String ds : s.datasets()) {
                s.layers(ds);
                s.read(ds, Window.of(g));
                s.read(ds, new Window(g.rows() - 1, 0, 1, g.cols()));
            }
            if (s instanceof InterferogramStack st) {
                st.network().pairs();
                st.wavelength();
                st.keptPairs();
            }
            if (s instanceof TimeSeriesProduct p) {
                p.dates();
                p.bperp();
            }
        }
    }

    static void readStack(Path p) throws IOException {
        readRaster(RasterFormats.openStack(p));
    }

    static void readLst(Path p) throws IOException {
        try (LstSource s = LstSource.open(p, LstOptions.auto())) {
            s.readAll();
        }
    }

    // ------------------------------------------------------------------ seeds

    private static Path copy(Path file, Path dir) throws IOException {
        return Files.copy(file, dir.resolve(file.getFileName()));
    }

    private static Path head(Path file, int lines, Path dir) throws IOException {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        Path out = dir.resolve(file.getFileName());
        Files.write(out, all.subList(0, Math.min(lines, all.size())), StandardCharsets.UTF_8);
        return out;
    }

    private static float[] cube(int layers, float scale) {
        float[] d = new float[layers * ROWS * COLS];
        for (int i = 0; i < d.length; i++) {
            d[i] = scale * (1 + i % 97) / 97f;
        }
        return d;
    }

    private static Network network() {
        LocalDate d0 = LocalDate.of(2020, 1, 1);
        List<Pair> pairs = List.of(new Pair(d0, d0.plusDays(12)), new Pair(d0, d0.plusDays(24)),
                new Pair(d0.plusDays(12), d0.plusDays(24)), new Pair(d0.plusDays(12), d0.plusDays(36)));
        return new Network(pairs, new double[] {10, -20, 30.5, 5});
    }

    private static Path writtenStack(Path dir) throws IOException {
        Path f = dir.resolve("ifgramStack.h5");
        Network n = network();
        short[] cc = new short[n.pairCount() * ROWS * COLS];
        java.util.Arrays.fill(cc, (short) 1);
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("WAVELENGTH", "0.05546576");
        MintPyWriter.writeIfgramStack(f, UTM, n, new boolean[] {true, false, true, true}, cube(n.pairCount(), 3),
                cube(n.pairCount(), 1), cc, attrs);
        return f;
    }

    private static Path writtenTimeseries(Path dir) throws IOException {
        Path f = dir.resolve("timeseries.h5");
        LocalDate d0 = LocalDate.of(2020, 1, 1);
        List<LocalDate> dates = List.of(d0, d0.plusDays(12), d0.plusDays(24));
        MintPyWriter.writeTimeseries(f, UTM, dates, cube(3, 0.05f), new double[] {0, 12, -7},
                Map.of("WAVELENGTH", "0.05546576"));
        return f;
    }

    private static Path cropAFolder(Path cropA, Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("geotiffs"));
        for (String pair : List.of("20180106-20180130", "20180106-20180319", "20180130-20180319")) {
            for (String suffix : List.of("_VV_8rlks_eqa_unw.tif", "_VV_8rlks_flat_eqa_cc.tif")) {
                Path f = cropA.resolve("cropA_" + pair + suffix);
                if (Files.exists(f)) {
                    Files.copy(f, out.resolve(f.getFileName()));
                }
            }
        }
        return out;
    }

    private static void tif(Path f, GridGeometry g, float[] d, GeoTiffWriter.SampleType t) throws IOException {
        Files.createDirectories(f.getParent());
        GeoTiffWriter.write(f, g, d, 1, t, Map.of(), List.of());
    }

    private static Path hyp3(Path dir) throws IOException {
        Path root = dir.resolve("hyp3");
        String[] names = {"S1AA_20200101T015530_20200113T015530_VVP012_INT80_G_ueF_A1B2",
            "S1AA_20200113T015530_20200125T015530_VVP012_INT80_G_ueF_C3D4"};
        String[][] granules = {{"20200101", "20200113"}, {"20200113", "20200125"}};
        for (int k = 0; k < names.length; k++) {
            Path d = root.resolve(names[k]);
            tif(d.resolve(names[k] + "_unw_phase.tif"), UTM, cube(1, k + 2), GeoTiffWriter.SampleType.FLOAT32);
            tif(d.resolve(names[k] + "_corr.tif"), UTM, cube(1, 1), GeoTiffWriter.SampleType.FLOAT32);
            float[] cc = new float[ROWS * COLS];
            java.util.Arrays.fill(cc, 1);
            tif(d.resolve(names[k] + "_conncomp.tif"), UTM.withNodata(Double.NaN), cc, GeoTiffWriter.SampleType.UINT8);
            Files.writeString(d.resolve(names[k] + ".txt"), "Reference Granule: S1A_IW_SLC__1SDV_" + granules[k][0]
                    + "T015530_" + granules[k][0] + "T015557_030613_038224_1A2B\n"
                    + "Secondary Granule: S1A_IW_SLC__1SDV_" + granules[k][1] + "T015530_" + granules[k][1]
                    + "T015557_030788_03883D_3C4D\n"
                    + "Baseline: " + (k * 12.5 - 40) + "\nHeading: -12.5\nRadar wavelength: 0.055465763\n");
        }
        return root;
    }

    private static Path licsar(Path dir) throws IOException {
        Path root = dir.resolve("GEOC");
        String[] pairs = {"20210105_20210117", "20210117_20210129"};
        for (int k = 0; k < pairs.length; k++) {
            Path d = k == 0 ? root.resolve(pairs[k]) : root;
            tif(d.resolve(pairs[k] + ".geo.unw.tif"), LL, cube(1, k + 2), GeoTiffWriter.SampleType.FLOAT32);
            float[] cc = new float[ROWS * COLS];
            for (int i = 0; i < cc.length; i++) {
                cc[i] = (i * 5) % 256;
            }
            tif(d.resolve(pairs[k] + ".geo.cc.tif"), LL.withNodata(0), cc, GeoTiffWriter.SampleType.UINT8);
        }
        return root;
    }

    /** Three pairs of PyRate's small_test GAMMA stack with every header they use. */
    private static Path gamma(Path obs, Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("gamma_obs"));
        List<String> pairs = List.of("20060619-20061002", "20060828-20061211", "20061002-20070219");
        try (Stream<Path> s = Files.list(obs)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                String n = f.getFileName().toString();
                boolean pairFile = n.matches("\\d{8}-\\d{8}.*");
                boolean keep = pairFile ? pairs.stream().anyMatch(n::startsWith) && !n.endsWith(".xml")
                        : !n.endsWith(".xml") && !n.contains("ifms") && !n.endsWith(".dem") && !n.endsWith(".inc")
                        && !n.endsWith(".lv_theta");
                if (keep && Files.isRegularFile(f)) {
                    Files.copy(f, out.resolve(n));
                }
            }
        }
        return out;
    }

    private static Path roipac(Path obs, Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("roipac_obs"));
        for (String p : List.of("geo_060619-061002", "geo_060828-061211", "geo_061002-070219")) {
            Files.copy(obs.resolve(p + ".unw"), out.resolve(p + ".unw"));
            Files.copy(obs.resolve(p + ".unw.rsc"), out.resolve(p + ".unw.rsc"));
        }
        return out;
    }

    private static Path zarr(Path dir) throws IOException {
        Path store = dir.resolve("cube.zarr");
        try (ZarrCubeWriter w = ZarrCubeWriter.create(store, LL, "timeseries", 3, 4, 3,
                Map.of("FILE_TYPE", "timeseries"))) {
            w.writeBlock("timeseries", Window.of(LL), cube(3, 0.1f));
            w.commit();
        }
        return store;
    }

    private static float[] kelvin(int layers) {
        float[] d = cube(layers, 20);
        for (int i = 0; i < d.length; i++) {
            d[i] += 260;
        }
        return d;
    }

    private static Path lst(Path dir) throws IOException {
        Path f = dir.resolve("lst_stack.tif");
        GeoTiffWriter.write(f, LL, kelvin(3), 3, Map.of(), List.of("A2019017", "2019-01-01", "20190109"));
        return f;
    }

    private static Path lstFolder(Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("modis"));
        String[] names = {"MOD11A2.A2019001.tif", "MOD11A2.A2019009.tif", "20190117.tif"};
        for (String n : names) {
            GeoTiffWriter.write(root.resolve(n), LL, kelvin(1), 1, Map.of(), List.of());
        }
        return root;
    }

    private static Path siteTable(Path dir) throws IOException {
        Path f = dir.resolve("alt_sites.csv");
        Files.writeString(f, "# ALT sites\nid,lon,lat,alt_m\nA1,30.001,39.999,1.25\nA2,30.002,39.998,\n"
                + "A3,30.0035,39.9965,0.8\n");
        return f;
    }
}
