package org.permasar.pipeline.invert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.AtomicFiles;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;
import org.permasar.unwrap.ComponentBridging;
import org.permasar.unwrap.PairClosureQuality;
import org.permasar.unwrap.RegionClosureCorrection;
import org.permasar.unwrap.Triplets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver-side work of {@link InversionRun} for unwrapping errors that needs whole planes or a pass of its
 * own over the stack: the cycles per connectComponent label of bridging and of the region variant of the
 * closure correction (applied by {@link InvertKernel} block by block), and the closure quality of each pair.
 * Reads the stack it is given; not thread-safe (one per run).
 */
final class UnwrapPlanes {
    private static final Logger LOG = LoggerFactory.getLogger(UnwrapPlanes.class);
    static final String QUALITY_CSV = "closureQuality.csv";
    static final String QUALITY_H5 = "closureQuality.h5";

    private final InterferogramStack stack;
    private final int[] keptLayers;
    private final Network network;
    private final GridGeometry grid;
    private final int refRow;
    private final int refCol;

    /**
     * @param network the kept pairs' network (pair j is stack layer {@code keptLayers[j]})
     */
    UnwrapPlanes(InterferogramStack stack, int[] keptLayers, Network network, GridGeometry grid, int refRow, int refCol) {
        this.stack = stack;
        this.keptLayers = keptLayers;
        this.network = network;
        this.grid = grid;
        this.refRow = refRow;
        this.refCol = refCol;
    }

    /**
     * Closure quality of every kept pair ({@link PairClosureQuality}) on the referenced input phase, before any
     * correction, water masked, from one more read of {@code unwrapPhase}, block by block on the driver, each block's
     * triplets shared among {@code threads} threads: what a run whose workers could not hand it over (a cluster's)
     * needs; a local run's workers collect it ({@link ClosureQualityCollector}).
     */
    PairClosureQuality pairQuality(List<Window> plan, boolean[] land, float[] refPhase, int threads) throws IOException {
        PairClosureQuality q = new PairClosureQuality(Triplets.of(network));
        int m = keptLayers.length, cols = grid.cols();
        for (Window w : plan) {
            float[] all = stack.read(InterferogramStack.UNWRAP_PHASE, w);
            int n = w.size();
            float[] ph = new float[m * n];
            for (int j = 0; j < m; j++) {
                int o = keptLayers[j] * n;
                float ref = refPhase[j];
                for (int p = 0; p < n; p++) {
                    int gp = (w.row0() + p / w.cols()) * cols + w.col0() + p % w.cols();
                    ph[j * n + p] = land != null && !land[gp] ? Float.NaN : all[o + p] - ref;
                }
            }
            q.add(ph, n, threads);
        }
        return q;
    }

    /**
     * Writes the closure quality {@code q} of every kept pair: {@value #QUALITY_CSV} (one row per kept pair) and
     * {@value #QUALITY_H5} (ifgramStack's {@code date} and one float32 dataset per column); returns a one-line
     * account naming the worst pair.
     */
    String writePairQuality(Path out, PairClosureQuality q, Map<String, String> attrs) throws IOException {
        int m = keptLayers.length;
        float[] share = new float[m], mean = new float[m], ntri = new float[m], cells = new float[m];
        StringBuilder csv = new StringBuilder("date12,reference,secondary,days,bperp_m,triplets,cells,nonzero_cells,"
                + "nonzero_share,mean_abs_closure_rad\n");
        int worst = -1;
        for (int k = 0; k < m; k++) {
            share[k] = (float) q.nonzeroShare(k);
            mean[k] = (float) q.meanAbsWrappedClosure(k);
            ntri[k] = q.triplets(k);
            cells[k] = q.validCells(k);
            Pair p = network.pairs().get(k);
            csv.append(String.format(Locale.ROOT, "%s_%s,%s,%s,%d,%.3f,%d,%d,%d,%s,%s%n", Dates.compact(p.reference()),
                    Dates.compact(p.secondary()), p.reference(), p.secondary(),
                    ChronoUnit.DAYS.between(p.reference(), p.secondary()), network.bperp(k),
                    q.triplets(k), q.validCells(k), q.nonzeroCells(k), num(q.nonzeroShare(k)),
                    num(q.meanAbsWrappedClosure(k))));
            if (!Double.isNaN(q.nonzeroShare(k)) && (worst < 0 || q.nonzeroShare(k) > q.nonzeroShare(worst))) {
                worst = k;
            }
        }
        String text = csv.toString();
        AtomicFiles.write(out.resolve(QUALITY_CSV), tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
        LinkedHashMap<String, float[]> c = new LinkedHashMap<>();
        c.put("closureNonzeroShare", share);
        c.put("closureMeanAbs", mean);
        c.put("numTriplet", ntri);
        c.put("numClosureCell", cells);
        Map<String, String> a = new LinkedHashMap<>();
        a.put("UNIT", "closureNonzeroShare: 1, closureMeanAbs: radian, numTriplet: 1, numClosureCell: 1");
        a.put("PERMASAR_DESCRIPTION", "per kept pair, over (triplet, pixel) cells with a closure: share with a non-zero "
                + "closure integer, mean |wrapped closure phase|; before any unwrapping correction");
        if (attrs.containsKey("REF_Y")) {
            a.put("REF_Y", attrs.get("REF_Y"));
            a.put("REF_X", attrs.get("REF_X"));
        }
        MintPyWriter.writePairTable(out.resolve(QUALITY_H5), network, c, a, "closureQuality");
        return worst < 0 ? "no pair with a closure" : String.format(Locale.ROOT,
                "worst closure quality: %s, %.2f %% of its triplet-pixel cells with a non-zero closure integer",
                network.pairs().get(worst), 100 * q.nonzeroShare(worst));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6f", v);
    }

    /**
     * MintPy's region variant of the closure correction on whole planes ({@link RegionClosureCorrection}):
     * common regions of the kept pairs' connectComponent (water masked), 100 seeded samples each, their median
     * closure cycles; per kept pair, the cycles of each connectComponent label (its largest matched region decides
     * when one label forms several regions, as in {@link #bridgeTables}).
     */
    int[][] regionTables(boolean[] land, float[] refPhase) throws IOException {
        if (!stack.has(InterferogramStack.CONNECT_COMPONENT)) {
            throw new InvalidInputException(stack.path(), InterferogramStack.CONNECT_COMPONENT,
                    "missing, but --unwrap-correction phase-closure-region needs it");
        }
        int npix = grid.size(), rows = grid.rows(), cols = grid.cols(), m = keptLayers.length;
        Window all = Window.of(grid);
        float[] phAll = stack.read(InterferogramStack.UNWRAP_PHASE, all);
        float[] ccAll = stack.read(InterferogramStack.CONNECT_COMPONENT, all);
        float[] ph = new float[m * npix];
        float[] cc = new float[m * npix];
        for (int j = 0; j < m; j++) {
            int o = keptLayers[j] * npix;
            for (int p = 0; p < npix; p++) {
                ph[j * npix + p] = land != null && !land[p] ? Float.NaN : phAll[o + p] - refPhase[j];
            }
            System.arraycopy(ccAll, o, cc, j * npix, npix);
        }
        phAll = null;
        ccAll = null;
        Triplets t = Triplets.of(network);
        RegionClosureCorrection.Regions reg = RegionClosureCorrection.commonRegions(cc, m, land, rows, cols,
                RegionClosureCorrection.DEFAULT_MIN_AREA);
        int[][] samples = RegionClosureCorrection.samples(reg, RegionClosureCorrection.DEFAULT_SAMPLES, 0L);
        int refRegion = reg.label()[refRow * cols + refCol] - 1;
        int[][] cyc = t.count() == 0 ? new int[reg.count()][m]
                : RegionClosureCorrection.regionCycles(ph, npix, t, samples, refRegion);
        LOG.info("phase-closure-region: {} common regions of ≥ {} px, {} samples each, reference region {}", reg.count(),
                (long) Math.ceil(RegionClosureCorrection.minArea(RegionClosureCorrection.DEFAULT_MIN_AREA, npix)),
                RegionClosureCorrection.DEFAULT_SAMPLES, refRegion + 1);
        int[][] tables = new int[m][];
        float[] cck = new float[npix];
        int[] perPixel = new int[npix];
        int[] ofPair = new int[reg.count()];
        int conflicts = 0;
        for (int j = 0; j < m; j++) {
            System.arraycopy(cc, j * npix, cck, 0, npix);
            for (int g = 0; g < reg.count(); g++) {
                ofPair[g] = cyc[g][j];
            }
            RegionClosureCorrection.applyPair(cck, land, rows, cols, RegionClosureCorrection.DEFAULT_MIN_AREA, samples,
                    ofPair, perPixel);
            int maxLabel = 0;
            for (int p = 0; p < npix; p++) {
                if (cck[p] >= 1 && cck[p] < 1 << 20) {
                    maxLabel = Math.max(maxLabel, (int) cck[p]);
                }
            }
            int[] table = new int[maxLabel + 1];
            int[] count = new int[maxLabel + 1];
            for (int p = 0; p < npix; p++) { // a label's cycles: those of its corrected pixels (they agree unless split)
                int l = cck[p] >= 1 && cck[p] <= maxLabel ? (int) cck[p] : 0;
                if (l > 0 && perPixel[p] != 0) {
                    if (count[l] > 0 && table[l] != perPixel[p]) {
                        conflicts++;
                    }
                    table[l] = perPixel[p];
                    count[l]++;
                }
            }
            tables[j] = table;
        }
        if (conflicts > 0) {
            LOG.warn("phase-closure-region: {} pixels of a connectComponent label whose regions took different cycles; "
                    + "the label's last region's cycles were applied to all its pixels", conflicts);
        }
        return tables;
    }

    /**
     * Bridging on whole planes, pair by pair (MintPy {@code unwrap_error_bridging}: water pixels are masked,
     * the reference pixel's region is the root): per kept pair, the cycles of each connectComponent label. When one
     * label forms several bridged regions with different cycles, the largest region's cycles are used (logged).
     */
    int[][] bridgeTables(boolean[] land) throws IOException {
        if (!stack.has(InterferogramStack.CONNECT_COMPONENT)) {
            throw new InvalidInputException(stack.path(), InterferogramStack.CONNECT_COMPONENT,
                    "missing, but --unwrap-correction bridging needs it");
        }
        int npix = grid.size(), rows = grid.rows(), cols = grid.cols();
        Window all = Window.of(grid);
        float[] ph = stack.read(InterferogramStack.UNWRAP_PHASE, all);
        float[] cc = stack.read(InterferogramStack.CONNECT_COMPONENT, all);
        int ref = refRow * cols + refCol;
        int[][] tables = new int[keptLayers.length][];
        int conflicts = 0;
        float[] phk = new float[npix];
        float[] cck = new float[npix];
        for (int j = 0; j < keptLayers.length; j++) {
            int o = keptLayers[j] * npix;
            System.arraycopy(ph, o, phk, 0, npix);
            System.arraycopy(cc, o, cck, 0, npix);
            int maxLabel = 0;
            for (int p = 0; p < npix; p++) {
                if (land != null && !land[p]) {
                    cck[p] = 0f;
                }
                if (cck[p] >= 1 && cck[p] < 1 << 20) {
                    maxLabel = Math.max(maxLabel, (int) cck[p]);
                }
            }
            ComponentBridging.Bridged b = ComponentBridging.bridge(phk, cck, rows, cols, ref,
                    ComponentBridging.DEFAULT_MIN_AREA, ComponentBridging.DEFAULT_RADIUS);
            int nreg = b.regionCycles().length;
            int[] area = new int[nreg];
            for (int p = 0; p < npix; p++) {
                if (b.region()[p] >= 0) {
                    area[b.region()[p]]++;
                }
            }
            int[] table = new int[maxLabel + 1];
            int[] best = new int[maxLabel + 1];
            for (int g = 0; g < nreg; g++) {
                int l = b.regionLabel()[g];
                if (l < 1 || l > maxLabel) {
                    continue;
                }
                if (best[l] > 0 && table[l] != b.regionCycles()[g]) {
                    conflicts++;
                }
                if (area[g] > best[l]) {
                    best[l] = area[g];
                    table[l] = b.regionCycles()[g];
                }
            }
            tables[j] = table;
        }
        if (conflicts > 0) {
            LOG.warn("bridging: {} connectComponent labels form several regions with different cycles; the largest "
                    + "region's cycles were applied to all pixels of the label", conflicts);
        }
        return tables;
    }
}
