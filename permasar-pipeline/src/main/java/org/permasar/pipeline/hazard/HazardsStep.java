package org.permasar.pipeline.hazard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.hazard.BufferRings;
import org.permasar.hazard.Chainage;
import org.permasar.hazard.Corridor;
import org.permasar.hazard.CorridorProfile;
import org.permasar.io.AtomicFiles;
import org.permasar.io.vector.GeoJsonVectors;
import org.permasar.io.vector.VectorFeature;
import org.permasar.io.vector.VectorFiles;
import org.permasar.io.vector.VectorLayer;
import org.permasar.io.vector.VectorReprojection;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.InvalidInputException;

/**
 * The hazards step (SCIENCE.md §6; seed 002 §4.3): hazard features (thaw slumps, thaw lakes) counted in metric
 * buffer rings around corridor lines, and, with a velocity product, the deformation profile by chainage.
 *
 * <ol>
 *   <li>The lines (every LineString/MultiLineString of {@code --lines}, one corridor, chainage along the parts in
 *   file order) and every feature layer are reprojected with Proj4J into one projected CRS: {@code --epsg}, or the
 *   WGS 84 / UTM zone of the centre of the lines' extent. Buffers are computed there, in metres, never in
 *   degrees.</li>
 *   <li>{@link Corridor#inventory}: per layer and buffer distance, the features within the buffer (counted once,
 *   in the ring of their nearest point), the buffer's area and the density; the polygons' area clipped to it.</li>
 *   <li>With a deformation product: every pixel centre is reprojected, and {@link CorridorProfile} bins the pixels
 *   within the widest buffer by chainage (velocity m/yr → mm/yr).</li>
 * </ol>
 *
 * <p>Writes into {@code out} (each file atomically): {@code buffer_counts.csv}, {@code buffers.geojson} (buffers
 * and rings, WGS 84), {@code hazard_features.geojson} (every feature with its layer, distance to the line and
 * ring, WGS 84), and with a deformation product {@code corridor_profile.csv} and {@code worst_stretches.csv} (the
 * {@value #WORST} bins with the highest 95th-percentile subsidence). With {@code kmAttribute} the profile's chainage is
 * interpolated between kilometre posts ({@link Chainage#fromPosts}); with {@code measures} it is the lines' vertex
 * measures interpolated in length between the vertices ({@link Chainage#fromMeasures}). Stateless.
 */
public final class HazardsStep {
    private HazardsStep() {
    }

    /** One layer's inventory. */
    public record LayerResult(String name, VectorLayer projected, Corridor.Inventory inventory) {
    }

    /**
     * What the step found.
     *
     * @param epsg    the projected CRS used for buffering
     * @param corridor the corridor (projected metres)
     * @param layers  per layer, in the order given
     * @param profile the profile bins, or null without deformation
     */
    public record Result(int epsg, Corridor corridor, List<LayerResult> layers, CorridorProfile.Bin[] profile) {
    }

    /** Runs the step and writes its outputs. */
    public static Result run(HazardsParameters p) throws IOException {
        VectorLayer lines = VectorFiles.read(p.lines());
        if (lines.epsg() == 0 && p.epsg() == 0) {
            throw new InvalidInputException(p.lines(), "its CRS is unknown (no .prj, or one whose EPSG code could not be "
                    + "identified); give the lines in GeoJSON or with a WGS 84 / UTM .prj");
        }
        int epsg = p.epsg() != 0 ? p.epsg() : VectorReprojection.utmFor(lines);
        VectorLayer projLines = VectorReprojection.toEpsg(lines, epsg);
        Geometry line = corridorLine(p.lines(), projLines, p.kmAttribute() != null && p.kmPosts() == null);
        Corridor corridor = Corridor.around(line, p.buffers());
        Chainage chainage = Chainage.fromStart(line);
        if (p.measures() != null) {
            chainage = measures(p.lines(), line, p.measures(), epsg);
        }
        if (p.kmAttribute() != null) {
            Path postFile = p.kmPosts() != null ? p.kmPosts() : p.lines();
            VectorLayer posts = p.kmPosts() != null ? VectorReprojection.toEpsg(knownCrs(p.kmPosts()), epsg) : projLines;
            chainage = chainage(postFile, posts, p.kmAttribute(), line);
        }
        List<LayerResult> layers = new ArrayList<>();
        for (Map.Entry<String, Path> e : p.features().entrySet()) {
            VectorLayer l = VectorFiles.read(e.getValue());
            if (l.epsg() == 0) {
                throw new InvalidInputException(e.getValue(), "its CRS is unknown (no .prj, or one whose EPSG code could "
                        + "not be identified)");
            }
            VectorLayer proj = VectorReprojection.toEpsg(l, epsg).withName(e.getKey());
            layers.add(new LayerResult(e.getKey(), proj, corridor.inventory(geometriesOrNull(proj))));
        }
        CorridorProfile.Bin[] profile = null;
        if (p.deformation() != null) {
            profile = profile(p, corridor, chainage, epsg, layers);
        }
        Files.createDirectories(p.out());
        writeCounts(p.out().resolve("buffer_counts.csv"), layers, p.buffers());
        writeBuffers(p.out().resolve("buffers.geojson"), corridor, epsg);
        writeFeatures(p.out().resolve("hazard_features.geojson"), corridor, layers, epsg);
        if (profile != null) {
            writeProfile(p.out().resolve("corridor_profile.csv"), profile, layers);
        }
        if (profile != null) {
            writeWorst(p.out().resolve("worst_stretches.csv"), profile, WORST);
        }
        return new Result(epsg, corridor, layers, profile);
    }

    /** How many worst stretches {@code worst_stretches.csv} lists. */
    public static final int WORST = 5;

    private static VectorLayer knownCrs(Path file) throws IOException {
        VectorLayer l = VectorFiles.read(file);
        if (l.epsg() == 0) {
            throw new InvalidInputException(file, "its CRS is unknown (no .prj, or one whose EPSG code could not be "
                    + "identified)");
        }
        return l;
    }

    /**
     * The chainage from the point features of {@code posts} carrying a number in {@code attribute} (other features
     * ignored); refused naming the file when none does, or when the posts are out of order along the line.
     */
    static Chainage chainage(Path file, VectorLayer posts, String attribute, Geometry line) throws InvalidInputException {
        List<double[]> p = new ArrayList<>();
        int k = 0;
        for (VectorFeature f : posts.features()) {
            Geometry g = f.geometry();
            if (g != null && !g.isEmpty() && g.getDimension() == 0 && g.getNumGeometries() == 1) {
                Object v = f.attributes().get(attribute);
                double km;
                if (v instanceof Number n) {
                    km = n.doubleValue();
                } else if (v instanceof String str && !str.isBlank()) {
                    try {
                        km = Double.parseDouble(str.trim());
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(file, "feature " + k + ": --km-attribute " + attribute
                                + " is '" + str + "', not a number");
                    }
                } else {
                    throw new InvalidInputException(file, "feature " + k + " (a point) has no --km-attribute "
                            + attribute + (f.attributes().isEmpty() ? "" : " (it has " + f.attributes().keySet() + ")"));
                }
                p.add(new double[] {g.getCoordinate().x, g.getCoordinate().y, km});
            }
            k++;
        }
        if (p.isEmpty()) {
            throw new InvalidInputException(file, "no point features to read kilometre posts (--km-attribute "
                    + attribute + ") from");
        }
        double[] x = new double[p.size()];
        double[] y = new double[p.size()];
        double[] km = new double[p.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = p.get(i)[0];
            y[i] = p.get(i)[1];
            km[i] = p.get(i)[2];
        }
        try {
            return Chainage.fromPosts(line, x, y, km);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    /**
     * The chainage from the measures of the lines' vertices; refused naming the file when they have none (GeoJSON
     * cannot carry them) or when a vertex's measure is missing or out of order.
     */
    static Chainage measures(Path file, Geometry line, HazardsParameters.MeasureUnit unit, int epsg)
            throws InvalidInputException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".geojson") || n.endsWith(".json")) {
            throw new InvalidInputException(file, "--chainage m: GeoJSON positions carry no measures (RFC 7946 §3.1.1: "
                    + "easting, northing and an optional altitude); give the line as an ESRI Shapefile PolyLineM (shape "
                    + "type 23) or PolyLineZ with M (13), or use kilometre posts (--km-attribute)");
        }
        try {
            return Chainage.fromMeasures(line, unit.km());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, "--chainage m: " + e.getMessage() + " (coordinates in EPSG:" + epsg
                    + ")");
        }
    }

    static void writeWorst(Path file, CorridorProfile.Bin[] profile, int count) throws IOException {
        StringBuilder b = new StringBuilder("rank,start_km,end_km,pixels,mean_rate_mm_yr,p95_subsidence_mm_yr,share_faster\n");
        int rank = 1;
        for (int k : CorridorProfile.worst(profile, count)) {
            CorridorProfile.Bin bin = profile[k];
            if (bin.pixels() > 0) {
                b.append(String.format(Locale.ROOT, "%d,%.3f,%.3f,%d,%.4f,%.4f,%.4f%n", rank++, bin.startKm(), bin.endKm(),
                        bin.pixels(), bin.meanRate(), bin.p95Subsidence(), bin.shareFaster()));
            }
        }
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
    }

    /** Every line of the layer as one (Multi)LineString; polygons and points are refused naming the file. */
    static Geometry corridorLine(Path file, VectorLayer projected) throws InvalidInputException {
        return corridorLine(file, projected, false);
    }

    /** As {@link #corridorLine(Path, VectorLayer)}; with {@code pointsArePosts} point features are skipped (km posts). */
    static Geometry corridorLine(Path file, VectorLayer projected, boolean pointsArePosts) throws InvalidInputException {
        List<LineString> parts = new ArrayList<>();
        int k = 0;
        for (VectorFeature f : projected.features()) {
            Geometry g = f.geometry();
            if (g == null || g.isEmpty()) {
                k++;
                continue;
            }
            if (pointsArePosts && g.getDimension() == 0) {
                k++;
                continue;
            }
            if (g.getDimension() != 1) {
                throw new InvalidInputException(file, "feature " + k + " is a " + g.getGeometryType()
                        + ": --lines takes LineString or MultiLineString features");
            }
            for (int i = 0; i < g.getNumGeometries(); i++) {
                parts.add((LineString) g.getGeometryN(i));
            }
            k++;
        }
        if (parts.isEmpty()) {
            throw new InvalidInputException(file, "no line features");
        }
        GeometryFactory gf = parts.get(0).getFactory();
        return parts.size() == 1 ? parts.get(0) : gf.createMultiLineString(parts.toArray(new LineString[0]));
    }

    private static List<Geometry> geometriesOrNull(VectorLayer l) {
        List<Geometry> g = new ArrayList<>(l.features().size());
        for (VectorFeature f : l.features()) {
            g.add(f.geometry());
        }
        return g;
    }

    private static CorridorProfile.Bin[] profile(HazardsParameters p, Corridor corridor, Chainage chainage, int epsg,
                                                 List<LayerResult> layers)
            throws IOException {
        Path f = p.deformation();
        ProductRasters.Raster r = ProductRasters.read(f, f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".h5")
                ? "velocity" : null);
        GridGeometry g = r.grid();
        if (!g.isGeocoded() || g.epsg() == 0) {
            throw new InvalidInputException(f, "the deformation must be geocoded with an EPSG code to place it on the "
                    + "corridor (found " + g + ")");
        }
        int n = g.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] rate = new double[n];
        GeoTransform t = g.transform();
        for (int row = 0, i = 0; row < g.rows(); row++) {
            for (int col = 0; col < g.cols(); col++, i++) {
                x[i] = t.x(col + 0.5, row + 0.5);
                y[i] = t.y(col + 0.5, row + 0.5);
                rate[i] = r.data()[i] * 1000.0; // m/yr → mm/yr
            }
        }
        VectorReprojection.transform(x, y, g.epsg(), epsg);
        List<List<Geometry>> feats = new ArrayList<>();
        for (LayerResult l : layers) {
            feats.add(l.projected().geometries());
        }
        return CorridorProfile.compute(corridor, chainage, p.binKm(), x, y, rate, p.thresholdMm(), feats);
    }

    static void writeCounts(Path file, List<LayerResult> layers, BufferRings rings) throws IOException {
        StringBuilder b = new StringBuilder("layer,buffer_m,count,area_km2,density_per_km2,ring_inner_m,ring_count,"
                + "ring_area_km2,ring_density_per_km2,feature_area_km2,ring_feature_area_km2\n");
        for (LayerResult l : layers) {
            Corridor.Inventory inv = l.inventory();
            for (int k = 0; k < rings.size(); k++) {
                b.append(String.format(Locale.ROOT, "%s,%s,%d,%.6f,%.6f,%s,%d,%.6f,%.6f,%.6f,%.6f%n", l.name(),
                        num(rings.distance(k)), inv.bufferCount()[k], inv.bufferArea()[k] * 1e-6, inv.bufferDensity(k),
                        k == 0 ? "0" : num(rings.distance(k - 1)), inv.ringCount()[k], inv.ringArea()[k] * 1e-6,
                        inv.ringDensity(k), inv.bufferFeatureArea()[k] * 1e-6, inv.ringFeatureArea()[k] * 1e-6));
            }
        }
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static void writeBuffers(Path file, Corridor c, int epsg) throws IOException {
        List<VectorFeature> out = new ArrayList<>();
        BufferRings rings = c.rings();
        for (int k = 0; k < rings.size(); k++) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("kind", "buffer");
            a.put("inner_m", 0.0);
            a.put("buffer_m", rings.distance(k));
            a.put("area_km2", c.buffer(k).getArea() * 1e-6);
            out.add(new VectorFeature(VectorReprojection.transform(c.buffer(k), epsg, 4326), a));
        }
        for (int k = 0; k < rings.size(); k++) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("kind", "ring");
            a.put("inner_m", k == 0 ? 0.0 : rings.distance(k - 1));
            a.put("buffer_m", rings.distance(k));
            a.put("area_km2", c.ring(k).getArea() * 1e-6);
            out.add(new VectorFeature(VectorReprojection.transform(c.ring(k), epsg, 4326), a));
        }
        GeoJsonVectors.write(file, 4326, out);
    }

    static void writeFeatures(Path file, Corridor c, List<LayerResult> layers, int epsg) throws IOException {
        List<VectorFeature> out = new ArrayList<>();
        for (LayerResult l : layers) {
            List<VectorFeature> fs = l.projected().features();
            for (int i = 0; i < fs.size(); i++) {
                Geometry g = fs.get(i).geometry();
                if (g == null) {
                    continue;
                }
                Map<String, Object> a = new LinkedHashMap<>(fs.get(i).attributes());
                a.put("layer", l.name());
                a.put("distance_m", c.distanceTo(g));
                int ring = l.inventory().ringOf()[i];
                a.put("ring_m", ring < 0 ? null : c.rings().distance(ring));
                out.add(new VectorFeature(VectorReprojection.transform(g, epsg, 4326), a));
            }
        }
        GeoJsonVectors.write(file, 4326, out);
    }

    static void writeProfile(Path file, CorridorProfile.Bin[] bins, List<LayerResult> layers) throws IOException {
        StringBuilder b = new StringBuilder("start_km,end_km,pixels,mean_rate_mm_yr,p95_subsidence_mm_yr,share_faster");
        for (LayerResult l : layers) {
            b.append(',').append(l.name()).append("_count");
        }
        b.append('\n');
        for (CorridorProfile.Bin bin : bins) {
            b.append(String.format(Locale.ROOT, "%.3f,%.3f,%d,%.4f,%.4f,%.4f", bin.startKm(), bin.endKm(), bin.pixels(),
                    bin.meanRate(), bin.p95Subsidence(), bin.shareFaster()));
            for (int h : bin.hazards()) {
                b.append(',').append(h);
            }
            b.append('\n');
        }
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
    }
}
