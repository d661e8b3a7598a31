package org.permasar.pipeline.controls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.permasar.io.AtomicFiles;
import org.permasar.stats.geodetector.BinnedStatistics;
import org.permasar.stats.geodetector.Breaks;
import org.permasar.stats.geodetector.EcologicalDetector;
import org.permasar.stats.geodetector.FactorDetector;
import org.permasar.stats.geodetector.GeographicalDetector;
import org.permasar.stats.geodetector.OptimalDiscretization;
import org.permasar.stats.geodetector.RiskDetector;

/**
 * The geographical detector's result tables, written atomically into the output folder:
 * {@code factor_detector.csv} (factor, q, p, F, lambda, strata, n, convention), {@code interaction_detector.csv}
 * (factor1, factor2, q, interaction, q1, q2, strata, n, convention), {@code risk_detector.csv} (Welch test of every
 * pair of strata), {@code risk_means.csv} (n, mean and variance of every stratum), {@code ecological_detector.csv}
 * (factor1, factor2, F, df1, df2, p, significant) and, when a factor was discretised, {@code discretization.csv}
 * (every method × k tried, its q and limits, and which was used); {@link #writeBinned} adds
 * {@code binned_statistics.csv}. Numbers at full double precision; NaN where a
 * test is undefined. Stateless.
 */
public final class ControlsTables {
    private ControlsTables() {
    }

    /** A discretised factor: its name, how, the candidates tried (one for a fixed method) and the breaks used. */
    public record Discretized(String factor, DiscretizeSpec spec, List<OptimalDiscretization.Candidate> candidates,
                              Breaks used) {
    }

    /**
     * Spatial-block inference of one factor: the 95 % block-bootstrap interval of q, the block permutation p, the
     * tile size (px) and the number of tiles permuted.
     */
    public record BlockInference(double qLow, double qHigh, double pBlock, int tile, int tilesPermuted) {
    }

    /** Writes every table of {@code r}; {@code labels.get(i)[code]} names stratum {@code code} of factor i. */
    public static void write(Path out, GeographicalDetector.Report r, List<String[]> labels, List<Discretized> disc)
            throws IOException {
        write(out, r, labels, disc, null);
    }

    /**
     * As {@link #write(Path, GeographicalDetector.Report, List, List)}; with {@code inference} (one per factor),
     * factor_detector.csv gains q_low, q_high (95 % block bootstrap), p_block (block permutation), tile_px and
     * tiles_permuted.
     */
    public static void write(Path out, GeographicalDetector.Report r, List<String[]> labels, List<Discretized> disc,
                             List<BlockInference> inference) throws IOException {
        String conv = r.convention().name().toLowerCase(Locale.ROOT);
        StringBuilder f = new StringBuilder("factor,q,p,F,lambda,strata,n,convention"
                + (inference == null ? "" : ",q_low,q_high,p_block,tile_px,tiles_permuted") + "\n");
        for (int i = 0; i < r.factors().size(); i++) {
            FactorDetector.Result x = r.factor().get(i);
            if (inference == null) {
                row(f, r.factors().get(i), num(x.q()), num(x.p()), num(x.f()), num(x.lambda()), x.strata(), x.n(), conv);
            } else {
                BlockInference b = inference.get(i);
                row(f, r.factors().get(i), num(x.q()), num(x.p()), num(x.f()), num(x.lambda()), x.strata(), x.n(), conv,
                        num(b.qLow()), num(b.qHigh()), num(b.pBlock()), b.tile(), b.tilesPermuted());
            }
        }
        StringBuilder in = new StringBuilder("factor1,factor2,q,interaction,q1,q2,strata,n,convention\n");
        for (GeographicalDetector.InteractionResult x : r.interaction()) {
            row(in, x.factor1(), x.factor2(), num(x.overlay().q()), x.interaction() == null ? "" : x.interaction().label(),
                    num(x.q1()), num(x.q2()), x.overlay().strata(), x.overlay().n(), conv);
        }
        StringBuilder risk = new StringBuilder("factor,stratum_a,stratum_b,mean_a,mean_b,n_a,n_b,t,df,p,significant\n");
        StringBuilder means = new StringBuilder("factor,stratum,n,mean,variance\n");
        for (int i = 0; i < r.factors().size(); i++) {
            RiskDetector.Result x = r.risk().get(i);
            String[] lab = labels.get(i);
            java.util.Map<Integer, RiskDetector.Stratum> byCode = new java.util.HashMap<>();
            for (RiskDetector.Stratum s : x.strata()) {
                byCode.put(s.code(), s);
                row(means, r.factors().get(i), lab[s.code()], s.n(), num(s.mean()), num(s.variance()));
            }
            for (RiskDetector.Pair p : x.pairs()) {
                RiskDetector.Stratum a = byCode.get(p.a()), b = byCode.get(p.b());
                row(risk, r.factors().get(i), lab[p.a()], lab[p.b()], num(a.mean()), num(b.mean()), a.n(), b.n(),
                        num(p.t()), num(p.df()), num(p.p()), Double.isNaN(p.p()) ? "" : String.valueOf(p.significant()));
            }
        }
        StringBuilder eco = new StringBuilder("factor1,factor2,F,df1,df2,p,significant\n");
        for (GeographicalDetector.EcologicalResult x : r.ecological()) {
            EcologicalDetector.Result e = x.test();
            row(eco, x.factor1(), x.factor2(), num(e.f()), e.df1(), e.df2(), num(e.p()),
                    Double.isNaN(e.p()) ? "" : String.valueOf(e.significant()));
        }
        text(out.resolve("factor_detector.csv"), f);
        text(out.resolve("interaction_detector.csv"), in);
        text(out.resolve("risk_detector.csv"), risk);
        text(out.resolve("risk_means.csv"), means);
        text(out.resolve("ecological_detector.csv"), eco);
        if (!disc.isEmpty()) {
            StringBuilder d = new StringBuilder("factor,spec,method,k,classes,q,used,limits\n");
            for (Discretized x : disc) {
                for (OptimalDiscretization.Candidate c : x.candidates()) {
                    StringBuilder lim = new StringBuilder();
                    for (double v : c.breaks().limits()) {
                        lim.append(lim.length() == 0 ? "" : " ").append(num(v));
                    }
                    row(d, x.factor(), x.spec(), c.method().label(), c.k(), c.breaks().classes(), num(c.q()),
                            c.breaks() == x.used(), lim);
                }
            }
            text(out.resolve("discretization.csv"), d);
        }
    }

    /**
     * {@code binned_statistics.csv}: per factor and class, n, the 2/25/50/75/98 % quantiles and the mean of the
     * response (the box plots' numbers).
     */
    public static void writeBinned(Path out, List<String> factors, List<String[]> labels,
                                   List<List<BinnedStatistics.Row>> rows) throws IOException {
        StringBuilder b = new StringBuilder("factor,class,n,p02,p25,p50,p75,p98,mean\n");
        for (int i = 0; i < factors.size(); i++) {
            for (int c = 0; c < rows.get(i).size(); c++) {
                BinnedStatistics.Row r = rows.get(i).get(c);
                row(b, factors.get(i), labels.get(i)[c], r.n(), num(r.p02()), num(r.p25()), num(r.p50()), num(r.p75()),
                        num(r.p98()), num(r.mean()));
            }
        }
        text(out.resolve("binned_statistics.csv"), b);
    }

    /** Binned statistics of the crossed classes of two factors: row {@code a·L_B + b} is class a of A with class b of B. */
    public record Crossed(String factorA, String factorB, String[] labelsA, String[] labelsB,
                          List<BinnedStatistics.Row> rows) {
        /** The name in binned_statistics.csv, e.g. "ndvi×density". */
        public String name() {
            return factorA + "×" + factorB;
        }
    }

    /** Appends the crossed pairs to the rows of {@link #writeBinned}: factor "A×B", class "a × b". */
    public static void writeBinned(Path out, List<String> factors, List<String[]> labels,
                                   List<List<BinnedStatistics.Row>> rows, List<Crossed> crossed) throws IOException {
        List<String> f = new java.util.ArrayList<>(factors);
        List<String[]> l = new java.util.ArrayList<>(labels);
        List<List<BinnedStatistics.Row>> r = new java.util.ArrayList<>(rows);
        for (Crossed c : crossed) {
            String[] lab = new String[c.labelsA().length * c.labelsB().length];
            for (int a = 0; a < c.labelsA().length; a++) {
                for (int b = 0; b < c.labelsB().length; b++) {
                    lab[a * c.labelsB().length + b] = c.labelsA()[a] + " × " + c.labelsB()[b];
                }
            }
            f.add(c.name());
            l.add(lab);
            r.add(c.rows());
        }
        writeBinned(out, f, l, r);
    }

    /** A CSV cell: quoted when it holds a comma or quote. */
    static String cell(Object o) {
        String s = String.valueOf(o);
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static void row(StringBuilder b, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            b.append(i == 0 ? "" : ",").append(cell(cells[i]));
        }
        b.append('\n');
    }

    /** Shortest round-trip decimal ({@link Double#toString}), "NaN" for NaN. */
    static String num(double v) {
        return Double.toString(v);
    }

    static void text(Path file, CharSequence body) throws IOException {
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, body, StandardCharsets.UTF_8));
    }
}
