package org.permasar.io.vector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXYM;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.permasar.stack.InvalidInputException;

/**
 * ESRI Shapefile layers (ESRI 1998, "ESRI Shapefile Technical Description", White Paper J-7855): the {@code .shp}
 * geometries, the {@code .dbf} (dBASE III) attributes and the {@code .prj} CRS (→ EPSG by {@link PrjEpsg}).
 *
 * <ul>
 *   <li>Shape types: Null (0), Point (1, 11, 21), PolyLine (3, 13, 23), Polygon (5, 15, 25), MultiPoint
 *   (8, 18, 28); Z values are dropped (x, y only). MultiPatch (31) is refused.</li>
 *   <li>Measures: the M values of PolyLineM (23) and PolyLineZ (13) vertices, when the record has its optional M
 *   block, are kept as JTS measures ({@link CoordinateXYM}; linear referencing: a railway's chainage at each vertex);
 *   a value below −10<sup>38</sup>, the specification's "no data", becomes NaN. A record without the M block gives
 *   coordinates without measures. M values of points, multipoints and polygons are dropped.</li>
 *   <li>Polygons: clockwise rings are shells, counter-clockwise rings holes (the specification's rule); each hole
 *   goes to the smallest shell that contains it. One shell → Polygon, several → MultiPolygon. A PolyLine with one
 *   part is a LineString, with several a MultiLineString.</li>
 *   <li>Attributes: character (C) as trimmed text (empty → null), numeric (N, F) as Double (blank → null), logical
 *   (L) as Boolean, date (D) as "YYYY-MM-DD"; others as text. The text encoding is named by the {@code .cpg} file
 *   (GDAL writes "UTF-8"), ISO-8859-1 without one. Deleted records are skipped with their geometries.</li>
 * </ul>
 * Stateless; format problems throw {@link InvalidInputException} naming the file and record.
 */
public final class ShapefileVectors {
    private static final GeometryFactory GF = new GeometryFactory();

    private ShapefileVectors() {
    }

    /** Reads {@code file} (the .shp; the .dbf, .prj and .cpg beside it are read when present). */
    public static VectorLayer read(Path file) throws IOException {
        String base = file.getFileName().toString().replaceFirst("(?i)\\.shp$", "");
        ByteBuffer shp = ByteBuffer.wrap(Files.readAllBytes(file));
        if (shp.capacity() < 100 || shp.order(ByteOrder.BIG_ENDIAN).getInt(0) != 9994) {
            throw new InvalidInputException(file, "not an ESRI Shapefile (no file code 9994 in the 100-byte header)");
        }
        List<Geometry> geometries = new ArrayList<>();
        int pos = 100;
        int end = Math.min(shp.capacity(), shp.order(ByteOrder.BIG_ENDIAN).getInt(24) * 2);
        while (pos + 8 <= end) {
            int recNo = shp.order(ByteOrder.BIG_ENDIAN).getInt(pos);
            int lenBytes = shp.getInt(pos + 4) * 2;
            int c = pos + 8;
            if (lenBytes < 4 || c + lenBytes > shp.capacity()) {
                throw new InvalidInputException(file, "record " + recNo + " runs past the end of the file (content "
                        + lenBytes + " bytes at offset " + c + ")");
            }
            try {
                geometries.add(shape(shp.order(ByteOrder.LITTLE_ENDIAN), c, lenBytes));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new InvalidInputException(file, "record " + recNo + ": " + e.getMessage());
            }
            pos = c + lenBytes;
        }
        Path dbf = sibling(file, base, ".dbf");
        List<Map<String, Object>> attrs = dbf == null ? null : readDbf(dbf, charset(sibling(file, base, ".cpg")));
        Path prj = sibling(file, base, ".prj");
        int epsg = prj == null ? 0 : PrjEpsg.fromWkt(Files.readString(prj, StandardCharsets.ISO_8859_1));
        List<VectorFeature> features = new ArrayList<>(geometries.size());
        for (int k = 0; k < geometries.size(); k++) {
            Map<String, Object> a = attrs != null && k < attrs.size() ? attrs.get(k) : Map.of();
            if (a == null) {
                continue; // deleted record
            }
            features.add(new VectorFeature(geometries.get(k), a));
        }
        return new VectorLayer(base, epsg, features);
    }

    private static Path sibling(Path shp, String base, String ext) {
        for (String e : new String[] {ext, ext.toUpperCase(java.util.Locale.ROOT)}) {
            Path p = shp.resolveSibling(base + e);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    private static Charset charset(Path cpg) throws IOException {
        if (cpg == null) {
            return StandardCharsets.ISO_8859_1;
        }
        String name = Files.readString(cpg, StandardCharsets.US_ASCII).trim();
        try {
            return Charset.forName(name.matches("\\d+") ? "windows-" + name : name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    private static Geometry shape(ByteBuffer b, int c, int len) {
        int type = b.getInt(c);
        switch (type) {
            case 0:
                return null;
            case 1, 11, 21:
                return GF.createPoint(new Coordinate(b.getDouble(c + 4), b.getDouble(c + 12)));
            case 8, 18, 28: {
                int n = b.getInt(c + 36);
                Coordinate[] cs = new Coordinate[n];
                for (int k = 0; k < n; k++) {
                    cs[k] = new Coordinate(b.getDouble(c + 40 + 16 * k), b.getDouble(c + 48 + 16 * k));
                }
                return GF.createMultiPointFromCoords(cs);
            }
            case 3, 13, 23, 5, 15, 25: {
                int parts = b.getInt(c + 36);
                int points = b.getInt(c + 40);
                if (parts < 0 || points < 0 || 44 + 4L * parts + 16L * points > len) {
                    throw new IllegalArgumentException(parts + " parts and " + points + " points do not fit in " + len + " bytes");
                }
                int p0 = c + 44 + 4 * parts;
                int m0 = measuresAt(type, c, len, 44 + 4 * parts + 16 * points, points);
                List<Coordinate[]> rings = new ArrayList<>(parts);
                for (int k = 0; k < parts; k++) {
                    int from = b.getInt(c + 44 + 4 * k);
                    int to = k + 1 < parts ? b.getInt(c + 48 + 4 * k) : points;
                    if (from < 0 || to > points || to < from) {
                        throw new IllegalArgumentException("part " + k + " indexes points " + from + "…" + to + " of " + points);
                    }
                    Coordinate[] cs = new Coordinate[to - from];
                    for (int i = from; i < to; i++) {
                        double x = b.getDouble(p0 + 16 * i), y = b.getDouble(p0 + 16 * i + 8);
                        cs[i - from] = m0 < 0 ? new Coordinate(x, y) : new CoordinateXYM(x, y, measure(b.getDouble(m0 + 8 * i)));
                    }
                    rings.add(cs);
                }
                boolean polygon = type % 10 == 5;
                return polygon ? polygon(rings) : lines(rings);
            }
            default:
                throw new IllegalArgumentException("shape type " + type + " is not supported (Point, PolyLine, Polygon, "
                        + "MultiPoint and their Z/M forms are)");
        }
    }

    /**
     * Offset of the M array of a PolyLineM (23) or PolyLineZ (13) record whose points end {@code afterPoints} bytes into
     * the content, or −1 for other types and for records without the optional M block (ESRI 1998, pp. 16 and 21: the M
     * range and array follow the points, after the Z range and array in type 13).
     */
    private static int measuresAt(int type, int c, int len, int afterPoints, int points) {
        if (type != 13 && type != 23) {
            return -1;
        }
        long rangeAt = afterPoints + (type == 13 ? 16L + 8L * points : 0);
        return rangeAt + 16 + 8L * points <= len ? (int) (c + rangeAt + 16) : -1;
    }

    /** The specification's no-data measure (any value below −10³⁸) as NaN. */
    private static double measure(double m) {
        return m < -1e38 ? Double.NaN : m;
    }

    private static Geometry lines(List<Coordinate[]> parts) {
        LineString[] ls = new LineString[parts.size()];
        for (int k = 0; k < ls.length; k++) {
            ls[k] = GF.createLineString(parts.get(k));
        }
        return ls.length == 1 ? ls[0] : GF.createMultiLineString(ls);
    }

    private static Geometry polygon(List<Coordinate[]> rings) {
        List<LinearRing> shells = new ArrayList<>();
        List<LinearRing> holes = new ArrayList<>();
        for (Coordinate[] r : rings) {
            if (r.length < 4) {
                continue;
            }
            LinearRing lr = GF.createLinearRing(r);
            // ESRI: outer rings clockwise, holes counter-clockwise
            (Orientation.isCCW(r) ? holes : shells).add(lr);
        }
        if (shells.isEmpty() && !holes.isEmpty()) { // a writer that ignored the orientation rule: rings are shells
            shells.addAll(holes);
            holes.clear();
        }
        List<List<LinearRing>> holesOf = new ArrayList<>();
        List<Polygon> shellPolys = new ArrayList<>();
        for (LinearRing s : shells) {
            holesOf.add(new ArrayList<>());
            shellPolys.add(GF.createPolygon(s));
        }
        for (LinearRing h : holes) {
            int best = -1;
            double bestArea = Double.POSITIVE_INFINITY;
            for (int k = 0; k < shellPolys.size(); k++) {
                Polygon sp = shellPolys.get(k);
                if (sp.getEnvelopeInternal().contains(h.getEnvelopeInternal()) && sp.contains(h.getStartPoint())
                        && sp.getArea() < bestArea) {
                    best = k;
                    bestArea = sp.getArea();
                }
            }
            if (best < 0) {
                shells.add(h);
                holesOf.add(new ArrayList<>());
                shellPolys.add(GF.createPolygon(h));
            } else {
                holesOf.get(best).add(h);
            }
        }
        Polygon[] ps = new Polygon[shells.size()];
        for (int k = 0; k < ps.length; k++) {
            ps[k] = GF.createPolygon(shells.get(k), holesOf.get(k).toArray(new LinearRing[0]));
        }
        return ps.length == 1 ? ps[0] : GF.createMultiPolygon(ps);
    }

    /** The .dbf records as attribute maps, null for a deleted record. */
    static List<Map<String, Object>> readDbf(Path dbf, Charset cs) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dbf)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.capacity() < 32) {
            throw new InvalidInputException(dbf, "too short for a dBASE header (32 bytes)");
        }
        int records = b.getInt(4);
        int headerLen = b.getShort(8) & 0xffff;
        int recordLen = b.getShort(10) & 0xffff;
        List<String> names = new ArrayList<>();
        List<Character> types = new ArrayList<>();
        List<Integer> widths = new ArrayList<>();
        for (int p = 32; p + 32 <= headerLen && b.get(p) != 0x0D; p += 32) {
            byte[] nm = new byte[11];
            b.get(p, nm);
            int n = 0;
            while (n < 11 && nm[n] != 0) {
                n++;
            }
            names.add(new String(nm, 0, n, cs).trim());
            types.add((char) b.get(p + 11));
            widths.add(b.get(p + 16) & 0xff);
        }
        if ((long) headerLen + (long) records * recordLen > b.capacity()) {
            throw new InvalidInputException(dbf, records + " records of " + recordLen + " bytes do not fit in the file ("
                    + b.capacity() + " bytes)");
        }
        List<Map<String, Object>> out = new ArrayList<>(records);
        byte[] field = new byte[256];
        for (int r = 0; r < records; r++) {
            int p = headerLen + r * recordLen;
            if (b.get(p) == '*') {
                out.add(null);
                continue;
            }
            p++;
            Map<String, Object> m = new LinkedHashMap<>();
            for (int f = 0; f < names.size(); f++) {
                int w = widths.get(f);
                b.get(p, field, 0, w);
                String s = new String(field, 0, w, cs).trim();
                p += w;
                char t = types.get(f);
                Object v;
                if (t == 'N' || t == 'F') {
                    v = null;
                    if (!s.isEmpty() && !s.startsWith("*")) {
                        try {
                            v = Double.valueOf(s);
                        } catch (NumberFormatException e) {
                            throw new InvalidInputException(dbf, "record " + r + ", field " + names.get(f)
                                    + ": '" + s + "' is not a number");
                        }
                    }
                } else if (t == 'L') {
                    v = s.isEmpty() || s.equals("?") ? null : "YyTt".indexOf(s.charAt(0)) >= 0;
                } else if (t == 'D') {
                    v = s.length() == 8 ? s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6) : (s.isEmpty() ? null : s);
                } else {
                    v = s.isEmpty() ? null : s;
                }
                m.put(names.get(f), v);
            }
            out.add(m);
        }
        return out;
    }
}
