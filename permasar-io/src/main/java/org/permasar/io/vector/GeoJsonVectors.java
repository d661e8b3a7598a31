package org.permasar.io.vector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.io.json.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.permasar.io.AtomicFiles;
import org.permasar.stack.InvalidInputException;

/**
 * GeoJSON (RFC 7946) features in and out as JTS geometries. Reads a FeatureCollection, a single Feature or a bare
 * geometry; all seven geometry types; properties as attributes. The CRS is EPSG:4326 (RFC 7946 §4) unless the file
 * carries the 2008 GeoJSON {@code "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32646"}}}
 * member (also {@code EPSG:32646}; {@code urn:ogc:def:crs:OGC:1.3:CRS84} is 4326), as GDAL writes for non-WGS 84
 * layers. Writes features with attributes, coordinates rounded to 9 decimals (degrees, ≈ 0.1 mm) or, beyond ±1000, to
 * 3 decimals (projected metres: 1 mm). Stateless.
 */
public final class GeoJsonVectors {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final Pattern EPSG = Pattern.compile("EPSG:(?::)?(?:[0-9.]*:)?(\\d+)$", Pattern.CASE_INSENSITIVE);

    private GeoJsonVectors() {
    }

    /**
     * Reads a GeoJSON file.
     *
     * @throws InvalidInputException naming the file and the feature when the text is not GeoJSON
     */
    /** Numbers as {@link Double} throughout (GeoJSON has one number type; {@link Json} keeps integers as Long). */
    private static Object doubles(Object v) {
        if (v instanceof Long l) {
            return l.doubleValue();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(doubles(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, o) -> out.put((String) k, doubles(o)));
            return out;
        }
        return v;
    }

    public static VectorLayer read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Object root;
        try {
            root = doubles(Json.parse(text));
        } catch (Json.SyntaxException e) {
            throw new InvalidInputException(file, "JSON syntax error: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?> m)) {
            throw new InvalidInputException(file, "a GeoJSON file must hold a JSON object");
        }
        int epsg = crs(file, m.get("crs"));
        List<VectorFeature> features = new ArrayList<>();
        Object type = m.get("type");
        try {
            if ("FeatureCollection".equals(type)) {
                if (!(m.get("features") instanceof List<?> list)) {
                    throw new IllegalArgumentException("FeatureCollection without a 'features' array");
                }
                for (int k = 0; k < list.size(); k++) {
                    try {
                        features.add(feature(list.get(k)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("feature " + k + ": " + e.getMessage(), e);
                    }
                }
            } else if ("Feature".equals(type)) {
                features.add(feature(m));
            } else {
                features.add(new VectorFeature(geometry(m), Map.of()));
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
        String name = file.getFileName().toString().replaceFirst("\\.(geo)?json$", "");
        return new VectorLayer(name, epsg, features);
    }

    private static int crs(Path file, Object crs) throws InvalidInputException {
        if (crs == null) {
            return 4326;
        }
        if (crs instanceof Map<?, ?> c && c.get("properties") instanceof Map<?, ?> p && p.get("name") instanceof String n) {
            if (n.toUpperCase(Locale.ROOT).endsWith("CRS84")) {
                return 4326;
            }
            Matcher mm = EPSG.matcher(n.trim());
            if (mm.find()) {
                return Integer.parseInt(mm.group(1));
            }
            throw new InvalidInputException(file, "crs", "CRS name '" + n + "' is not an EPSG code");
        }
        throw new InvalidInputException(file, "crs", "expected {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:…\"}}");
    }

    private static VectorFeature feature(Object o) {
        if (!(o instanceof Map<?, ?> f) || !"Feature".equals(f.get("type"))) {
            throw new IllegalArgumentException("expected an object of type Feature");
        }
        Object g = f.get("geometry");
        Map<String, Object> attrs = new java.util.LinkedHashMap<>();
        if (f.get("properties") instanceof Map<?, ?> p) {
            for (Map.Entry<?, ?> e : p.entrySet()) {
                Object v = e.getValue();
                attrs.put(String.valueOf(e.getKey()), v instanceof Map || v instanceof List ? String.valueOf(v) : v);
            }
        }
        return new VectorFeature(g == null ? null : geometry(g), attrs);
    }

    private static Geometry geometry(Object o) {
        if (!(o instanceof Map<?, ?> g)) {
            throw new IllegalArgumentException("geometry must be an object");
        }
        Object type = g.get("type");
        if ("GeometryCollection".equals(type)) {
            List<?> parts = list(g.get("geometries"), "geometries");
            Geometry[] gs = new Geometry[parts.size()];
            for (int k = 0; k < gs.length; k++) {
                gs[k] = geometry(parts.get(k));
            }
            return GF.createGeometryCollection(gs);
        }
        Object c = g.get("coordinates");
        if (type == null) {
            throw new IllegalArgumentException("geometry without 'type'");
        }
        switch (type.toString()) {
            case "Point":
                return GF.createPoint(coordinate(c));
            case "MultiPoint":
                return GF.createMultiPointFromCoords(coordinates(c));
            case "LineString":
                return GF.createLineString(coordinates(c));
            case "MultiLineString": {
                List<?> l = list(c, "coordinates");
                LineString[] ls = new LineString[l.size()];
                for (int k = 0; k < ls.length; k++) {
                    ls[k] = GF.createLineString(coordinates(l.get(k)));
                }
                return GF.createMultiLineString(ls);
            }
            case "Polygon":
                return polygon(c);
            case "MultiPolygon": {
                List<?> l = list(c, "coordinates");
                Polygon[] ps = new Polygon[l.size()];
                for (int k = 0; k < ps.length; k++) {
                    ps[k] = polygon(l.get(k));
                }
                return GF.createMultiPolygon(ps);
            }
            default:
                throw new IllegalArgumentException("unknown geometry type '" + type + "'");
        }
    }

    private static Polygon polygon(Object c) {
        List<?> rings = list(c, "polygon coordinates");
        if (rings.isEmpty()) {
            return GF.createPolygon();
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int k = 1; k < rings.size(); k++) {
            holes[k - 1] = ring(rings.get(k));
        }
        return GF.createPolygon(shell, holes);
    }

    private static LinearRing ring(Object c) {
        Coordinate[] cs = coordinates(c);
        if (cs.length < 4 || !cs[0].equals2D(cs[cs.length - 1])) {
            throw new IllegalArgumentException("a polygon ring needs ≥ 4 positions, the first equal to the last; got "
                    + cs.length + " positions");
        }
        return GF.createLinearRing(cs);
    }

    private static List<?> list(Object o, String what) {
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException("'" + what + "' must be an array");
        }
        return l;
    }

    private static Coordinate[] coordinates(Object o) {
        List<?> l = list(o, "coordinates");
        Coordinate[] cs = new Coordinate[l.size()];
        for (int k = 0; k < cs.length; k++) {
            cs[k] = coordinate(l.get(k));
        }
        return cs;
    }

    private static Coordinate coordinate(Object o) {
        List<?> l = list(o, "position");
        if (l.size() < 2 || !(l.get(0) instanceof Double x) || !(l.get(1) instanceof Double y)) {
            throw new IllegalArgumentException("a position needs two numbers, got " + l);
        }
        return new Coordinate(x, y);
    }

    /**
     * Writes features as a GeoJSON FeatureCollection, atomically. With {@code epsg} ≠ 4326 a {@code crs} member names
     * it (GDAL reads it); RFC 7946 readers expect 4326. {@code epsg} 0 (coordinates in no CRS, e.g. image pixels)
     * writes no {@code crs} member.
     */
    public static void write(Path file, int epsg, List<VectorFeature> features) throws IOException {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("{\"type\":\"FeatureCollection\",");
        if (epsg != 4326 && epsg != 0) {
            b.append("\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::").append(epsg).append("\"}},");
        }
        b.append("\"features\":[\n");
        for (int k = 0; k < features.size(); k++) {
            VectorFeature f = features.get(k);
            b.append("{\"type\":\"Feature\",\"properties\":{");
            int n = 0;
            for (Map.Entry<String, Object> e : f.attributes().entrySet()) {
                if (n++ > 0) {
                    b.append(',');
                }
                Json.quote(e.getKey(), b);
                b.append(':');
                value(b, e.getValue());
            }
            b.append("},\"geometry\":");
            if (f.geometry() == null) {
                b.append("null");
            } else {
                geometry(b, f.geometry());
            }
            b.append(k + 1 < features.size() ? "},\n" : "}\n");
        }
        b.append("]}\n");
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Number num) {
            double d = num.doubleValue();
            b.append(Double.isFinite(d) ? number(d) : "null");
        } else if (v instanceof Boolean) {
            b.append(v);
        } else {
            Json.quote(v.toString(), b);
        }
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new java.math.BigDecimal(d).round(new java.math.MathContext(15)).stripTrailingZeros().toPlainString();
    }

    private static void geometry(StringBuilder b, Geometry g) {
        if (g instanceof Point p) {
            b.append("{\"type\":\"Point\",\"coordinates\":");
            position(b, p.getCoordinate());
        } else if (g instanceof LineString l) {
            b.append("{\"type\":\"LineString\",\"coordinates\":");
            positions(b, l.getCoordinates());
        } else if (g instanceof Polygon p) {
            b.append("{\"type\":\"Polygon\",\"coordinates\":");
            polygon(b, p);
        } else if (g instanceof MultiPoint mp) {
            b.append("{\"type\":\"MultiPoint\",\"coordinates\":");
            positions(b, mp.getCoordinates());
        } else if (g instanceof MultiLineString ml) {
            b.append("{\"type\":\"MultiLineString\",\"coordinates\":[");
            for (int k = 0; k < ml.getNumGeometries(); k++) {
                if (k > 0) {
                    b.append(',');
                }
                positions(b, ml.getGeometryN(k).getCoordinates());
            }
            b.append(']');
        } else if (g instanceof MultiPolygon mp) {
            b.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (int k = 0; k < mp.getNumGeometries(); k++) {
                if (k > 0) {
                    b.append(',');
                }
                polygon(b, (Polygon) mp.getGeometryN(k));
            }
            b.append(']');
        } else if (g instanceof GeometryCollection gc) {
            b.append("{\"type\":\"GeometryCollection\",\"geometries\":[");
            for (int k = 0; k < gc.getNumGeometries(); k++) {
                if (k > 0) {
                    b.append(',');
                }
                geometry(b, gc.getGeometryN(k));
            }
            b.append("]}");
            return;
        }
        b.append('}');
    }

    private static void polygon(StringBuilder b, Polygon p) {
        b.append('[');
        if (!p.isEmpty()) {
            positions(b, p.getExteriorRing().getCoordinates());
            for (int k = 0; k < p.getNumInteriorRing(); k++) {
                b.append(',');
                positions(b, p.getInteriorRingN(k).getCoordinates());
            }
        }
        b.append(']');
    }

    private static void positions(StringBuilder b, Coordinate[] cs) {
        b.append('[');
        for (int k = 0; k < cs.length; k++) {
            if (k > 0) {
                b.append(',');
            }
            position(b, cs[k]);
        }
        b.append(']');
    }

    private static void position(StringBuilder b, Coordinate c) {
        b.append('[').append(coord(c.x)).append(',').append(coord(c.y)).append(']');
    }

    private static String coord(double v) {
        return new java.math.BigDecimal(v).setScale(Math.abs(v) > 1000 ? 3 : 9, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros().toPlainString();
    }
}
