package org.permasar.io.vector;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EPSG code of a WKT coordinate reference system, as found in a Shapefile's {@code .prj}. Three rules, first
 * match wins:
 * <ol>
 *   <li>an authority code of the outermost CRS: the last {@code AUTHORITY["EPSG","n"]} (WKT 1, as GDAL writes it
 *   in OGC flavour) or {@code ID["EPSG",n]} (WKT 2) in the text;</li>
 *   <li>a UTM CRS named by zone: {@code WGS_1984_UTM_Zone_46N} (ESRI), {@code WGS 84 / UTM zone 46N} → 326zz/327zz;
 *   {@code NAD_1983_UTM_Zone_6N} / {@code NAD83 / UTM zone 6N} → 269zz;</li>
 *   <li>a geographic CRS on WGS 84 ({@code GEOGCS["GCS_WGS_1984"…]} or {@code GEOGCS["WGS 84"…]} without PROJCS)
 *   → 4326; {@code WGS_1984_Web_Mercator_Auxiliary_Sphere} → 3857.</li>
 * </ol>
 * Anything else gives 0 (unknown): the caller asks the user to name the EPSG code. Stateless.
 */
public final class PrjEpsg {
    private static final Pattern AUTHORITY = Pattern.compile("(?:AUTHORITY|ID)\\[\\s*\"EPSG\"\\s*,\\s*\"?(\\d+)\"?\\s*\\]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern UTM = Pattern.compile("^(WGS[ _]?(?:19)?84|NAD[ _]?(?:19)?83)[ _/]+UTM[ _]zone[ _](\\d{1,2})([NS])$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("^\\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\\[\\s*\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);

    private PrjEpsg() {
    }

    /** The EPSG code of a WKT CRS, or 0 when it cannot be identified. */
    public static int fromWkt(String wkt) {
        if (wkt == null || wkt.isBlank()) {
            return 0;
        }
        Matcher a = AUTHORITY.matcher(wkt);
        String last = null;
        while (a.find()) {
            last = a.group(1);
        }
        Matcher n = NAME.matcher(wkt);
        if (!n.find()) {
            return 0;
        }
        String kind = n.group(1).toUpperCase(Locale.ROOT);
        String name = n.group(2).trim().replaceAll("\\s*/\\s*", " / ");
        if (last != null && wkt.trim().endsWith("]") && lastAuthorityIsOutermost(wkt)) {
            return Integer.parseInt(last);
        }
        Matcher u = UTM.matcher(name.replace(" / ", "_"));
        if (u.find()) {
            int zone = Integer.parseInt(u.group(2));
            if (zone < 1 || zone > 60) {
                return 0;
            }
            boolean wgs = u.group(1).toUpperCase(Locale.ROOT).startsWith("WGS");
            boolean north = u.group(3).equalsIgnoreCase("N");
            if (wgs) {
                return (north ? 32600 : 32700) + zone;
            }
            return north ? 26900 + zone : 0;
        }
        String norm = name.toUpperCase(Locale.ROOT).replace(' ', '_');
        if (kind.startsWith("GEOG") || kind.equals("GEODCRS")) {
            if (norm.equals("GCS_WGS_1984") || norm.equals("WGS_84") || norm.equals("WGS_1984") || norm.equals("WGS84")) {
                return 4326;
            }
        }
        if (norm.equals("WGS_1984_WEB_MERCATOR_AUXILIARY_SPHERE") || norm.equals("WGS_84_/_PSEUDO-MERCATOR")
                || norm.equals("WGS_84___PSEUDO-MERCATOR")) {
            return 3857;
        }
        return 0;
    }

    /** Whether the last authority clause closes just before the outermost CRS's final bracket(s). */
    private static boolean lastAuthorityIsOutermost(String wkt) {
        // depth of the text after the last AUTHORITY/ID clause: only closing brackets of the outer CRS follow
        String t = wkt.trim();
        int end = t.length();
        int depth = 0;
        for (int k = 0; k < end; k++) {
            char c = t.charAt(k);
            if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
            }
        }
        if (depth != 0) {
            return false;
        }
        Matcher a = AUTHORITY.matcher(t);
        int lastEnd = -1;
        int lastStart = -1;
        while (a.find()) {
            lastStart = a.start();
            lastEnd = a.end();
        }
        int d = 0;
        for (int k = 0; k < lastStart; k++) {
            char c = t.charAt(k);
            if (c == '[' || c == '(') {
                d++;
            } else if (c == ']' || c == ')') {
                d--;
            }
        }
        return d == 1 && t.substring(lastEnd).replaceAll("[\\s\\])]", "").isEmpty();
    }
}
