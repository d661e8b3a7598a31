package org.permasar.cli.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.hazard.UtmZone;
import org.permasar.io.vector.Ogr;
import org.permasar.io.vector.VectorFeature;
import org.permasar.io.vector.VectorFiles;
import org.permasar.io.vector.VectorLayer;
import org.permasar.io.vector.VectorReprojection;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar lakes} on scenes made from real lake outlines (issue 15): no real Landsat or Sentinel-2 scene is in
 * {@code ../shared/data}, but Natural Earth's lake outlines of the Tibetan Plateau are. Three of them, of 0.04, 5.3
 * and 67 km² (the smallest lakes of the file that are more than a one-pixel sliver), each reprojected to the WGS 84 /
 * UTM zone of its centroid and rasterised on 30 m pixels aligned on multiples of 30 m, with 10 pixels of land around
 * it. Each pixel's water share is exact: the area of the outline ∩ the pixel (JTS) / 900 m² ({@link #shares}). Green and NIR
 * reflectances are a linear mix of water (0.07, 0.03) and land (0.10, NIR 0.235 … 0.265 rising west to east across
 * the scene) by that share, plus N(0, 0.004²) noise (seed {@value #SEED}).
 *
 * <p>Referee: GDAL/SpatiaLite, {@code ogr2ogr -dialect sqlite} with {@code ST_Area(ST_Transform(geometry, UTM))} on
 * the file itself (skipped without {@code ogr2ogr}). The rasterised shares must sum to GDAL's area (10⁻⁶): the scene is
 * the outline. The mapped lake's unmixed area must be within 2 % of GDAL's area; its whole-pixel area is printed
 * beside it.
 */
class LakesRealOutlinesTest {
    static final long SEED = 20261208L;
    static final double D = 30;
    static final int MARGIN = 10;
    /** Attribute, value and scale rank picking each outline (two lakes are "_untitled_31", of rank 6 and 8). */
    static final String[][] CHOSEN = {{"note", "_untitled_238", "9"}, {"name", "Tarbela Dam", "7"},
        {"note", "_untitled_31", "8"}};

    @Test
    void mapsRealOutlinesToTheirAreas(@TempDir Path tmp) throws Exception {
        Path file = CliRunner.shared().resolve("data/vector/ne_10m_lakes_tibetan_plateau.geojson");
        assumeTrue(Files.isRegularFile(file) && Ogr.available(), "ogr2ogr or ../shared/data/vector absent");
        VectorLayer layer = VectorFiles.read(file);
        Random rnd = new Random(SEED);
        for (String[] pick : CHOSEN) {
            Geometry ll = null;
            for (VectorFeature f : layer.features()) {
                if (pick[1].equals(f.attributes().get(pick[0]))
                        && Double.valueOf(pick[2]).equals(f.attributes().get("scalerank"))) {
                    ll = f.geometry();
                }
            }
            assertTrue(ll != null, "no lake with " + pick[0] + " = " + pick[1]);
            Point c = ll.getCentroid();
            int epsg = UtmZone.epsg(c.getX(), c.getY());
            List<String[]> q = Ogr.query(file, "SELECT ST_Area(ST_Transform(geometry, " + epsg + ")) FROM ne_10m_lakes "
                    + "WHERE " + pick[0] + " = '" + pick[1] + "' AND scalerank = " + pick[2]);
            assertEquals(1, q.size());
            double gdal = Double.parseDouble(q.get(0)[0]);
            Geometry lake = VectorReprojection.transform(ll, 4326, epsg);

            Envelope e = lake.getEnvelopeInternal();
            double x0 = (Math.floor(e.getMinX() / D) - MARGIN) * D, y0 = (Math.ceil(e.getMaxY() / D) + MARGIN) * D;
            int cols = (int) Math.round((Math.ceil(e.getMaxX() / D) + MARGIN) - x0 / D);
            int rows = (int) Math.round(y0 / D - (Math.floor(e.getMinY() / D) - MARGIN));
            double[] share = shares(lake, x0, y0, rows, cols);
            float[] g = new float[rows * cols];
            float[] nir = new float[rows * cols];
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                for (int col = 0; col < cols; col++) {
                    double w = share[r * cols + col];
                    sum += w;
                    double landNir = 0.235 + 0.03 * col / (cols - 1.0);
                    g[r * cols + col] = (float) (w * 0.07 + (1 - w) * 0.10 + 0.004 * rnd.nextGaussian());
                    nir[r * cols + col] = (float) (w * 0.03 + (1 - w) * landNir + 0.004 * rnd.nextGaussian());
                }
            }
            assertEquals(gdal, sum * D * D, 1e-6 * gdal, "the rasterised outline against GDAL's area");

            GridGeometry grid = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(x0, D, y0, -D), epsg, Double.NaN);
            Path dir = tmp.resolve(pick[1]);
            Files.createDirectories(dir);
            Path gt = dir.resolve("green.tif"), nt = dir.resolve("nir.tif");
            ProductRasters.writeFloat(gt, grid, g, "green", "1");
            ProductRasters.writeFloat(nt, grid, nir, "nir", "1");
            CliRunner.Result res = CliRunner.run("lakes", "--green", gt.toString(), "--nir", nt.toString(), "--out",
                    dir.resolve("out").toString());
            assertEquals(0, res.code(), res.err());
            List<String> out = Files.readAllLines(dir.resolve("out/lakes.csv"));
            assertEquals(2, out.size(), "one lake: " + out);
            String[] f = out.get(1).split(",");
            double whole = Double.parseDouble(f[2]), unmixed = Double.parseDouble(f[6]);
            System.out.printf("%s (EPSG:%d, %d × %d px): GDAL %.0f m², whole pixels %.0f m² (%+.2f %%), unmixed %.0f m² "
                    + "(%+.2f %%), %s px, %s unmixed, end-members %s%n", pick[1], epsg, rows, cols, gdal, whole,
                    100 * (whole / gdal - 1), unmixed, 100 * (unmixed / gdal - 1), f[1], f[7], f[8]);
            assertEquals(gdal, unmixed, 0.02 * gdal, out.get(1));
        }
    }

    /**
     * Each pixel's water share, exact: the pixels within one pixel of a point of the outline (sampled every D/4 along
     * its rings, so every pixel the outline crosses is among them) get area(outline ∩ pixel) / D²; the others lie
     * wholly in or out, told by their centre.
     */
    static double[] shares(Geometry lake, double x0, double y0, int rows, int cols) {
        boolean[] near = new boolean[rows * cols];
        for (int k = 0; k < lake.getNumGeometries(); k++) {
            Polygon poly = (Polygon) lake.getGeometryN(k);
            for (int h = -1; h < poly.getNumInteriorRing(); h++) {
                Coordinate[] ring = (h < 0 ? poly.getExteriorRing() : poly.getInteriorRingN(h)).getCoordinates();
                for (int i = 0; i + 1 < ring.length; i++) {
                    int steps = (int) Math.ceil(ring[i].distance(ring[i + 1]) / (D / 4)) + 1;
                    for (int t = 0; t <= steps; t++) {
                        double x = ring[i].x + (ring[i + 1].x - ring[i].x) * t / steps;
                        double y = ring[i].y + (ring[i + 1].y - ring[i].y) * t / steps;
                        int r = (int) Math.floor((y0 - y) / D), c = (int) Math.floor((x - x0) / D);
                        for (int rr = Math.max(0, r - 1); rr <= Math.min(rows - 1, r + 1); rr++) {
                            for (int cc = Math.max(0, c - 1); cc <= Math.min(cols - 1, c + 1); cc++) {
                                near[rr * cols + cc] = true;
                            }
                        }
                    }
                }
            }
        }
        GeometryFactory gf = lake.getFactory();
        IndexedPointInAreaLocator inside = new IndexedPointInAreaLocator(lake);
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double xa = x0 + c * D, yb = y0 - (r + 1) * D;
                if (near[r * cols + c]) {
                    Geometry box = gf.toGeometry(new Envelope(xa, xa + D, yb, yb + D));
                    out[r * cols + c] = box.intersection(lake).getArea() / (D * D);
                } else {
                    out[r * cols + c] = inside.locate(new Coordinate(xa + D / 2, yb + D / 2)) == Location.INTERIOR ? 1 : 0;
                }
            }
        }
        return out;
    }
}
