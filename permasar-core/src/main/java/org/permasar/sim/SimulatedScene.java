package org.permasar.sim;

import java.time.LocalDate;
import java.util.List;
import org.permasar.grid.GridGeometry;

/**
 * A simulated permafrost scene with known truth: two tracks of interferograms, the land-surface
 * temperature (daily and MODIS-like 8-day composites) and the truth maps. Produced by
 * {@link SceneSimulator#simulate(SceneSpec)}.
 *
 * <p>Accessors return internal arrays without copying: <b>callers must not modify them</b>.
 * Otherwise immutable and thread-safe.
 */
public final class SimulatedScene {
    private final SceneSpec spec;
    private final SimulatedTrack ascending;
    private final SimulatedTrack descending;
    private final SceneTruth truth;
    private final LocalDate dailyStart;
    private final int days;
    private final float[] daily;
    private final List<LocalDate> compositeDates;
    private final float[] composites;

    SimulatedScene(SceneSpec spec, SimulatedTrack ascending, SimulatedTrack descending, SceneTruth truth,
                   LocalDate dailyStart, int days, float[] daily, List<LocalDate> compositeDates, float[] composites) {
        this.spec = spec;
        this.ascending = ascending;
        this.descending = descending;
        this.truth = truth;
        this.dailyStart = dailyStart;
        this.days = days;
        this.daily = daily;
        this.compositeDates = List.copyOf(compositeDates);
        this.composites = composites;
    }

    public SceneSpec spec() {
        return spec;
    }

    public GridGeometry grid() {
        return spec.grid();
    }

    public SimulatedTrack ascending() {
        return ascending;
    }

    public SimulatedTrack descending() {
        return descending;
    }

    /** Both tracks, ascending first. */
    public List<SimulatedTrack> tracks() {
        return List.of(ascending, descending);
    }

    public SceneTruth truth() {
        return truth;
    }

    /** First day of the daily LST series (1 January of the year before the first acquisition). */
    public LocalDate dailyLstStart() {
        return dailyStart;
    }

    /** Number of days of the daily LST series (whole calendar years). */
    public int dailyLstDays() {
        return days;
    }

    /** Daily land-surface temperature, °C, day-major {@code a[d·size + pixel]}, day d = {@link #dailyLstStart()} + d. */
    public float[] dailyLst() {
        return daily;
    }

    /** Dates of the 8-day composites (first day of each MOD11A2 window). */
    public List<LocalDate> lstCompositeDates() {
        return compositeDates;
    }

    /** 8-day LST composites, °C (not Kelvin), layer-major, NaN under cloud. */
    public float[] lstComposites() {
        return composites;
    }

    /** Day index in the daily LST series of {@code date}. */
    public int dayIndex(LocalDate date) {
        long d = date.toEpochDay() - dailyStart.toEpochDay();
        if (d < 0 || d >= days) {
            throw new IllegalArgumentException("date " + date + " outside the daily LST series " + dailyStart
                    + " + " + days + " days");
        }
        return (int) d;
    }
}
