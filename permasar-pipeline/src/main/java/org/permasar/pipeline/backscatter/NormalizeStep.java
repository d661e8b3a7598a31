package org.permasar.pipeline.backscatter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.backscatter.IncidenceNormalization;
import org.permasar.backscatter.IncidenceSlopeModel;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.stack.InvalidInputException;

/**
 * The backscatter normalisation step (SCIENCE.md §7, seed 004; Chen et al. 2022): reads ascending and
 * descending σ⁰ (dB) pairs with their incidence angles, fits dσ⁰/dθ per polarisation (band) with
 * {@link IncidenceNormalization}, and writes into {@code out}, atomically:
 * <ul>
 *   <li>{@code normalized_asc_I.tif}, {@code normalized_desc_I.tif} (I = 1 … pairs): σ⁰ at the reference
 *       angle, dB, the input's bands;</li>
 *   <li>{@code slope_I.tif}: dσ⁰/dθ (dB/°) per polarisation on the date of pair I;</li>
 *   <li>{@code coefficients.csv}: per polarisation the fitted terms with standard errors, the pair offsets,
 *       the residual RMS and the number of pixels;</li>
 *   <li>{@code normalize_summary.csv}: per polarisation and pair the RMS of σ⁰_a − σ⁰_d before and after.</li>
 * </ul>
 * Coordinates of the slope model: longitude and latitude (degrees) on a geographic grid or a radar grid
 * with per-pixel coordinates; easting and northing in km on a projected grid; column and row (pixels)
 * without georeferencing. Pictures are the caller's. Stateless.
 */
public final class NormalizeStep {
    private NormalizeStep() {
    }

    /**
     * What was computed: the grid, the polarisation names, one model per polarisation, the coordinate
     * units, and for pair 1 and the first polarisation the asc − desc difference before and after (dB).
     */
    public record Result(GridGeometry grid, List<String> polarisations, List<IncidenceSlopeModel> models, String coordinates,
                         float[] differenceBefore, float[] differenceAfter, String summary) {
    }

    /** Runs the step. Bad input: {@link InvalidInputException} or {@link IllegalArgumentException}. */
    public static Result run(NormalizeStepParameters p) throws IOException {
        int np = p.asc().size();
        GridGeometry g;
        List<String> pols;
        try (GeoTiffReader t = GeoTiffReader.open(p.asc().get(0))) {
            g = t.grid();
            pols = new ArrayList<>();
            for (int b = 0; b < t.bandCount(); b++) {
                String d = b < t.bandDescriptions().size() ? t.bandDescriptions().get(b) : null;
                pols.add(d == null || d.isBlank() ? "band" + (b + 1) : d.trim());
            }
        }
        int n = g.size(), nb = pols.size();
        float[][] xy = coordinates(g);
        String units = coordinateUnits(g);
        float[] height = null;
        if (p.height() != null) {
            height = readBands(p.height(), g, 1, "height")[0];
        }
        float[][][] sa = new float[np][][], sd = new float[np][][];
        float[][] ta = new float[np][], td = new float[np][];
        int[] doy = new int[np];
        for (int i = 0; i < np; i++) {
            sa[i] = readBands(p.asc().get(i), g, nb, "ascending σ⁰");
            sd[i] = readBands(p.desc().get(i), g, nb, "descending σ⁰");
            ta[i] = readBands(p.ascIncidence().get(i), g, 1, "ascending incidence")[0];
            td[i] = readBands(p.descIncidence().get(i), g, 1, "descending incidence")[0];
            doy[i] = p.dates().isEmpty() ? 1 : p.dates().get(i).getDayOfYear();
        }
        List<IncidenceSlopeModel> models = new ArrayList<>();
        float[][][] na = new float[np][nb][], nd = new float[np][nb][], slope = new float[np][nb][];
        StringBuilder sum = new StringBuilder("polarisation,pair,date,pixels,rms_before_db,rms_after_db,mean_after_db\n");
        for (int b = 0; b < nb; b++) {
            List<IncidenceNormalization.Pair> pairs = new ArrayList<>();
            for (int i = 0; i < np; i++) {
                pairs.add(new IncidenceNormalization.Pair(sa[i][b], ta[i], sd[i][b], td[i], xy[0], xy[1], height, doy[i]));
            }
            IncidenceSlopeModel m;
            try {
                m = IncidenceNormalization.fit(pairs, p.model());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("polarisation " + pols.get(b) + " of " + p.asc().get(0) + ": " + e.getMessage(), e);
            }
            models.add(m);
            double ref = p.model().referenceAngle();
            for (int i = 0; i < np; i++) {
                na[i][b] = IncidenceNormalization.normalize(sa[i][b], ta[i], xy[0], xy[1], height, doy[i], m, ref);
                nd[i][b] = IncidenceNormalization.normalize(sd[i][b], td[i], xy[0], xy[1], height, doy[i], m, ref);
                float[] s = new float[n];
                for (int k = 0; k < n; k++) {
                    s[k] = height != null && Float.isNaN(height[k]) ? Float.NaN
                            : (float) m.slope(xy[0][k], xy[1][k], height == null ? Double.NaN : height[k], doy[i]);
                }
                slope[i][b] = s;
                double[] before = rmsDiff(sa[i][b], sd[i][b]), after = rmsDiff(na[i][b], nd[i][b]);
                sum.append(pols.get(b)).append(',').append(i + 1).append(',').append(p.dates().isEmpty() ? "" : p.dates().get(i))
                        .append(',').append((long) before[2]).append(',').append(fmt(before[0])).append(',').append(fmt(after[0]))
                        .append(',').append(fmt(after[1])).append('\n');
            }
        }
        Files.createDirectories(p.out());
        GridGeometry og = new GridGeometry(g.rows(), g.cols(), g.transform(), g.epsg(), Double.NaN, null);
        for (int i = 0; i < np; i++) {
            Map<String, String> meta = meta(p, i);
            write(p.out().resolve("normalized_asc_" + (i + 1) + ".tif"), og, na[i], pols, meta);
            write(p.out().resolve("normalized_desc_" + (i + 1) + ".tif"), og, nd[i], pols, meta);
            Map<String, String> sm = new LinkedHashMap<>(meta);
            sm.put("UNITS", "dB per degree of incidence");
            write(p.out().resolve("slope_" + (i + 1) + ".tif"), og, slope[i], pols, sm);
        }
        text(p.out().resolve("coefficients.csv"), coefficients(pols, models, units));
        text(p.out().resolve("normalize_summary.csv"), sum.toString());
        float[] db = new float[n], da = new float[n];
        for (int k = 0; k < n; k++) {
            db[k] = sa[0][0][k] - sd[0][0][k];
            da[k] = na[0][0][k] - nd[0][0][k];
        }
        return new Result(og, List.copyOf(pols), List.copyOf(models), units, db, da, sum.toString());
    }

    /** x and y per pixel centre in the model's coordinates (see the class comment). */
    static float[][] coordinates(GridGeometry g) {
        int n = g.size();
        float[] x = new float[n], y = new float[n];
        boolean lonLat = g.coordinates() != null || (g.isGeocoded() && g.isGeographic());
        GeoTransform t = g.transform();
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                int k = r * g.cols() + c;
                if (lonLat) {
                    x[k] = (float) g.longitude(r, c);
                    y[k] = (float) g.latitude(r, c);
                } else if (t != null) {
                    x[k] = (float) (t.x(c + 0.5, r + 0.5) / 1000);
                    y[k] = (float) (t.y(c + 0.5, r + 0.5) / 1000);
                } else {
                    x[k] = c;
                    y[k] = r;
                }
            }
        }
        return new float[][] {x, y};
    }

    static String coordinateUnits(GridGeometry g) {
        if (g.coordinates() != null || (g.isGeocoded() && g.isGeographic())) {
            return "degrees (x = longitude, y = latitude)";
        }
        return g.isGeocoded() ? "km (x = easting, y = northing)" : "pixels (x = column, y = row)";
    }

    private static float[][] readBands(Path file, GridGeometry g, int bands, String what) throws IOException {
        try (GeoTiffReader t = GeoTiffReader.open(file)) {
            GridGeometry tg = t.grid();
            if (!tg.sameGrid(g)) {
                throw new InvalidInputException(file, what + " grid " + tg.rows() + "×" + tg.cols()
                        + " differs from the first ascending file's " + g.rows() + "×" + g.cols() + " (size or georeferencing):"
                        + " resample all inputs to one grid first");
            }
            if (t.bandCount() < bands) {
                throw new InvalidInputException(file, what + " has " + t.bandCount() + " band(s), expected " + bands
                        + " (one per polarisation, as in the first ascending file)");
            }
            float[][] out = new float[bands][g.size()];
            for (int b = 0; b < bands; b++) {
                t.readBand(b, Window.of(tg), out[b], 0, 1f);
                if (!Double.isNaN(tg.nodata())) {
                    float nd = (float) tg.nodata();
                    for (int k = 0; k < out[b].length; k++) {
                        if (out[b][k] == nd) {
                            out[b][k] = Float.NaN;
                        }
                    }
                }
            }
            return out;
        }
    }

    /** {RMS, mean, count} of a − b over pixels where both are finite. */
    private static double[] rmsDiff(float[] a, float[] b) {
        double s = 0, s2 = 0;
        long c = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            if (Double.isFinite(d)) {
                s += d;
                s2 += d * d;
                c++;
            }
        }
        return c == 0 ? new double[] {Double.NaN, Double.NaN, 0} : new double[] {Math.sqrt(s2 / c), s / c, c};
    }

    static String coefficients(List<String> pols, List<IncidenceSlopeModel> models, String units) {
        StringBuilder b = new StringBuilder("polarisation,term,value,std_error,unit\n");
        for (int i = 0; i < pols.size(); i++) {
            IncidenceSlopeModel m = models.get(i);
            String pol = pols.get(i);
            for (int k = 0; k < m.terms().size(); k++) {
                IncidenceSlopeModel.Term t = m.terms().get(k);
                String unit = switch (t) {
                    case CONSTANT -> "dB/deg at the mean position and height";
                    case X, Y -> "dB/deg per unit of " + units.replace(",", ";");
                    case HEIGHT -> "dB/deg per km of height";
                    case COS_DOY, SIN_DOY -> "dB/deg";
                };
                b.append(pol).append(',').append(t.name().toLowerCase(Locale.ROOT)).append(',').append(fmt(m.coefficients()[k]))
                        .append(',').append(fmt(m.stdErrors()[k])).append(',').append(unit).append('\n');
            }
            b.append(pol).append(",x_mean,").append(fmt(m.xMean())).append(",,\n");
            b.append(pol).append(",y_mean,").append(fmt(m.yMean())).append(",,\n");
            b.append(pol).append(",height_mean,").append(fmt(m.hMean())).append(",,m\n");
            for (int j = 0; j < m.pairOffsets().length; j++) {
                b.append(pol).append(",pair_offset_").append(j + 1).append(',').append(fmt(m.pairOffsets()[j])).append(",,dB\n");
            }
            b.append(pol).append(",residual_rms,").append(fmt(m.rms())).append(",,dB\n");
            b.append(pol).append(",pixels,").append(m.observations()).append(",,\n");
        }
        return b.toString();
    }

    private static Map<String, String> meta(NormalizeStepParameters p, int i) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("SOFTWARE", "PermaSAR normalize");
        m.put("ASC", p.asc().get(i).toString());
        m.put("DESC", p.desc().get(i).toString());
        m.put("REFERENCE_ANGLE_DEG", Double.toString(p.model().referenceAngle()));
        if (!p.dates().isEmpty()) {
            m.put("DATE", p.dates().get(i).toString());
        }
        m.put("UNITS", "dB");
        return m;
    }

    private static void write(Path path, GridGeometry g, float[][] bands, List<String> names, Map<String, String> meta)
            throws IOException {
        int n = g.size();
        float[] data = new float[bands.length * n];
        for (int b = 0; b < bands.length; b++) {
            System.arraycopy(bands[b], 0, data, b * n, n);
        }
        AtomicFiles.write(path, tmp -> GeoTiffWriter.write(tmp, g, data, bands.length, meta, names));
    }

    private static void text(Path path, String s) throws IOException {
        AtomicFiles.write(path, tmp -> Files.writeString(tmp, s, StandardCharsets.UTF_8));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6g", v);
    }
}
