package org.permasar.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.permasar.grid.GridGeometry;
import org.permasar.io.RasterFormats;
import org.permasar.network.Network;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.RasterSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code permasar info PATH}: summary of any stack or product. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Summarise a stack or product: format, grid, CRS, dates, pairs, wavelength, datasets.")
final class InfoCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "HDF5 file (MintPy layout), GeoTIFF, or folder of interferograms")
    Path path;

    @Option(names = "--attributes", description = "Also list every metadata attribute.")
    boolean attributes;

    @Option(names = "--pairs", description = "Also list every pair with its temporal and perpendicular baseline.")
    boolean pairs;

    @Override
    public Integer call() throws Exception {
        try (RasterSource src = RasterFormats.open(path)) {
            print(src, System.out);
        }
        return 0;
    }

    void print(RasterSource src, PrintStream out) throws Exception {
        out.println("path:       " + src.path());
        out.println("format:     " + src.format());
        GridGeometry g = src.grid();
        out.println("size:       " + g.cols() + " × " + g.rows() + " pixels (width × length)");
        if (g.isGeocoded()) {
            out.println("CRS:        " + (g.epsg() > 0 ? "EPSG:" + g.epsg() : "unknown"));
            var t = g.transform();
            out.printf("origin:     x %.10g, y %.10g (upper-left corner)%n", t.originX(), t.originY());
            out.printf("pixel:      %.10g × %.10g%n", t.pixelWidth(), t.pixelHeight());
            out.printf("extent:     x %.8g … %.8g, y %.8g … %.8g%n", t.x(0, 0), t.x(g.cols(), g.rows()),
                    t.y(g.cols(), g.rows()), t.y(0, 0));
        } else {
            out.println("CRS:        radar geometry" + (g.coordinates() != null ? " (per-pixel latitude/longitude)" : ""));
        }
        if (!Double.isNaN(g.nodata())) {
            out.println("nodata:     " + g.nodata());
        }
        if (src instanceof InterferogramStack s) {
            Network n = s.network();
            List<LocalDate> d = n.dates();
            out.println("dates:      " + n.dateCount() + " (" + d.get(0) + " … " + d.get(d.size() - 1) + ")");
            out.println("pairs:      " + n.pairCount() + (n.isConnected() ? "" : " (network has " + n.components().size()
                    + " disconnected subsets)"));
            out.printf("wavelength: %.10g m%n", s.wavelength());
            if (pairs) {
                for (int k = 0; k < n.pairCount(); k++) {
                    out.printf("  %s  %4d days  bperp %8.2f m%n", n.pairs().get(k), n.pairs().get(k).days(), n.bperp(k));
                }
            }
        } else {
            String wl = src.attributes().get("WAVELENGTH");
            if (wl != null) {
                out.println("wavelength: " + wl + " m");
            }
        }
        out.println("datasets:");
        for (String name : src.datasets()) {
            int layers = src.layers(name);
            out.println("  " + name + (layers > 1 ? " (" + layers + " layers)" : ""));
        }
        if (attributes) {
            out.println("attributes:");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(src.attributes()).entrySet()) {
                out.println("  " + e.getKey() + " = " + e.getValue());
            }
        }
    }
}
