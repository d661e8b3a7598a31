package org.permasar.pipeline.geocode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.geometry.RadarGeocoder;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.mintpy.MintPyGeometry;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.stack.InvalidInputException;

/**
 * {@code permasar geocode}: a radar-geometry MintPy product onto a regular WGS 84 grid through the
 * lookup table of its {@code geometryRadar.h5} ({@link RadarGeocoder}, nearest neighbour as MintPy's
 * {@code geocode.py}), so that it can be mapped, overlaid and compared. Writes {@code geo_NAME.h5}
 * with the same datasets and attributes, the grid attributes (X_FIRST, Y_FIRST, X_STEP, Y_STEP, EPSG
 * 4326) replaced, and a reference pixel moved to the cell of its latitude/longitude (REF_LAT/REF_LON
 * added). Time series ({@code timeseries} with dates) and files of 2-D maps (velocity, geometry,
 * temporal coherence, …) are geocoded; interferogram stacks are refused (invert them first). The
 * input is read whole (radar-geometry products are one frame).
 */
public final class GeocodeStep {
    private GeocodeStep() {
    }

    /**
     * @param input   the radar-geometry product
     * @param lookup  the geometry with {@code latitude} and {@code longitude} per radar pixel
     * @param latStep output latitude step in degrees, or NaN (automatic)
     * @param lonStep output longitude step in degrees, or NaN (automatic)
     * @param out     output folder
     * @return the written file and a one-line summary
     */
    public record Result(Path file, String summary) {
    }

    public static Result run(Path input, Path lookup, double latStep, double lonStep, Path out) throws IOException {
        float[] lat, lon;
        GridGeometry radar;
        try (MintPyGeometry g = MintPyGeometry.open(lookup)) {
            for (String d : List.of(MintPyGeometry.LATITUDE, MintPyGeometry.LONGITUDE)) {
                if (!g.has(d)) {
                    throw new InvalidInputException(lookup, d, "dataset is missing: a lookup table (MintPy "
                            + "geometryRadar.h5) gives latitude and longitude per radar pixel");
                }
            }
            radar = g.grid();
            lat = g.read(MintPyGeometry.LATITUDE, Window.of(radar));
            lon = g.read(MintPyGeometry.LONGITUDE, Window.of(radar));
        }
        RadarGeocoder.Plan plan;
        try {
            plan = RadarGeocoder.plan(lat, lon, radar.rows(), radar.cols(), latStep, lonStep);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(lookup, MintPyGeometry.LATITUDE, e.getMessage());
        }
        GridGeometry geo = plan.grid();
        Path file = out.resolve("geo_" + input.getFileName().toString().replaceFirst("\\.h5$", "") + ".h5");
        try (MintPyProduct p = MintPyProduct.open(input)) {
            if (p.grid().rows() != radar.rows() || p.grid().cols() != radar.cols()) {
                throw new InvalidInputException(input, "its " + p.grid().rows() + " × " + p.grid().cols()
                        + " grid differs from the lookup's " + radar.rows() + " × " + radar.cols() + " (" + lookup + ")");
            }
            Map<String, String> attrs = new LinkedHashMap<>(p.attributes());
            moveReference(attrs, lat, lon, radar, geo);
            Files.createDirectories(out);
            List<LocalDate> dates = p.dates();
            if (p.has("timeseries") && dates.size() > 1) {
                float[] cube = p.read("timeseries", Window.of(radar));
                float[] g = RadarGeocoder.apply(plan, cube, dates.size());
                AtomicFiles.write(file, tmp -> MintPyWriter.writeTimeseries(tmp, geo, dates, g, p.bperp(), attrs,
                        attrs.getOrDefault("UNIT", "m")));
            } else {
                LinkedHashMap<String, float[]> maps = new LinkedHashMap<>();
                for (String d : p.datasets()) {
                    if (p.layers(d) != 1) {
                        throw new InvalidInputException(input, d, p.layers(d) + " layers: geocode takes time series and "
                                + "files of maps; invert an interferogram stack first, then geocode its timeseries.h5");
                    }
                    maps.put(d, RadarGeocoder.apply(plan, p.read(d, Window.of(radar)), 1));
                }
                String type = attrs.getOrDefault("FILE_TYPE", "velocity");
                AtomicFiles.write(file, tmp -> MintPyWriter.writeMaps(tmp, geo, maps, attrs, type));
            }
        }
        String summary = String.format(Locale.ROOT, "geocoded %s: %d × %d radar px → %d × %d cells of %.6f° × %.6f° "
                        + "(EPSG:4326), %d filled; wrote %s", input.getFileName(), radar.rows(), radar.cols(), geo.rows(),
                geo.cols(), -geo.transform().pixelHeight(), geo.transform().pixelWidth(), plan.filled(), file);
        return new Result(file, summary);
    }

    /** REF_Y/REF_X of the radar grid → the geocoded cell of the reference pixel's latitude/longitude. */
    private static void moveReference(Map<String, String> attrs, float[] lat, float[] lon, GridGeometry radar,
                                      GridGeometry geo) {
        String y = attrs.get("REF_Y"), x = attrs.get("REF_X");
        attrs.remove("REF_Y");
        attrs.remove("REF_X");
        if (y == null || x == null) {
            return;
        }
        try {
            int r = Integer.parseInt(y.trim()), c = Integer.parseInt(x.trim());
            int k = r * radar.cols() + c;
            if (r < 0 || c < 0 || r >= radar.rows() || c >= radar.cols() || !Float.isFinite(lat[k]) || !Float.isFinite(lon[k])) {
                return;
            }
            int gr = (int) Math.floor(geo.transform().row(lon[k], lat[k]));
            int gc = (int) Math.floor(geo.transform().col(lon[k], lat[k]));
            attrs.put("REF_LAT", Float.toString(lat[k]));
            attrs.put("REF_LON", Float.toString(lon[k]));
            if (gr >= 0 && gc >= 0 && gr < geo.rows() && gc < geo.cols()) {
                attrs.put("REF_Y", Integer.toString(gr));
                attrs.put("REF_X", Integer.toString(gc));
            }
        } catch (NumberFormatException e) {
            // an unreadable reference is dropped, not guessed
        }
    }
}
