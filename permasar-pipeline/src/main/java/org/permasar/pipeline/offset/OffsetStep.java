package org.permasar.pipeline.offset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.offset.OffsetField;
import org.permasar.offset.OffsetParameters;
import org.permasar.offset.OffsetTracker;
import org.permasar.stack.InvalidInputException;

/**
 * The offset-tracking step (SCIENCE.md §7, seed 004): reads one band of two GeoTIFFs, tracks offsets
 * with {@link OffsetTracker} and writes into {@code out}, atomically:
 * <ul>
 *   <li>{@code offsets.tif}: bands {@code rowOffset}, {@code colOffset} (pixels; a feature at (r, c) in the
 *       reference is at (r + rowOffset, c + colOffset) in the secondary), {@code peakCorrelation},
 *       {@code snr}; with the time between the images and a ground pixel size (from the georeferencing of
 *       a projected grid, or {@code pixelSize}) also {@code vx}, {@code vy} (map east / north, or image
 *       column / up-the-image for grids without georeferencing), {@code speed}, m/day. One pixel per grid
 *       node; georeferenced as the chip centres when the input is;</li>
 *   <li>{@code offsets_settings.txt}: the settings and summary numbers.</li>
 * </ul>
 * Pictures are the caller's. Stateless.
 */
public final class OffsetStep {
    /** Band names of {@code offsets.tif}, in order (the velocity bands only when a velocity is known). */
    public static final List<String> BANDS = List.of("rowOffset", "colOffset", "peakCorrelation", "snr", "vx", "vy", "speed");

    private OffsetStep() {
    }

    /** What was computed: the offset field, the output grid, and velocity bands (null without a velocity). */
    public record Result(OffsetField field, GridGeometry grid, float[] vx, float[] vy, float[] speed, double seconds) {
    }

    /** Runs the step. Bad input: {@link InvalidInputException} or {@link IllegalArgumentException}. */
    public static Result run(OffsetStepParameters p) throws IOException {
        GridGeometry g;
        float[] ref, sec;
        try (GeoTiffReader a = GeoTiffReader.open(p.reference()); GeoTiffReader b = GeoTiffReader.open(p.secondary())) {
            g = a.grid();
            GridGeometry gb = b.grid();
            if (g.rows() != gb.rows() || g.cols() != gb.cols()) {
                throw new InvalidInputException(p.secondary(), "size " + gb.rows() + "×" + gb.cols() + " differs from "
                        + g.rows() + "×" + g.cols() + " of the reference " + p.reference() + ": resample both to one grid first");
            }
            if (g.isGeocoded() && gb.isGeocoded() && !g.transform().alignsWith(gb.transform(), 0.01)) {
                throw new InvalidInputException(p.secondary(), "geotransform differs from the reference's " + p.reference()
                        + ": offsets of misaligned grids would include the grid shift");
            }
            for (GeoTiffReader t : List.of(a, b)) {
                if (p.band() > t.bandCount()) {
                    throw new IllegalArgumentException("--band " + p.band() + " is outside 1 … " + t.bandCount() + " of " + t.path());
                }
            }
            ref = new float[g.size()];
            sec = new float[g.size()];
            a.readBand(p.band() - 1, Window.of(g), ref, 0, 1f);
            b.readBand(p.band() - 1, Window.of(gb), sec, 0, 1f);
        }
        nodataToNaN(ref, g.nodata());
        nodataToNaN(sec, g.nodata());
        OffsetParameters tp = p.tracking();
        int gr = OffsetTracker.nodes(g.rows(), tp), gc = OffsetTracker.nodes(g.cols(), tp);
        if (gr == 0 || gc == 0) {
            throw new InvalidInputException(p.reference(), "image " + g.rows() + "×" + g.cols() + " is smaller than one chip ("
                    + tp.chip() + " px) plus twice the search radius (" + tp.search() + " px): lower --chip or --search");
        }
        float[] pr = null, pc = null;
        if (p.prior() != null || p.priorDr() != 0 || p.priorDc() != 0) {
            pr = new float[gr * gc];
            pc = new float[gr * gc];
            java.util.Arrays.fill(pr, (float) p.priorDr());
            java.util.Arrays.fill(pc, (float) p.priorDc());
            if (p.prior() != null) {
                addPrior(p.prior(), g, tp, gr, gc, pr, pc);
            }
        }
        long t0 = System.nanoTime();
        OffsetField f = new OffsetTracker(tp, true).track(ref, sec, g.rows(), g.cols(), pr, pc);
        double seconds = (System.nanoTime() - t0) / 1e9;
        GridGeometry og = nodeGrid(g, f);
        float[] vx = null, vy = null, sp = null;
        double[] m = metresPerPixel(g, p);
        if (m != null && !Double.isNaN(p.days())) {
            int n = f.dr().length;
            vx = new float[n];
            vy = new float[n];
            sp = new float[n];
            for (int k = 0; k < n; k++) {
                // map displacement = J · (dc, dr) with J the geotransform's linear part, then / Δt
                double dx = m[0] * f.dc()[k] + m[1] * f.dr()[k], dy = m[2] * f.dc()[k] + m[3] * f.dr()[k];
                vx[k] = (float) (dx / p.days());
                vy[k] = (float) (dy / p.days());
                sp[k] = (float) (Math.hypot(dx, dy) / Math.abs(p.days()));
            }
        }
        write(p, og, f, vx, vy, sp, m, seconds);
        return new Result(f, og, vx, vy, sp, seconds);
    }

    /**
     * The grid of the nodes: node (i, j) is the pixel centred on reference pixel (row0 + i·step,
     * col0 + j·step), so the transform is the input's scaled by {@code step} with its origin moved to
     * (col0 + ½ − step/2, row0 + ½ − step/2) input pixels (GDAL pixel-corner convention).
     */
    static GridGeometry nodeGrid(GridGeometry g, OffsetField f) {
        if (!g.isGeocoded()) {
            return new GridGeometry(f.rows(), f.cols(), null, 0, Double.NaN, null);
        }
        GeoTransform t = g.transform();
        double c0 = f.col0() + 0.5 - f.step() / 2.0, r0 = f.row0() + 0.5 - f.step() / 2.0;
        int s = f.step();
        GeoTransform nt = new GeoTransform(t.x(c0, r0), t.pixelWidth() * s, t.rowRotation() * s, t.y(c0, r0),
                t.colRotation() * s, t.pixelHeight() * s);
        return GridGeometry.geocoded(f.rows(), f.cols(), nt, g.epsg(), Double.NaN);
    }

    /**
     * Metres of map x and y per pixel of column and row: {dx/dc, dx/dr, dy/dc, dy/dr}; null when no
     * metric size is known (a geographic grid, or no georeferencing and no pixel size).
     */
    static double[] metresPerPixel(GridGeometry g, OffsetStepParameters p) {
        if (g.isGeocoded() && !g.isGeographic() && g.epsg() != 0) {
            GeoTransform t = g.transform();
            return new double[] {t.pixelWidth(), t.rowRotation(), t.colRotation(), t.pixelHeight()};
        }
        if (!Double.isNaN(p.pixelSize())) {
            double s = p.pixelSize();
            return new double[] {s, 0, 0, -s}; // x along columns, y up the image (rows grow downwards)
        }
        return null;
    }

    /** Adds the a-priori raster (band 1 dr, band 2 dc, pixels, on the reference grid) at each node's chip centre. */
    private static void addPrior(java.nio.file.Path file, GridGeometry g, OffsetParameters tp, int gr, int gc, float[] pr,
            float[] pc) throws IOException {
        try (GeoTiffReader t = GeoTiffReader.open(file)) {
            GridGeometry pg = t.grid();
            if (pg.rows() != g.rows() || pg.cols() != g.cols()) {
                throw new InvalidInputException(file, "a-priori offsets are " + pg.rows() + "×" + pg.cols() + " but the reference is "
                        + g.rows() + "×" + g.cols() + ": give them on the reference grid");
            }
            if (t.bandCount() < 2) {
                throw new InvalidInputException(file, "a-priori offsets need 2 bands (row offset, column offset in pixels), found "
                        + t.bandCount());
            }
            float[] v = new float[2 * pg.size()];
            t.readBands(new int[] {0, 1}, Window.of(pg), v, 0, 1f);
            int n = pg.size();
            for (int i = 0; i < gr; i++) {
                for (int j = 0; j < gc; j++) {
                    int px = (OffsetTracker.first(tp) + i * tp.step()) * g.cols() + OffsetTracker.first(tp) + j * tp.step();
                    int k = i * gc + j;
                    pr[k] += v[px]; // NaN stays NaN: the tracker reads it as no prior
                    pc[k] += v[n + px];
                }
            }
        }
    }

    private static void nodataToNaN(float[] v, double nodata) {
        if (Double.isNaN(nodata)) {
            return;
        }
        float nd = (float) nodata;
        for (int k = 0; k < v.length; k++) {
            if (v[k] == nd) {
                v[k] = Float.NaN;
            }
        }
    }

    private static void write(OffsetStepParameters p, GridGeometry og, OffsetField f, float[] vx, float[] vy, float[] sp,
            double[] m, double seconds) throws IOException {
        int n = f.dr().length, bands = vx == null ? 4 : 7;
        float[] data = new float[bands * n];
        System.arraycopy(f.dr(), 0, data, 0, n);
        System.arraycopy(f.dc(), 0, data, n, n);
        System.arraycopy(f.peak(), 0, data, 2 * n, n);
        System.arraycopy(f.snr(), 0, data, 3 * n, n);
        if (vx != null) {
            System.arraycopy(vx, 0, data, 4 * n, n);
            System.arraycopy(vy, 0, data, 5 * n, n);
            System.arraycopy(sp, 0, data, 6 * n, n);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        OffsetParameters t = p.tracking();
        meta.put("SOFTWARE", "PermaSAR offsets");
        meta.put("REFERENCE", p.reference().toString());
        meta.put("SECONDARY", p.secondary().toString());
        meta.put("SIGN_CONVENTION", "feature at (r, c) in the reference is at (r + rowOffset, c + colOffset) in the secondary");
        meta.put("CHIP", Integer.toString(t.chip()));
        meta.put("SEARCH", Integer.toString(t.search()));
        meta.put("STEP", Integer.toString(t.step()));
        meta.put("OFFSET_UNIT", "pixel");
        meta.put("CORRELATION_METHOD", t.method().resolve(t.chip(), t.search()).name().toLowerCase(Locale.ROOT));
        if (vx != null) {
            meta.put("VELOCITY_UNIT", "m/day");
            meta.put("DAYS", Double.toString(p.days()));
        }
        Files.createDirectories(p.out());
        List<String> names = new ArrayList<>(BANDS.subList(0, bands));
        AtomicFiles.write(p.out().resolve("offsets.tif"), tmp -> GeoTiffWriter.write(tmp, og, data, bands, meta, names));
        StringBuilder b = new StringBuilder();
        b.append("reference = ").append(p.reference()).append('\n');
        b.append("secondary = ").append(p.secondary()).append('\n');
        b.append("band = ").append(p.band()).append('\n');
        b.append(String.format(Locale.ROOT, "chip = %d px%nsearch = %d px%nstep = %d px%nmin_correlation = %s%nmin_snr = %s%n"
                + "median_filter = %s%npeak_fit = %s%nrefine = %d%nmethod = %s%nprior = (%s, %s) px%s%n", t.chip(), t.search(), t.step(),
                t.minCorrelation(), t.minSnr(), t.filterOn() ? Double.toString(t.filterThreshold()) : "off",
                t.peakFit().name().toLowerCase(Locale.ROOT), t.refine(),
                t.method().resolve(t.chip(), t.search()).name().toLowerCase(Locale.ROOT), p.priorDr(), p.priorDc(),
                p.prior() == null ? "" : " + " + p.prior()));
        b.append(String.format(Locale.ROOT, "nodes = %d × %d, kept %d, rejected by the median filter %d%n", f.rows(), f.cols(),
                f.valid(), f.rejected()));
        b.append(String.format(Locale.ROOT, "median offset = (%.4f, %.4f) px%n", median(f.dr()), median(f.dc())));
        if (vx != null) {
            b.append(String.format(Locale.ROOT, "days = %s%nmetres per pixel (dx/dc, dx/dr, dy/dc, dy/dr) = %s, %s, %s, %s%n"
                    + "median speed = %.4f m/day (%.2f m/yr)%n", p.days(), m[0], m[1], m[2], m[3], median(sp),
                    median(sp) * 365.25));
        }
        b.append(String.format(Locale.ROOT, "tracking time = %.2f s%n", seconds));
        AtomicFiles.write(p.out().resolve("offsets_settings.txt"), tmp -> Files.writeString(tmp, b.toString(),
                StandardCharsets.UTF_8));
    }

    /** Median of the non-NaN values, NaN when none. */
    public static double median(float[] v) {
        float[] c = new float[v.length];
        int n = 0;
        for (float x : v) {
            if (!Float.isNaN(x)) {
                c[n++] = x;
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        java.util.Arrays.sort(c, 0, n);
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }
}
