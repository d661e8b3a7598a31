package org.permasar.sim;

import java.time.LocalDate;
import java.util.List;
import org.permasar.grid.Window;
import org.permasar.network.Network;

/**
 * The metadata and maps of a track of a scene being streamed ({@link SceneStream}): what a
 * writer needs before the first block (network, geometry) and the per-pixel truth maps. Its
 * cubes come in {@link TrackBlock}s. Accessors return internal arrays: <b>callers must not
 * modify them</b>. Units as in {@link SimulatedTrack}.
 */
public final class StreamedTrack {
    final TrackSimulator sim;
    private final double wavelength;
    private final float[] height;
    private float[] losAmplitude;

    StreamedTrack(TrackSimulator sim, double wavelength, float[] height) {
        this.sim = sim;
        this.wavelength = wavelength;
        this.height = height;
    }

    /** "ascending" or "descending". */
    public String name() {
        return sim.name;
    }

    public boolean isAscending() {
        return "ascending".equals(sim.name);
    }

    /** Platform heading, degrees clockwise from north. */
    public double heading() {
        return sim.heading;
    }

    public Network network() {
        return sim.network;
    }

    public List<LocalDate> dates() {
        return sim.dates;
    }

    /** Radar wavelength, metres. */
    public double wavelength() {
        return wavelength;
    }

    /** Incidence angle, degrees, per pixel. */
    public float[] incidenceAngle() {
        return sim.incidence;
    }

    /** MintPy azimuth angle, degrees, per pixel. */
    public float[] azimuthAngle() {
        return sim.azimuth;
    }

    /** Terrain height, metres, per pixel. */
    public float[] height() {
        return height;
    }

    /** Truth secular LOS velocity, m/yr; NaN on the lake. */
    public float[] truthLosVelocity() {
        return sim.losVelocity;
    }

    /**
     * Truth seasonal peak-to-trough LOS amplitude, m; available at {@link SceneSink#end}
     * (null before: it needs every pixel's daily LST).
     */
    public float[] truthLosSeasonalAmplitude() {
        return losAmplitude;
    }

    void completeAmplitude(float[] vertical) {
        losAmplitude = sim.losAmplitude(vertical);
    }

    /** Indices of the pairs carrying an unwrapping error (ascending). */
    public int[] unwrapErrorPairs() {
        return sim.errPairs.clone();
    }

    /** ±1 cycles of each pair in {@link #unwrapErrorPairs()}. */
    public int[] unwrapErrorCycles() {
        return sim.errCycles.clone();
    }

    /** The window whose non-lake pixels carry the unwrapping errors. */
    public Window unwrapErrorWindow() {
        return sim.errWin;
    }
}
