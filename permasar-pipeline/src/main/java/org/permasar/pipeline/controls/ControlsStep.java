package org.permasar.pipeline.controls;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.permasar.io.table.CsvTable;
import org.permasar.stack.InvalidInputException;
import org.permasar.stats.geodetector.BinnedStatistics;
import org.permasar.stats.geodetector.Breaks;
import org.permasar.stats.geodetector.Discretization;
import org.permasar.stats.geodetector.FactorDetector;
import org.permasar.stats.geodetector.GeographicalDetector;
import org.permasar.stats.geodetector.OptimalDiscretization;
import org.permasar.stats.geodetector.SingleMemberStrata;
import org.permasar.stats.geodetector.StratumSums;

/**
 * The controls step in table mode: the geographical detector (SCIENCE.md §6; Wang et al. 2010) on any CSV table.
 *
 * <p>A factor's distinct values are its strata (text or integer codes; numbers sorted numerically, text
 * alphabetically) unless {@link ControlsParameters#discretize} names it, in which case its numbers are cut into
 * classes by the given method or by the OPGD search. Rows with an empty/NA response or factor are left out of
 * every detector, so all q refer to the same rows. Writes the tables of {@link ControlsTables}.
 *
 * <p>Bad input ({@link InvalidInputException}, one line naming file and column): a missing column, a non-numeric
 * response or discretised factor, a factor with a single stratum, or a categorical factor with more strata than
 * half the rows (a continuous column given without {@code --discretize}), no usable row.
 */
public final class ControlsStep {
    private ControlsStep() {
    }

    /** The report, the strata labels per factor and the discretisations made. */
    public record Result(GeographicalDetector.Report report, List<String[]> labels,
                         List<ControlsTables.Discretized> discretized, List<List<BinnedStatistics.Row>> binned,
                         List<ControlsTables.Crossed> crossed, int rows) {
    }

    /** Runs the detectors on the table and writes the tables into {@code p.out()}. */
    public static Result runTable(ControlsParameters p) throws IOException {
        return runTable(p, null);
    }

    /**
     * As {@link #runTable(ControlsParameters)}; with {@code inference}, factor_detector.csv also carries a row-bootstrap
     * interval of q and a permutation p ({@link #rowInference}).
     */
    public static Result runTable(ControlsParameters p, ControlsParameters.RowInference inference) throws IOException {
        CsvTable t = CsvTable.read(p.table());
        int n = t.rowCount();
        int yc = column(t, p.y(), "--y");
        int[] fc = new int[p.factors().size()];
        for (int i = 0; i < fc.length; i++) {
            fc[i] = column(t, p.factors().get(i), "--factors");
        }
        double[] y = new double[n];
        boolean[] use = new boolean[n];
        int used = 0;
        for (int r = 0; r < n; r++) {
            y[r] = t.number(r, yc);
            boolean ok = Double.isFinite(y[r]);
            for (int c : fc) {
                ok &= !missing(t.cell(r, c));
            }
            use[r] = ok;
            used += ok ? 1 : 0;
            if (!ok) {
                y[r] = Double.NaN;
            }
        }
        if (used < 3) {
            throw new InvalidInputException(p.table(), p.y(), used + " rows with the response and every factor present: need at least 3");
        }
        List<GeographicalDetector.Factor> factors = new ArrayList<>();
        List<String[]> labels = new ArrayList<>();
        List<ControlsTables.Discretized> disc = new ArrayList<>();
        for (int i = 0; i < fc.length; i++) {
            String name = p.factors().get(i);
            DiscretizeSpec spec = p.discretize().get(name);
            int[] codes = new int[n];
            String[] lab;
            if (spec != null) {
                double[] x = new double[n];
                for (int r = 0; r < n; r++) {
                    x[r] = use[r] ? t.number(r, fc[i]) : Double.NaN;
                }
                ControlsTables.Discretized d = discretize(name, spec, x, y, p);
                disc.add(d);
                Breaks b = d.used();
                for (int r = 0; r < n; r++) {
                    codes[r] = use[r] ? b.classOf(x[r]) : -1;
                }
                lab = new String[b.classes()];
                for (int c = 0; c < lab.length; c++) {
                    lab[c] = b.label(c);
                }
            } else {
                lab = categorical(t, fc[i], use, codes);
                if (lab.length < 2) {
                    throw new InvalidInputException(p.table(), name, "a single stratum ('" + (lab.length == 0 ? "" : lab[0])
                            + "'): a factor needs at least two");
                }
                if (lab.length > used / 2) {
                    throw new InvalidInputException(p.table(), name, lab.length + " distinct values in " + used
                            + " rows: more strata than half the rows; a continuous factor needs --discretize " + name
                            + "=METHOD:K or " + name + "=opgd");
                }
            }
            factors.add(new GeographicalDetector.Factor(name, codes, lab.length));
            labels.add(lab);
        }
        GeographicalDetector.Report report = GeographicalDetector.of(y, factors, p.singleMember());
        Files.createDirectories(p.out());
        List<List<BinnedStatistics.Row>> binned = new ArrayList<>();
        for (int i = 0; i < factors.size(); i++) {
            binned.add(binned(y, factors.get(i)));
        }
        List<ControlsTables.Crossed> crossed = new ArrayList<>();
        for (List<String> c : p.cross()) {
            int a = p.factors().indexOf(c.get(0)), b = p.factors().indexOf(c.get(1));
            GeographicalDetector.Factor fa = factors.get(a), fb = factors.get(b);
            int[] codes = new int[n];
            for (int r = 0; r < n; r++) {
                codes[r] = fa.codes()[r] < 0 || fb.codes()[r] < 0 ? -1 : fa.codes()[r] * fb.classes() + fb.codes()[r];
            }
            crossed.add(new ControlsTables.Crossed(fa.name(), fb.name(), labels.get(a), labels.get(b),
                    binned(y, new GeographicalDetector.Factor(fa.name() + "×" + fb.name(), codes, fa.classes() * fb.classes()))));
        }
        List<ControlsTables.BlockInference> inf = null;
        if (inference != null) {
            inf = new ArrayList<>();
            for (GeographicalDetector.Factor f : factors) {
                inf.add(rowInference(y, f.codes(), inference, p.singleMember()));
            }
        }
        ControlsTables.write(p.out(), report, labels, disc, inf);
        ControlsTables.writeBinned(p.out(), p.factors(), labels, binned, crossed);
        return new Result(report, labels, disc, binned, crossed, used);
    }

    /**
     * Row-level inference for one factor, {@link org.permasar.stats.geodetector.SpatialBlocks} with every row its own
     * block: the 95 % percentile interval of q over rows drawn with replacement (Efron 1979), and the permutation p =
     * (1 + #{q_π ≥ q}) / (R + 1) of the response shuffled against the strata (Phipson &amp; Smyth 2010). Written into
     * the block columns of factor_detector.csv with tile_px = 0 (rows) and tiles_permuted = the rows used.
     */
    static ControlsTables.BlockInference rowInference(double[] y, int[] codes, ControlsParameters.RowInference inf,
                                                      SingleMemberStrata convention) {
        int n = 0;
        for (int r = 0; r < y.length; r++) {
            n += codes[r] >= 0 && Double.isFinite(y[r]) ? 1 : 0;
        }
        StratumSums[] rows = new StratumSums[n];
        float[][] yb = new float[n][1];
        int[][] cb = new int[n][1];
        for (int r = 0, k = 0; r < y.length; r++) {
            if (codes[r] >= 0 && Double.isFinite(y[r])) {
                rows[k] = new StratumSums();
                rows[k].add(codes[r], y[r]);
                yb[k][0] = (float) y[r];
                cb[k][0] = codes[r];
                k++;
            }
        }
        double lo = Double.NaN, hi = Double.NaN, pp = Double.NaN;
        if (inf.bootstrap() > 0) {
            org.permasar.stats.geodetector.SpatialBlocks.Interval iv = org.permasar.stats.geodetector.SpatialBlocks
                    .bootstrapInterval(rows, inf.bootstrap(), 0.95, inf.seed(), convention);
            lo = iv.low();
            hi = iv.high();
        }
        if (inf.permutations() > 0) {
            pp = org.permasar.stats.geodetector.SpatialBlocks.permutationP(yb, cb, inf.permutations(), inf.seed(), convention);
        }
        return new ControlsTables.BlockInference(lo, hi, pp, 0, n);
    }

    /** Exact binned statistics of y per class of one factor (rows with code −1 left out). */
    private static List<BinnedStatistics.Row> binned(double[] y, GeographicalDetector.Factor f) {
        int[] count = new int[f.classes()];
        for (int c : f.codes()) {
            if (c >= 0) {
                count[c]++;
            }
        }
        double[][] v = new double[f.classes()][];
        for (int c = 0; c < v.length; c++) {
            v[c] = new double[count[c]];
        }
        int[] fill = new int[f.classes()];
        for (int r = 0; r < y.length; r++) {
            int c = f.codes()[r];
            if (c >= 0) {
                v[c][fill[c]++] = y[r];
            }
        }
        List<BinnedStatistics.Row> rows = new ArrayList<>();
        for (double[] values : v) {
            rows.add(BinnedStatistics.exact(values));
        }
        return rows;
    }

    private static ControlsTables.Discretized discretize(String name, DiscretizeSpec spec, double[] x, double[] y,
                                                          ControlsParameters p) {
        if (spec.opgd()) {
            OptimalDiscretization.Result r = OptimalDiscretization.search(x, y, List.of(Discretization.Method.values()),
                    spec.kMin(), spec.kMax(), p.tolerance(), p.singleMember());
            return new ControlsTables.Discretized(name, spec, r.candidates(), r.chosen().breaks());
        }
        Breaks b;
        try {
            b = Discretization.breaks(x, spec.method(), spec.k());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--discretize " + name + "=" + spec + ": " + e.getMessage());
        }
        return new ControlsTables.Discretized(name, spec,
                List.of(new OptimalDiscretization.Candidate(spec.method(), spec.k(), b, qOf(b, x, y, p.singleMember()))), b);
    }

    /** q of one fixed discretisation (for discretization.csv). */
    private static double qOf(Breaks b, double[] x, double[] y, SingleMemberStrata convention) {
        StratumSums s = new StratumSums(b.classes());
        for (int i = 0; i < x.length; i++) {
            s.add(b.classOf(x[i]), y[i]);
        }
        return FactorDetector.detect(s, convention).q();
    }

    /** Codes of a categorical column (−1 where not used); returns the labels in code order. */
    private static String[] categorical(CsvTable t, int col, boolean[] use, int[] codes) {
        TreeMap<String, Integer> seen = new TreeMap<>();
        boolean numeric = true;
        for (int r = 0; r < t.rowCount(); r++) {
            if (use[r]) {
                String v = t.cell(r, col);
                seen.put(v, 0);
                numeric &= parses(v);
            }
        }
        String[] lab = seen.keySet().toArray(new String[0]);
        if (numeric) {
            Arrays.sort(lab, (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        }
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < lab.length; i++) {
            index.put(lab[i], i);
        }
        for (int r = 0; r < t.rowCount(); r++) {
            codes[r] = use[r] ? index.get(t.cell(r, col)) : -1;
        }
        return lab;
    }

    private static boolean parses(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean missing(String s) {
        return s.isEmpty() || s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("NaN") || s.equalsIgnoreCase("null");
    }

    private static int column(CsvTable t, String name, String option) throws InvalidInputException {
        int i = t.columns().indexOf(name);
        if (i < 0) {
            throw new InvalidInputException(t.file(), option + " " + name + ": no such column; the table has " + t.columns());
        }
        return i;
    }
}
