package org.permasar.io.gamma;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permasar.stack.InvalidInputException;

/**
 * The perpendicular-baseline table that GAMMA's {@code base_perp} writes for one interferogram
 * ({@code <ref>-<sec>_*_bperp.par}): a header with {@code interferogram lines: L  range
 * samples/line: S}, then one row per node of a regular (line, range sample) grid with nine
 * numbers {@code line range B_t B_c B_n look_angle bpara bperp blen}; B⊥ ({@code bperp}, metres,
 * the secondary orbit relative to the reference, GAMMA's sign) is the eighth. Line and range are
 * in the interferogram's own (multi-looked) radar coordinates. Immutable.
 *
 * <p>One number per pair, {@link #centre()}, is B⊥ at the scene centre, interpolated bilinearly
 * between the four table nodes around it. It is the value the Geoscience Australia GAMMA chain
 * reports per interferogram ({@code interp_centre_bperp}, Lawrie 2015) and the value ROI_PAC's
 * (top + bottom)/2 approximates; the mean over the table nodes differs from it by at most
 * 0.43 m on the Mexico City stack (0.5 % of its B⊥ span), the spread over the scene is ±7 m.
 */
public final class BperpTable {
    private static final Pattern SIZE = Pattern.compile(
            "interferogram lines:\\s*(\\d+)\\s+range samples/line:\\s*(\\d+)");
    /** Index of {@code bperp} among the nine numbers of a table row (base_perp v3.5 layout). */
    private static final int BPERP_COLUMN = 7;

    private final Path file;
    private final int lines;
    private final int samples;
    private final double[] nodeLines;
    private final double[] nodeRanges;
    /** B⊥ in metres at node (i, j): {@code grid[i * nodeRanges.length + j]}. */
    private final double[] grid;

    private BperpTable(Path file, int lines, int samples, double[] nodeLines, double[] nodeRanges, double[] grid) {
        this.file = file;
        this.lines = lines;
        this.samples = samples;
        this.nodeLines = nodeLines;
        this.nodeRanges = nodeRanges;
        this.grid = grid;
    }

    /**
     * Reads a {@code base_perp} table.
     *
     * @throws InvalidInputException naming the file when the size line is missing, no table row is
     *                               found, or the rows do not fill a regular line × range grid
     */
    public static BperpTable read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "missing GAMMA base_perp table (*_bperp.par)");
        }
        List<String> text = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        int lines = -1, samples = -1;
        int n = 0;
        double[] l = new double[text.size()], r = new double[text.size()], b = new double[text.size()];
        for (String s : text) {
            Matcher m = SIZE.matcher(s);
            if (lines < 0 && m.find()) {
                lines = Integer.parseInt(m.group(1));
                samples = Integer.parseInt(m.group(2));
                continue;
            }
            String[] t = s.trim().split("\\s+");
            if (t.length != 9 || !Character.isDigit(t[0].charAt(0))) {
                continue;
            }
            try {
                l[n] = Double.parseDouble(t[0]);
                r[n] = Double.parseDouble(t[1]);
                b[n] = Double.parseDouble(t[BPERP_COLUMN]);
                n++;
            } catch (NumberFormatException e) {
                // a text line of nine words, not a table row
            }
        }
        if (lines <= 0 || samples <= 0) {
            throw new InvalidInputException(file, "interferogram lines", "expected a line 'interferogram lines: L "
                    + "range samples/line: S' with L, S > 0");
        }
        if (n == 0) {
            throw new InvalidInputException(file, "bperp", "no table rows 'line range B_t B_c B_n look bpara bperp blen'");
        }
        double[] ul = Arrays.stream(l, 0, n).distinct().sorted().toArray();
        double[] ur = Arrays.stream(r, 0, n).distinct().sorted().toArray();
        if ((long) ul.length * ur.length != n) {
            throw new InvalidInputException(file, "bperp", n + " table rows do not fill a regular grid of "
                    + ul.length + " lines × " + ur.length + " range samples");
        }
        double[] g = new double[n];
        Arrays.fill(g, Double.NaN);
        for (int k = 0; k < n; k++) {
            int idx = Arrays.binarySearch(ul, l[k]) * ur.length + Arrays.binarySearch(ur, r[k]);
            if (!Double.isNaN(g[idx])) {
                throw new InvalidInputException(file, "bperp", "node (line " + l[k] + ", range " + r[k]
                        + ") appears twice");
            }
            g[idx] = b[k];
        }
        return new BperpTable(file, lines, samples, ul, ur, g);
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Interferogram lines (azimuth size) stated in the header. */
    public int lines() {
        return lines;
    }

    /** Range samples per line stated in the header. */
    public int samples() {
        return samples;
    }

    /** Number of table nodes. */
    public int nodes() {
        return grid.length;
    }

    /** Mean B⊥ over all table nodes, metres. */
    public double mean() {
        double s = 0;
        for (double v : grid) {
            s += v;
        }
        return s / grid.length;
    }

    /** B⊥ at the scene centre (line (L−1)/2, range sample (S−1)/2), metres; see the class notes. */
    public double centre() {
        return at((lines - 1) / 2.0, (samples - 1) / 2.0);
    }

    /**
     * B⊥ in metres at a radar position, bilinear between the four surrounding table nodes;
     * positions outside the table are clamped to its edge (B⊥ varies slowly and almost linearly
     * across a scene, so the edge value is the best the table offers there).
     */
    public double at(double line, double range) {
        int i = lower(nodeLines, line), j = lower(nodeRanges, range);
        double fi = fraction(nodeLines, i, line), fj = fraction(nodeRanges, j, range);
        int nr = nodeRanges.length;
        int i1 = Math.min(i + 1, nodeLines.length - 1), j1 = Math.min(j + 1, nr - 1);
        // bilinear interpolation: (1−u)(1−v)·b00 + (1−u)v·b01 + u(1−v)·b10 + uv·b11
        return (1 - fi) * ((1 - fj) * grid[i * nr + j] + fj * grid[i * nr + j1])
                + fi * ((1 - fj) * grid[i1 * nr + j] + fj * grid[i1 * nr + j1]);
    }

    /** Index of the last node ≤ x, clamped to [0, n−1]. */
    private static int lower(double[] nodes, double x) {
        int k = 0;
        while (k + 1 < nodes.length && nodes[k + 1] <= x) {
            k++;
        }
        return k;
    }

    /** Position of x between node k and k+1 in [0, 1] (0 past either end). */
    private static double fraction(double[] nodes, int k, double x) {
        if (k + 1 >= nodes.length || x <= nodes[k]) {
            return 0;
        }
        return Math.min(1, (x - nodes[k]) / (nodes[k + 1] - nodes[k]));
    }
}
