package org.permasar.pipeline.invert;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.permasar.grid.Window;
import org.permasar.unwrap.PairClosureQuality;
import org.permasar.unwrap.Triplets;

/**
 * The per-pair closure quality of each window, handed by the inversion's workers to the driver of a local run: the
 * workers have the referenced, water-masked phase in hand when they count the triplets per pixel, so the driver need
 * not read {@code unwrapPhase} again for it. A copy sent to another JVM (Spark executors) collects nothing, and the
 * driver then makes its own pass ({@link UnwrapPlanes#pairQuality}). Thread-safe.
 */
public final class ClosureQualityCollector implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient Map<Window, PairClosureQuality> byWindow = new ConcurrentHashMap<>();

    /** The quality of window {@code w} (a block computed again replaces its first result). */
    void offer(Window w, PairClosureQuality q) {
        Map<Window, PairClosureQuality> m = byWindow;
        if (m != null) {
            m.put(w, q);
        }
    }

    /**
     * The windows' qualities added in row-major window order (the same sums on every run), when the windows hold
     * {@code gridPixels} pixels together — every block of the grid once; null otherwise (nothing collected here).
     */
    PairClosureQuality merged(Triplets triplets, long gridPixels) {
        Map<Window, PairClosureQuality> m = byWindow;
        if (m == null || m.isEmpty()) {
            return null;
        }
        List<Window> order = new ArrayList<>(m.keySet());
        long pixels = 0;
        for (Window w : order) {
            pixels += w.size();
        }
        if (pixels != gridPixels) {
            return null;
        }
        order.sort(Comparator.comparingInt(Window::row0).thenComparingInt(Window::col0));
        PairClosureQuality all = new PairClosureQuality(triplets);
        for (Window w : order) {
            all.merge(m.get(w));
        }
        return all;
    }
}
