package org.permasar.sim;

import java.util.List;
import org.permasar.grid.Window;

/**
 * One band of whole rows of a simulated scene: both tracks' cubes ({@link TrackBlock}) and the
 * land-surface temperature, each layer-major within the band ({@code a[layer·bandSize + j]},
 * j = (r − row0)·cols + c). A workspace reused between blocks: {@link SceneSink#block} must copy
 * what it keeps.
 */
public final class SceneBlock {
    private final Window window;
    private final TrackBlock ascending;
    private final TrackBlock descending;
    final float[] dailyLst;
    final float[] lstComposites;

    SceneBlock(Window window, TrackBlock ascending, TrackBlock descending, int days, int composites) {
        this(window, ascending, descending, new float[Math.multiplyExact(days, window.size())],
                new float[Math.multiplyExact(composites, window.size())]);
    }

    private SceneBlock(Window window, TrackBlock ascending, TrackBlock descending, float[] dailyLst,
                       float[] lstComposites) {
        this.window = window;
        this.ascending = ascending;
        this.descending = descending;
        this.dailyLst = dailyLst;
        this.lstComposites = lstComposites;
    }

    /** The same arrays for another band of the same shape. */
    SceneBlock at(Window other) {
        if (other.rows() != window.rows() || other.cols() != window.cols()) {
            throw new IllegalArgumentException("band " + other + " is not the shape of " + window);
        }
        return new SceneBlock(other, ascending, descending, dailyLst, lstComposites);
    }

    /** The rows of the band (always whole rows: col0 = 0, cols = the grid's). */
    public Window window() {
        return window;
    }

    /** Pixels in the band, rows × cols. */
    public int bandSize() {
        return window.size();
    }

    public TrackBlock ascending() {
        return ascending;
    }

    public TrackBlock descending() {
        return descending;
    }

    /** Both tracks, ascending first (the order of {@link SceneStream#tracks()}). */
    public List<TrackBlock> tracks() {
        return List.of(ascending, descending);
    }

    /** Daily LST, °C, days × band pixels. */
    public float[] dailyLst() {
        return dailyLst;
    }

    /** 8-day LST composites, °C, NaN under cloud, composites × band pixels. */
    public float[] lstComposites() {
        return lstComposites;
    }
}
