package org.permasar.io.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.permasar.stack.InvalidInputException;

/**
 * GeoJSON and Shapefile reading on the Natural Earth subsets in shared/data/vector (README §8), with GDAL's ogr2ogr
 * as the referee for the Shapefile form, the .prj and the reprojection.
 */
class VectorFilesTest {
    static final Path DATA = Path.of(System.getProperty("permasar.shared", "../shared"), "data/vector");
    static final Path LAKES = DATA.resolve("ne_10m_lakes_tibetan_plateau.geojson");
    static final Path RAIL = DATA.resolve("ne_10m_railroads_fairbanks.geojson");

    @Test
    void readsTheNaturalEarthSubsets() throws Exception {
        assumeTrue(Files.isRegularFile(LAKES), "shared/data/vector absent");
        VectorLayer lakes = VectorFiles.read(LAKES);
        assertEquals(4326, lakes.epsg());
        assertEquals(61, lakes.features().size()); // README §8: 61 polygons
        assertTrue(lakes.features().stream().anyMatch(f -> "Nam Co".equals(f.attributes().get("name"))));
        VectorLayer rail = VectorFiles.read(RAIL);
        assertEquals(1, rail.features().size());
        LineString l = assertInstanceOf(LineString.class, rail.features().get(0).geometry());
        // README §8: from 63.0 N (the clip edge) to Fairbanks (64.93 N)
        assertEquals(63.0, l.getEnvelopeInternal().getMinY(), 0.01);
        assertEquals(64.93, l.getEnvelopeInternal().getMaxY(), 0.01);
    }

    @Test
    void shapefileWrittenByOgrReadsAsTheGeoJsonAndItsPrjNamesTheUtmZone(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isRegularFile(LAKES) && Ogr.available(), "ogr2ogr or shared data absent");
        Path shp = tmp.resolve("lakes_utm46.shp");
        Ogr.run(List.of("-f", "ESRI Shapefile", "-t_srs", "EPSG:32646", shp.toString(), LAKES.toString()));
        VectorLayer fromShp = VectorFiles.read(shp);
        assertEquals(32646, fromShp.epsg(), "the .prj GDAL writes (ESRI WKT) identifies WGS 84 / UTM 46N");
        VectorLayer fromJson = VectorReprojection.toEpsg(VectorFiles.read(LAKES), 32646);
        assertEquals(fromJson.features().size(), fromShp.features().size());
        for (int k = 0; k < fromShp.features().size(); k++) {
            VectorFeature a = fromJson.features().get(k);
            VectorFeature b = fromShp.features().get(k);
            assertEquals(a.attributes().get("name"), b.attributes().get("name"), "feature " + k);
            Geometry ga = a.geometry();
            Geometry gb = b.geometry();
            // Proj4J (ours) against PROJ (GDAL): same polygons to well under a metre, same areas to 1e-6
            assertEquals(ga.getArea(), gb.getArea(), 1e-6 * ga.getArea(), "area of feature " + k);
            assertEquals(0, ga.getCoordinates()[0].distance(gb.getCoordinates()[0]), 0.01, "first vertex of " + k);
            assertEquals(ga.getNumPoints(), gb.getNumPoints());
        }
    }

    @Test
    void shapefileLinesAndPointsKeepTheirAttributes(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isRegularFile(RAIL) && Ogr.available(), "ogr2ogr or shared data absent");
        Path shp = tmp.resolve("rail.shp");
        Ogr.run(List.of("-f", "ESRI Shapefile", shp.toString(), RAIL.toString()));
        VectorLayer rail = VectorFiles.read(shp);
        assertEquals(4326, rail.epsg());
        VectorLayer json = VectorFiles.read(RAIL);
        assertTrue(json.features().get(0).geometry().equalsExact(rail.features().get(0).geometry(), 1e-12));
        Path pts = tmp.resolve("pts.shp");
        Ogr.run(List.of("-f", "ESRI Shapefile", pts.toString(), LAKES.toString(), "-dialect", "sqlite", "-sql",
                "SELECT name, scalerank, ST_Centroid(geometry) AS geometry FROM ne_10m_lakes"));
        VectorLayer p = VectorFiles.read(pts);
        assertEquals(61, p.features().size());
        assertEquals("Point", p.features().get(0).geometry().getGeometryType());
        assertInstanceOf(Double.class, p.features().get(0).attributes().get("scalerank"));
    }

    /**
     * Vertex measures (M) of PolyLineM records written byte by byte from the specification: kept as JTS measures, the
     * no-data value (below −10³⁸) as NaN, a record without the optional M block without measures, and kept through
     * reprojection.
     */
    @Test
    void polyLineMeasuresAreKept(@TempDir Path tmp) throws Exception {
        Path shp = tmp.resolve("rail.shp");
        PolyLineMShapefile.write(shp, PolyLineMShapefile.utmNorthPrj(6), true,
                new double[][] {{500000, 7000000, 10.0}, {501000, 7000000, 10.5}, {503000, 7001000, 13.5}},
                new double[][] {{600000, 7100000, 20.0}, {600500, 7100000, PolyLineMShapefile.NO_DATA}});
        VectorLayer l = VectorFiles.read(shp);
        assertEquals(32606, l.epsg());
        CoordinateSequence a = ((LineString) l.features().get(0).geometry()).getCoordinateSequence();
        assertTrue(a.hasM());
        assertEquals(3, a.size());
        assertEquals(503000, a.getX(2), 0);
        assertEquals(7001000, a.getY(2), 0);
        assertEquals(10.0, a.getM(0), 0);
        assertEquals(10.5, a.getM(1), 0);
        assertEquals(13.5, a.getM(2), 0);
        CoordinateSequence b = ((LineString) l.features().get(1).geometry()).getCoordinateSequence();
        assertEquals(20.0, b.getM(0), 0);
        assertTrue(Double.isNaN(b.getM(1)), "no-data measure → NaN");
        // the measures travel with the vertices through reprojection
        CoordinateSequence ll = ((LineString) VectorReprojection.toEpsg(l, 4326).features().get(0).geometry())
                .getCoordinateSequence();
        assertTrue(ll.hasM());
        assertEquals(13.5, ll.getM(2), 0);
        assertEquals(-147.0, ll.getX(0), 1e-9); // the central meridian of zone 6 at easting 500 000 m
        Path plain = tmp.resolve("plain.shp");
        PolyLineMShapefile.write(plain, null, false, new double[][] {{0, 0, 1}, {10, 0, 2}});
        assertTrue(!((LineString) VectorFiles.read(plain).features().get(0).geometry()).getCoordinateSequence().hasM());
    }

    /** GDAL's PolyLineM (type 23) and PolyLineZ with M (type 13) give the measures GDAL was given. */
    @Test
    void polyLineMeasuresWrittenByOgr(@TempDir Path tmp) throws Exception {
        assumeTrue(Ogr.available(), "ogr2ogr absent");
        double[][] v = {{500000, 7000000, 10.0}, {501000, 7000000, 10.5}, {503000, 7000000, 13.5}, {504000, 7000000, 15.0}};
        for (String dim : new String[] {"M", "ZM"}) {
            StringBuilder wkt = new StringBuilder("LINESTRING " + dim + " (");
            for (int i = 0; i < v.length; i++) {
                wkt.append(i == 0 ? "" : ", ").append(v[i][0]).append(' ').append(v[i][1])
                        .append(dim.equals("ZM") ? " " + (4000 + i) : "").append(' ').append(v[i][2]);
            }
            Path csv = tmp.resolve("line" + dim + ".csv");
            Files.writeString(csv, "WKT,name\n\"" + wkt + ")\",rail\n");
            Path shp = tmp.resolve("line" + dim + ".shp");
            Ogr.run(List.of("-f", "ESRI Shapefile", shp.toString(), csv.toString(), "-a_srs", "EPSG:32606", "-nlt",
                    "LINESTRING" + dim));
            byte[] header = Files.readAllBytes(shp);
            assertEquals(dim.equals("M") ? 23 : 13, header[32], "shape type GDAL wrote");
            VectorLayer l = VectorFiles.read(shp);
            assertEquals(32606, l.epsg());
            assertEquals("rail", l.features().get(0).attributes().get("name"));
            CoordinateSequence s = ((LineString) l.features().get(0).geometry()).getCoordinateSequence();
            assertTrue(s.hasM(), dim);
            for (int i = 0; i < v.length; i++) {
                assertEquals(v[i][0], s.getX(i), 0);
                assertEquals(v[i][2], s.getM(i), 0, dim + " vertex " + i);
            }
        }
    }

    @Test
    void prjWktToEpsg() {
        assertEquals(32646, PrjEpsg.fromWkt("PROJCS[\"WGS_1984_UTM_Zone_46N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\","
                + "SPHEROID[\"WGS_1984\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.0174532925199433]],"
                + "PROJECTION[\"Transverse_Mercator\"],UNIT[\"Meter\",1]]"));
        assertEquals(32706, PrjEpsg.fromWkt("PROJCS[\"WGS 84 / UTM zone 6S\",GEOGCS[\"WGS 84\"]]"));
        assertEquals(26906, PrjEpsg.fromWkt("PROJCS[\"NAD_1983_UTM_Zone_6N\",GEOGCS[\"GCS_North_American_1983\"]]"));
        assertEquals(4326, PrjEpsg.fromWkt("GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137,298.257223563]]]"));
        assertEquals(3413, PrjEpsg.fromWkt("PROJCS[\"WGS 84 / NSIDC Sea Ice Polar Stereographic North\",GEOGCS[\"WGS 84\","
                + "AUTHORITY[\"EPSG\",\"4326\"]],UNIT[\"metre\",1],AUTHORITY[\"EPSG\",\"3413\"]]"));
        assertEquals(0, PrjEpsg.fromWkt("PROJCS[\"Some_Local_Grid\",GEOGCS[\"GCS_WGS_1984\"]]"));
    }

    @Test
    void malformedFilesNameTheProblem(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.geojson");
        Files.writeString(bad, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1]}}]}");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> VectorFiles.read(bad));
        assertTrue(e.getMessage().contains("feature 0"), e.getMessage());
        Path notShp = tmp.resolve("x.shp");
        Files.write(notShp, new byte[200]);
        assertThrows(InvalidInputException.class, () -> VectorFiles.read(notShp));
        assertThrows(InvalidInputException.class, () -> VectorFiles.read(tmp.resolve("x.kml")));
    }

    @Test
    void geoJsonRoundTrip(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isRegularFile(LAKES), "shared/data/vector absent");
        VectorLayer lakes = VectorFiles.read(LAKES);
        Path out = tmp.resolve("copy.geojson");
        GeoJsonVectors.write(out, 4326, lakes.features());
        VectorLayer back = GeoJsonVectors.read(out);
        assertEquals(lakes.features().size(), back.features().size());
        for (int k = 0; k < back.features().size(); k++) {
            assertTrue(lakes.features().get(k).geometry().equalsExact(back.features().get(k).geometry(), 1e-9));
            assertEquals(lakes.features().get(k).attributes().get("name"), back.features().get(k).attributes().get("name"));
        }
        Path utm = tmp.resolve("utm.geojson");
        GeoJsonVectors.write(utm, 32646, VectorReprojection.toEpsg(lakes, 32646).features());
        assertEquals(32646, GeoJsonVectors.read(utm).epsg());
        assertNull(GeoJsonVectors.read(out).features().get(0).attributes().get("no such field"));
    }
}
