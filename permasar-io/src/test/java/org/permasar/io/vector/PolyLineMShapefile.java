package org.permasar.io.vector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes test Shapefiles of measured lines, byte by byte from the specification (ESRI 1998, "ESRI Shapefile Technical
 * Description": the 100-byte header, records of shape type 23 PolyLineM), so the reader is checked against known
 * measures without GDAL. One record per line, one part each; {@code .shp} and a {@code .prj} only (no .shx/.dbf).
 */
public final class PolyLineMShapefile {
    /** The specification's no-data measure ("any floating point number smaller than −10³⁸"). */
    public static final double NO_DATA = -1e39;

    private PolyLineMShapefile() {
    }

    /**
     * Writes {@code lines}, each vertex {x, y, m}, as PolyLineM records; with {@code measures} false the records end
     * after the points (the M block is optional).
     *
     * @param prj the .prj text (WKT), or null for none
     */
    public static void write(Path shp, String prj, boolean measures, double[][]... lines) throws IOException {
        int content = 0;
        for (double[][] l : lines) {
            content += 8 + length(l.length, measures);
        }
        ByteBuffer b = ByteBuffer.allocate(100 + content);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0, 9994).putInt(24, (100 + content) / 2);
        b.order(ByteOrder.LITTLE_ENDIAN).putInt(28, 1000).putInt(32, 23);
        double[] box = box(lines);
        for (int k = 0; k < 4; k++) {
            b.putDouble(36 + 8 * k, box[k]);
        }
        b.putDouble(84, box[4]).putDouble(92, box[5]);
        int pos = 100;
        for (int r = 0; r < lines.length; r++) {
            double[][] l = lines[r];
            int len = length(l.length, measures);
            b.order(ByteOrder.BIG_ENDIAN).putInt(pos, r + 1).putInt(pos + 4, len / 2);
            int c = pos + 8;
            double[] lb = box(l);
            b.order(ByteOrder.LITTLE_ENDIAN).putInt(c, 23);
            for (int k = 0; k < 4; k++) {
                b.putDouble(c + 4 + 8 * k, lb[k]);
            }
            b.putInt(c + 36, 1).putInt(c + 40, l.length).putInt(c + 44, 0);
            int p0 = c + 48;
            for (int i = 0; i < l.length; i++) {
                b.putDouble(p0 + 16 * i, l[i][0]).putDouble(p0 + 16 * i + 8, l[i][1]);
            }
            if (measures) {
                int m0 = p0 + 16 * l.length;
                b.putDouble(m0, lb[4]).putDouble(m0 + 8, lb[5]);
                for (int i = 0; i < l.length; i++) {
                    b.putDouble(m0 + 16 + 8 * i, l[i][2]);
                }
            }
            pos = c + len;
        }
        Files.write(shp, b.array());
        if (prj != null) {
            Files.writeString(shp.resolveSibling(shp.getFileName().toString().replaceFirst("\\.shp$", ".prj")), prj,
                    StandardCharsets.ISO_8859_1);
        }
    }

    /** The .prj of WGS 84 / UTM zone {@code zone} north, as ESRI names it. */
    public static String utmNorthPrj(int zone) {
        return "PROJCS[\"WGS_1984_UTM_Zone_" + zone + "N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID["
                + "\"WGS_1984\",6378137,298.257223563]],PRIMEM[\"Greenwich\",0],UNIT[\"Degree\",0.0174532925199433]],"
                + "PROJECTION[\"Transverse_Mercator\"],UNIT[\"Meter\",1]]";
    }

    /** Content bytes of a one-part PolyLineM record of n points. */
    private static int length(int n, boolean measures) {
        return 44 + 4 + 16 * n + (measures ? 16 + 8 * n : 0);
    }

    /** {xmin, ymin, xmax, ymax, mmin, mmax} (no-data measures left out). */
    private static double[] box(double[][]... lines) {
        double[] e = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE,
            -Double.MAX_VALUE};
        for (double[][] l : lines) {
            for (double[] v : l) {
                e[0] = Math.min(e[0], v[0]);
                e[1] = Math.min(e[1], v[1]);
                e[2] = Math.max(e[2], v[0]);
                e[3] = Math.max(e[3], v[1]);
                if (v[2] > NO_DATA) {
                    e[4] = Math.min(e[4], v[2]);
                    e[5] = Math.max(e[5], v[2]);
                }
            }
        }
        return e;
    }
}
