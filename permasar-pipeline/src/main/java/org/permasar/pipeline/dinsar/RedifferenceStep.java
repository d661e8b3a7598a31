package org.permasar.pipeline.dinsar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.dinsar.Redifferencing;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.offset.NodeGridUpsampler;
import org.permasar.stack.InvalidInputException;

/**
 * The re-differencing step (SCIENCE.md §7, seed 004, {@link Redifferencing}): predicted phase from range
 * offsets or a range velocity (+ the TOPS azimuth term), the re-differenced wrapped phase, its path
 * unwrapping with the prediction added back, and the numbers that show the gradient reduction. Writes into
 * {@code out}, each file atomically: {@code predicted_phase.tif}, {@code redifferenced.tif} (wrapped, rad),
 * {@code unwrapped.tif} (rad: path-unwrapped residual + prediction; MintPy sign, range increase positive),
 * {@code redifference.txt}. Offsets may be an {@code offsets.tif} of {@code permasar offsets} tracked on
 * images of the interferogram's size (bilinear from the chip centres to every pixel). Stateless.
 */
public final class RedifferenceStep {
    private RedifferenceStep() {
    }

    /** Residues of the interferogram before and after, fraction of the prediction's neighbour differences above π, pixels. */
    public record Result(GridGeometry grid, int residuesBefore, int residuesAfter, double predictedAbovePi, int loops) {
    }

    /** Runs the step. Bad input: {@link InvalidInputException} or {@link IllegalArgumentException}. */
    public static Result run(RedifferenceStepParameters p) throws IOException {
        GridGeometry g;
        float[] ifg;
        try (GeoTiffReader t = GeoTiffReader.open(p.ifg())) {
            g = t.grid();
            ifg = band(t, p.ifgBand(), g, "--ifg-band");
        }
        float[] pred;
        if (p.rangeOffset() != null) {
            pred = Redifferencing.rangePhase(read(p.rangeOffset(), p.rangeOffsetBand(), g), p.rangePixel(), p.wavelength());
        } else {
            float[] v = read(p.rangeVelocity(), 1, g);
            for (int i = 0; i < v.length; i++) {
                v[i] *= (float) p.days(); // slant-range metres
            }
            pred = Redifferencing.rangePhase(v, 1, p.wavelength());
        }
        if (p.azimuthOffset() != null) {
            float[] az = read(p.azimuthOffset(), 1, g);
            float[] fdc = p.doppler() != null ? read(p.doppler(), 1, g)
                    : Redifferencing.topsDoppler(g.rows(), g.cols(), p.burstLines(), p.dopplerSpan());
            Redifferencing.addAzimuthPhase(pred, az, p.azimuthTimeInterval(), fdc);
        }
        float[] res = Redifferencing.subtract(ifg, pred);
        float[] total = Redifferencing.addBack(Redifferencing.unwrapPath(res, g.rows(), g.cols()), pred);
        int before = Redifferencing.residues(ifg, g.rows(), g.cols()), after = Redifferencing.residues(res, g.rows(), g.cols());
        double above = Redifferencing.fractionAbovePi(pred, g.rows(), g.cols());
        int loops = Math.max(0, g.rows() - 1) * Math.max(0, g.cols() - 1);
        Files.createDirectories(p.out());
        GridGeometry og = new GridGeometry(g.rows(), g.cols(), g.transform(), g.epsg(), Double.NaN, null);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("SOFTWARE", "PermaSAR redifference");
        meta.put("UNIT", "radian");
        meta.put("SIGN_CONVENTION", "phase = 4*pi/wavelength * slant-range increase (MintPy)");
        meta.put("WAVELENGTH", Double.toString(p.wavelength()));
        tif(p.out().resolve("predicted_phase.tif"), og, pred, meta, "predictedPhase");
        tif(p.out().resolve("redifferenced.tif"), og, res, meta, "redifferencedWrappedPhase");
        tif(p.out().resolve("unwrapped.tif"), og, total, meta, "unwrappedPhase");
        String txt = String.format(Locale.ROOT, "interferogram = %s%nprediction = %s%s%nwavelength = %s m%n"
                + "residues before = %d of %d loops%nresidues after = %d of %d loops%n"
                + "predicted phase: fraction of neighbour differences above pi = %.4f%n"
                + "unwrapping = path following (Itoh 1982) of the re-differenced phase, prediction added back%n",
                p.ifg(), p.rangeOffset() != null ? p.rangeOffset() + " (range offsets, " + p.rangePixel() + " m pixels)"
                        : p.rangeVelocity() + " (range velocity x " + p.days() + " days)",
                p.azimuthOffset() == null ? "" : " + TOPS azimuth term from " + p.azimuthOffset(), p.wavelength(), before, loops,
                after, loops, above);
        AtomicFiles.write(p.out().resolve("redifference.txt"), t -> Files.writeString(t, txt, StandardCharsets.UTF_8));
        return new Result(g, before, after, above, loops);
    }

    private static void tif(Path path, GridGeometry g, float[] v, Map<String, String> meta, String name) throws IOException {
        AtomicFiles.write(path, tmp -> GeoTiffWriter.write(tmp, g, v, 1, meta, List.of(name)));
    }

    /**
     * One band on the interferogram grid: a raster of the same size as is, or an {@code offsets.tif} of
     * {@code permasar offsets} computed on images of the interferogram's size (CHIP, SEARCH, STEP items; node
     * (i, j) at pixel (C/2 + S + i·step, C/2 + S + j·step)) interpolated bilinearly to every pixel.
     */
    private static float[] read(Path file, int band, GridGeometry g) throws IOException {
        try (GeoTiffReader t = GeoTiffReader.open(file)) {
            GridGeometry h = t.grid();
            if (h.rows() == g.rows() && h.cols() == g.cols()) {
                return band(t, band, h, "band");
            }
            Map<String, String> a = t.attributes();
            int[] cs = {parse(a.get("CHIP")), parse(a.get("SEARCH")), parse(a.get("STEP"))};
            if (cs[0] > 0 && cs[1] > 0 && cs[2] > 0) {
                int span = cs[0] + 2 * cs[1], first = cs[0] / 2 + cs[1];
                int gr = g.rows() < span ? 0 : (g.rows() - span) / cs[2] + 1, gc = g.cols() < span ? 0 : (g.cols() - span) / cs[2] + 1;
                if (gr == h.rows() && gc == h.cols()) {
                    return NodeGridUpsampler.toPixels(band(t, band, h, "band"), gr, gc, first, cs[2], g.rows(), g.cols());
                }
                throw new InvalidInputException(file, "offsets on " + h.rows() + "×" + h.cols() + " nodes (chip " + cs[0] + ", search "
                        + cs[1] + ", step " + cs[2] + ") were not tracked on images of the interferogram's size " + g.rows() + "×"
                        + g.cols() + " (that gives " + gr + "×" + gc + " nodes)");
            }
            throw new InvalidInputException(file, "size " + h.rows() + "×" + h.cols() + " differs from the interferogram's "
                    + g.rows() + "×" + g.cols() + " and it is not an offsets.tif of permasar offsets: resample it to the interferogram grid first");
        }
    }

    private static int parse(String v) {
        try {
            return v == null ? -1 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static float[] band(GeoTiffReader t, int band, GridGeometry g, String what) throws IOException {
        if (band > t.bandCount()) {
            throw new InvalidInputException(t.path(), what + " " + band + " is outside 1 … " + t.bandCount());
        }
        float[] v = new float[g.size()];
        t.readBand(band - 1, Window.of(g), v, 0, 1f);
        if (!Double.isNaN(g.nodata())) {
            float nd = (float) g.nodata();
            for (int i = 0; i < v.length; i++) {
                if (v[i] == nd) {
                    v[i] = Float.NaN;
                }
            }
        }
        return v;
    }
}
