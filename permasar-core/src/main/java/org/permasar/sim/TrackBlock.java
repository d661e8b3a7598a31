package org.permasar.sim;

/**
 * One band of rows of a simulated track's cubes, layer-major within the band:
 * {@code a[layer·bandSize + (r − row0)·cols + c]}, bandSize = rows of the band × cols (layer =
 * pair for the interferogram cubes, date for the truth series). Units and conventions as in
 * {@link SimulatedTrack}. A mutable workspace filled by the simulator and reused between blocks;
 * accessors return the internal arrays (exactly layers × bandSize long).
 */
public final class TrackBlock {
    final float[] unwrapPhase;
    final float[] coherence;
    final float[] connectComponent;
    final float[] los;
    final float[] east;
    final float[] atmosphere;
    final PecmSeries pecm;

    TrackBlock(int pairs, int dates, int bandSize) {
        unwrapPhase = new float[Math.multiplyExact(pairs, bandSize)];
        coherence = new float[pairs * bandSize];
        connectComponent = new float[pairs * bandSize];
        los = new float[Math.multiplyExact(dates, bandSize)];
        east = new float[dates * bandSize];
        atmosphere = new float[dates * bandSize];
        pecm = new PecmSeries(dates, bandSize);
    }

    /** Unwrapped phase, radians, pairs × band pixels. */
    public float[] unwrapPhase() {
        return unwrapPhase;
    }

    /** Coherence 0–1, pairs × band pixels. */
    public float[] coherence() {
        return coherence;
    }

    /** connectComponent labels as float (0 lake, 1, 2 unwrapping-error region), pairs × band pixels. */
    public float[] connectComponent() {
        return connectComponent;
    }

    /** Truth LOS displacement, m, dates × band pixels. */
    public float[] truthLosDisplacement() {
        return los;
    }

    /** Truth east displacement, m, dates × band pixels. */
    public float[] truthEastDisplacement() {
        return east;
    }

    /** Truth slant atmospheric delay (extra path), m, dates × band pixels; zeros without noise. */
    public float[] truthAtmosphereDelay() {
        return atmosphere;
    }

    /** Truth vertical (PECM) displacement, m, dates × band pixels. */
    public float[] truthUpDisplacement() {
        return pecm.up;
    }

    /** Truth ADDT at each date, °C·day, dates × band pixels. */
    public float[] truthAddt() {
        return pecm.addt;
    }

    /** Truth ADDF at each date, °C·day, dates × band pixels. */
    public float[] truthAddf() {
        return pecm.addf;
    }

    /** Truth PECM basis L, dates × band pixels. */
    public float[] truthPecmL() {
        return pecm.l;
    }

    /** Truth PECM basis I, dates × band pixels. */
    public float[] truthPecmI() {
        return pecm.i;
    }
}
