package org.permasar.io.zarr;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.TimeSeriesProduct;
import org.permasar.network.Dates;
import org.permasar.stack.InvalidInputException;

/**
 * A Zarr store read as a {@link TimeSeriesProduct}: the layer dates come from the group attribute
 * {@code date} (comma-separated {@code YYYYMMDD}, as {@link ZarrBlockSink} writes MintPy's
 * {@code date} dataset) and the baselines from {@code bperp}. A store without {@code date} opens
 * with no dates. Every 3-D array must then have one layer per date. Not thread-safe.
 */
public final class ZarrTimeSeries implements TimeSeriesProduct {
    private final ZarrCube cube;
    private final List<LocalDate> dates;
    private final double[] bperp;

    private ZarrTimeSeries(ZarrCube cube, List<LocalDate> dates, double[] bperp) {
        this.cube = cube;
        this.dates = dates;
        this.bperp = bperp;
    }

    /** Opens {@code dir}; see the class documentation. */
    public static ZarrTimeSeries open(Path dir) throws IOException {
        ZarrCube c = ZarrCube.open(dir);
        try {
            Map<String, String> a = c.attributes();
            List<LocalDate> dates = new ArrayList<>();
            String d = a.get("date");
            if (d != null && !d.isBlank()) {
                String[] parts = d.split(",");
                for (int i = 0; i < parts.length; i++) {
                    try {
                        dates.add(Dates.parse(parts[i].trim()));
                    } catch (IllegalArgumentException e) {
                        throw new InvalidInputException(dir, "date", "entry " + i + ": " + e.getMessage());
                    }
                }
                for (String name : c.datasets()) {
                    if (c.is3d(name) && c.layers(name) != dates.size()) {
                        throw new InvalidInputException(dir, name, "has " + c.layers(name) + " layers, expected "
                                + dates.size() + ", one per date");
                    }
                }
            }
            double[] bp = null;
            String b = a.get("bperp");
            if (b != null && !dates.isEmpty()) {
                String[] parts = b.split(",");
                if (parts.length != dates.size()) {
                    throw new InvalidInputException(dir, "bperp", "has " + parts.length + " values for " + dates.size()
                            + " dates");
                }
                bp = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    try {
                        bp[i] = Double.parseDouble(parts[i].trim());
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(dir, "bperp", "entry " + i + " is not a number: " + parts[i]);
                    }
                }
            }
            return new ZarrTimeSeries(c, List.copyOf(dates), bp);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public List<LocalDate> dates() {
        return dates;
    }

    @Override
    public double[] bperp() {
        return bperp == null ? null : bperp.clone();
    }

    @Override
    public Path path() {
        return cube.path();
    }

    @Override
    public String format() {
        return cube.format();
    }

    @Override
    public GridGeometry grid() {
        return cube.grid();
    }

    @Override
    public Map<String, String> attributes() {
        return cube.attributes();
    }

    @Override
    public List<String> datasets() {
        return cube.datasets();
    }

    @Override
    public int layers(String dataset) throws IOException {
        return cube.layers(dataset);
    }

    @Override
    public void read(String dataset, Window window, float[] dest, int offset) throws IOException {
        cube.read(dataset, window, dest, offset);
    }

    @Override
    public void close() {
        cube.close();
    }
}
