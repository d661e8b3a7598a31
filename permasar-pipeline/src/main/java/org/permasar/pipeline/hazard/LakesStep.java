package org.permasar.pipeline.hazard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.permasar.grid.GridGeometry;
import org.permasar.hazard.LakeUnmixing;
import org.permasar.hazard.UtmZone;
import org.permasar.hazard.WaterMapping;
import org.permasar.io.AtomicFiles;
import org.permasar.io.vector.GeoJsonVectors;
import org.permasar.io.vector.VectorFeature;
import org.permasar.io.vector.VectorReprojection;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.InvalidInputException;

/**
 * The lake-mapping step (SCIENCE.md §6; seed 004): NDWI or MNDWI from two bands, water above a fixed or Otsu
 * threshold, holes below {@code fillHolesBelow} pixels filled, components below {@code minPixels} dropped, each lake
 * a polygon with its area ({@link WaterMapping}), and its sub-pixel area by linear spectral unmixing of the two bands
 * ({@link LakeUnmixing}).
 *
 * <p>Two areas per lake: {@code area_m2}, the area of the lake's polygon (its whole pixels), and
 * {@code area_unmixed_m2}, Σ of the pixels' water shares times the pixel area (the polygon's area / its pixels). The
 * polygon is what {@code hazards} and {@code lake-density} clip and measure; the unmixed area is the unbiased
 * estimate of the lake's size (the thresholded mask drops the boundary pixels that are less than the threshold's
 * share of water, about 70 % for Otsu's on a simulated tundra scene).
 *
 * <p>Writes into {@code out}, each file atomically: {@code water_index.tif} (float32), {@code water_mask.tif} (uint8 1
 * water, filled holes included, 0 not, 255 no index), {@code water_fraction.tif} (float32 water share: 1 inside the
 * lakes, unmixed on their boundary pixels and the pixels around them, 0 elsewhere), {@code lakes.geojson} (the
 * raster's CRS, a {@code crs} member naming it; attributes {@code lake_id, pixels, area_m2, area_unmixed_m2,
 * perimeter_m, endmembers}; usable as {@code permasar hazards --features} and {@code lake-density --lakes}) and
 * {@code lakes.csv}. Areas are in m² of the raster's projected CRS, or, for a geographic raster, of the WGS 84 / UTM
 * zone of each lake's centroid. Stateless.
 */
public final class LakesStep {
    private LakesStep() {
    }

    /**
     * One lake.
     *
     * @param pixels        its pixels in the (hole-filled) mask
     * @param areaM2        its polygon's area, m²
     * @param areaUnmixedM2 its unmixed area: Σ water share × pixel area, m²
     * @param unmixing      the unmixing's details (end-members, their source, pixels unmixed)
     */
    public record Lake(int id, int pixels, double areaM2, double perimeterM, Geometry polygon, double areaUnmixedM2,
                       LakeUnmixing.Lake unmixing) {
    }

    /** What the step found: the threshold used (Otsu's or the given one) and the lakes. */
    public record Result(GridGeometry grid, double threshold, long waterPixels, List<Lake> lakes) {
    }

    /** Runs the step and writes its outputs. */
    public static Result run(LakesParameters p) throws IOException {
        ProductRasters.Raster g = ProductRasters.read(p.green(), null);
        ProductRasters.Raster s = ProductRasters.read(p.second(), null);
        GridGeometry grid = g.grid();
        if (grid.rows() != s.grid().rows() || grid.cols() != s.grid().cols()
                || !grid.transform().equals(s.grid().transform()) || grid.epsg() != s.grid().epsg()) {
            throw new InvalidInputException(p.second(), "its grid (" + s.grid() + ") differs from --green's (" + grid
                    + "): resample the bands onto one grid first");
        }
        if (!grid.isGeocoded() || grid.epsg() == 0) {
            throw new InvalidInputException(p.green(), "the bands must be geocoded with an EPSG code (found " + grid + ")");
        }
        float[] index = WaterMapping.normalisedDifference(g.data(), s.data());
        double thr = Double.isNaN(p.threshold()) ? WaterMapping.otsu(index, LakesParameters.OTSU_BINS) : p.threshold();
        if (Double.isNaN(thr)) {
            throw new InvalidInputException(p.green(), "the water index has fewer than two distinct values: no Otsu "
                    + "threshold; give --threshold");
        }
        int n = index.length;
        boolean[] water = new boolean[n];
        for (int i = 0; i < n; i++) {
            water[i] = index[i] > thr;
        }
        boolean[] filled = WaterMapping.fillHoles(water, grid.rows(), grid.cols(), p.fillHolesBelow());
        byte[] mask = new byte[n];
        for (int i = 0; i < n; i++) {
            mask[i] = (byte) (filled[i] ? 1 : Float.isNaN(index[i]) ? 255 : 0);
        }
        int[][] comp = WaterMapping.components(filled, grid.rows(), grid.cols(), p.minPixels());
        int m = comp[1].length;
        List<Geometry> polys = WaterMapping.polygons(comp[0], m, grid.rows(), grid.cols(), grid.transform());
        LakeUnmixing.Result mix = LakeUnmixing.unmix(g.data(), s.data(), comp[0], m, water, grid.rows(), grid.cols());
        List<Lake> lakes = new ArrayList<>(m);
        long wet = 0;
        for (int k = 0; k < m; k++) {
            Geometry poly = polys.get(k);
            wet += comp[1][k];
            Geometry metric = poly;
            if (grid.isGeographic()) {
                Point c = poly.getCentroid();
                metric = VectorReprojection.transform(poly, grid.epsg(), UtmZone.epsg(c.getX(), c.getY()));
            }
            double area = metric.getArea();
            LakeUnmixing.Lake u = mix.lakes().get(k);
            lakes.add(new Lake(k + 1, comp[1][k], area, metric.getLength(), poly, area / comp[1][k] * u.waterPixels(),
                    u));
        }
        Files.createDirectories(p.out());
        ProductRasters.writeFloat(p.out().resolve("water_index.tif"), grid, index, p.swir() ? "MNDWI" : "NDWI", "1");
        Map<String, String> legend = new LinkedHashMap<>();
        legend.put("CLASS_0", "not water");
        legend.put("CLASS_1", "water");
        legend.put("THRESHOLD", Double.toString(thr));
        legend.put("FILL_HOLES_BELOW", Integer.toString(p.fillHolesBelow()));
        ProductRasters.writeByte(p.out().resolve("water_mask.tif"), grid, mask, 255, "water", legend);
        ProductRasters.writeFloat(p.out().resolve("water_fraction.tif"), grid, mix.fraction(), "water_fraction", "1");
        List<VectorFeature> fs = new ArrayList<>();
        StringBuilder b = new StringBuilder("lake_id,pixels,area_m2,perimeter_m,centroid_x,centroid_y,area_unmixed_m2,"
                + "unmixed_pixels,endmembers\n");
        for (Lake l : lakes) {
            String source = l.unmixing().source().name().toLowerCase(Locale.ROOT);
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("lake_id", (double) l.id());
            a.put("pixels", (double) l.pixels());
            a.put("area_m2", l.areaM2());
            a.put("area_unmixed_m2", l.areaUnmixedM2());
            a.put("perimeter_m", l.perimeterM());
            a.put("endmembers", source);
            fs.add(new VectorFeature(l.polygon(), a));
            Point c = l.polygon().getCentroid();
            b.append(String.format(Locale.ROOT, "%d,%d,%.3f,%.3f,%.6f,%.6f,%.3f,%d,%s%n", l.id(), l.pixels(), l.areaM2(),
                    l.perimeterM(), c.getX(), c.getY(), l.areaUnmixedM2(), l.unmixing().unmixed(), source));
        }
        GeoJsonVectors.write(p.out().resolve("lakes.geojson"), grid.epsg(), fs);
        AtomicFiles.write(p.out().resolve("lakes.csv"), tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
        return new Result(grid, thr, wet, lakes);
    }
}
