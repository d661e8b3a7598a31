package org.permasar.sim;

import java.time.LocalDate;
import java.util.List;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.network.Network;

/**
 * One simulated Sentinel-1-like track (ascending or descending) on the scene grid: the
 * interferogram stack as MintPy's {@code ifgramStack.h5} would hold it, its geometry, and its
 * truth.
 *
 * <p>Layouts: cubes are layer-major flat arrays, {@code a[layer·size + r·cols + c]} (layer = pair
 * for the stack, date for time series); maps are {@code a[r·cols + c]}. Accessors return the
 * internal arrays without copying (the scene is large and read-only by contract):
 * <b>callers must not modify them</b>. Apart from that the object is immutable and thread-safe.
 *
 * <p>Units: phase in radians (MintPy sign: d_LOS = −λ/(4π)·φ, LOS positive towards the
 * satellite); displacements in metres relative to the first date; velocities in m/yr; angles in
 * degrees (azimuth per {@link org.permasar.geometry.LosGeometry}); coherence 0–1; connectComponent labels 0 (lake, not
 * unwrapped), 1 (main component), 2 (the region shifted by an unwrapping error in the affected pairs).
 */
public final class SimulatedTrack {
    private final String name;
    private final double headingDeg;
    private final GridGeometry grid;
    private final Network network;
    private final double wavelength;
    private final float[] unwrapPhase;
    private final float[] coherence;
    private final float[] connectComponent;
    private final float[] incidence;
    private final float[] azimuth;
    private final float[] height;
    private final float[] losDisplacement;
    private final float[] upDisplacement;
    private final PecmSeries pecm;
    private final float[] eastDisplacement;
    private final float[] atmosphereDelay;
    private final float[] losVelocity;
    private final float[] losSeasonalAmplitude;
    private final int[] unwrapErrorPairs;
    private final int[] unwrapErrorCycles;
    private final Window unwrapErrorWindow;

    SimulatedTrack(String name, double headingDeg, GridGeometry grid, Network network, double wavelength,
                   float[] unwrapPhase, float[] coherence, float[] connectComponent, float[] incidence,
                   float[] azimuth, float[] height, float[] losDisplacement, PecmSeries pecm,
                   float[] eastDisplacement, float[] atmosphereDelay, float[] losVelocity,
                   float[] losSeasonalAmplitude, int[] unwrapErrorPairs, int[] unwrapErrorCycles,
                   Window unwrapErrorWindow) {
        this.name = name;
        this.headingDeg = headingDeg;
        this.grid = grid;
        this.network = network;
        this.wavelength = wavelength;
        this.unwrapPhase = unwrapPhase;
        this.coherence = coherence;
        this.connectComponent = connectComponent;
        this.incidence = incidence;
        this.azimuth = azimuth;
        this.height = height;
        this.losDisplacement = losDisplacement;
        this.upDisplacement = pecm.up;
        this.pecm = pecm;
        this.eastDisplacement = eastDisplacement;
        this.atmosphereDelay = atmosphereDelay;
        this.losVelocity = losVelocity;
        this.losSeasonalAmplitude = losSeasonalAmplitude;
        this.unwrapErrorPairs = unwrapErrorPairs;
        this.unwrapErrorCycles = unwrapErrorCycles;
        this.unwrapErrorWindow = unwrapErrorWindow;
    }

    /** "ascending" or "descending" (MintPy ORBIT_DIRECTION, lower case). */
    public String name() {
        return name;
    }

    /** Platform heading, degrees clockwise from north (MintPy HEADING): ≈ −12 ascending, ≈ −168 descending. */
    public double heading() {
        return headingDeg;
    }

    public boolean isAscending() {
        return "ascending".equals(name);
    }

    public GridGeometry grid() {
        return grid;
    }

    /** Dates and pairs; pair k is layer k of the stack cubes. */
    public Network network() {
        return network;
    }

    public List<LocalDate> dates() {
        return network.dates();
    }

    /** Radar wavelength, metres. */
    public double wavelength() {
        return wavelength;
    }

    /** Unwrapped phase, radians, pairs × pixels (MintPy {@code unwrapPhase}). */
    public float[] unwrapPhase() {
        return unwrapPhase;
    }

    /** Coherence 0–1, pairs × pixels (the model's expected coherence, no estimation noise). */
    public float[] coherence() {
        return coherence;
    }

    /** Connected-component labels as float, pairs × pixels; 0 on the lake. */
    public float[] connectComponent() {
        return connectComponent;
    }

    /** Incidence angle, degrees, per pixel (MintPy {@code incidenceAngle}). */
    public float[] incidenceAngle() {
        return incidence;
    }

    /** LOS azimuth angle, degrees from north anticlockwise (MintPy {@code azimuthAngle}). */
    public float[] azimuthAngle() {
        return azimuth;
    }

    /** Terrain height, metres (MintPy {@code height}). */
    public float[] height() {
        return height;
    }

    /** Truth: LOS displacement, m, dates × pixels, relative to the first date; NaN on the lake. */
    public float[] truthLosDisplacement() {
        return losDisplacement;
    }

    /** Truth: vertical (PECM) displacement, m, dates × pixels, relative to the first date; NaN on the lake. */
    public float[] truthUpDisplacement() {
        return upDisplacement;
    }

    /** Truth: accumulated degree-days of thaw within the permafrost year at each date, °C·day, dates × pixels. */
    public float[] truthAddt() {
        return pecm.addt;
    }

    /** Truth: accumulated degree-days of freeze within the permafrost year at each date, °C·day, dates × pixels. */
    public float[] truthAddf() {
        return pecm.addf;
    }

    /** Truth: PECM thaw-time basis L at each date (Chen et al. 2018, eq. 3), permafrost years, dates × pixels. */
    public float[] truthPecmL() {
        return pecm.l;
    }

    /**
     * Truth: PECM basis I at each date (Chen et al. 2018, eq. 4, with the closure rule of
     * SCIENCE.md §2), √(°C·day), dates × pixels. Vertical truth = v·(L − L₀) + d·(I − I₀).
     */
    public float[] truthPecmI() {
        return pecm.i;
    }

    /** Truth: east displacement, m, dates × pixels, relative to the first date; NaN on the lake. */
    public float[] truthEastDisplacement() {
        return eastDisplacement;
    }

    /**
     * Truth: slant atmospheric delay (turbulent + stratified), metres of extra one-way path,
     * dates × pixels; zeros when noise is off. Its phase is +4π/λ·delay (a delay looks like
     * motion away from the satellite).
     */
    public float[] truthAtmosphereDelay() {
        return atmosphereDelay;
    }

    /** Truth: secular LOS velocity u·v + e·v_E from the model parameters (not a fit), m/yr; NaN on the lake. */
    public float[] truthLosVelocity() {
        return losVelocity;
    }

    /** Truth: seasonal peak-to-trough LOS amplitude, cos θ × the vertical one ({@link SceneTruth#verticalSeasonalAmplitude()}), m. */
    public float[] truthLosSeasonalAmplitude() {
        return losSeasonalAmplitude;
    }

    /** Truth: indices of the pairs carrying an unwrapping error (ascending order). */
    public int[] unwrapErrorPairs() {
        return unwrapErrorPairs.clone();
    }

    /** Truth: the error of each pair in {@link #unwrapErrorPairs()}, in cycles (±1: the phase is off by ±2π). */
    public int[] unwrapErrorCycles() {
        return unwrapErrorCycles.clone();
    }

    /** Truth: the window whose non-lake pixels carry the unwrapping errors. */
    public Window unwrapErrorWindow() {
        return unwrapErrorWindow;
    }
}
