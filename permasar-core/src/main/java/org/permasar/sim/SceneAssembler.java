package org.permasar.sim;

import java.util.List;

/**
 * A {@link SceneSink} that copies every block into whole-scene arrays and builds a
 * {@link SimulatedScene}: the in-memory path of {@link SceneSimulator#simulate(SceneSpec)}, for
 * scenes whose cubes fit in the heap (it refuses cubes of more than 2³¹ − 9 values).
 * Mutable, single use.
 */
final class SceneAssembler implements SceneSink {
    private SceneStream stream;
    private float[] daily;
    private float[] composites;
    private final Cubes[] cubes = new Cubes[2];
    private SimulatedScene scene;

    /** Whole-scene cubes of one track. */
    private static final class Cubes {
        final float[] phase;
        final float[] coh;
        final float[] conn;
        final float[] los;
        final float[] east;
        final float[] atmo;
        final PecmSeries pecm;

        Cubes(int pairs, int dates, int n) {
            phase = new float[size(pairs, n)];
            coh = new float[pairs * n];
            conn = new float[pairs * n];
            los = new float[size(dates, n)];
            east = new float[dates * n];
            atmo = new float[dates * n];
            pecm = new PecmSeries(dates, n);
        }
    }

    private static int size(int layers, int n) {
        long s = (long) layers * n;
        if (s > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a cube of " + layers + " layers × " + n
                    + " px does not fit one Java array: stream the scene (SceneSimulator.stream) instead");
        }
        return (int) s;
    }

    @Override
    public void begin(SceneStream s) {
        stream = s;
        int n = s.spec().size();
        daily = new float[size(s.dailyLstDays(), n)];
        composites = new float[size(s.lstCompositeDates().size(), n)];
        List<StreamedTrack> tracks = s.tracks();
        for (int t = 0; t < 2; t++) {
            cubes[t] = new Cubes(tracks.get(t).network().pairCount(), tracks.get(t).dates().size(), n);
        }
    }

    @Override
    public void block(SceneBlock b) {
        int n = stream.spec().size(), band = b.bandSize(), first = b.window().row0() * stream.spec().cols();
        copy(b.dailyLst, daily, band, n, first);
        copy(b.lstComposites, composites, band, n, first);
        for (int t = 0; t < 2; t++) {
            TrackBlock tb = b.tracks().get(t);
            Cubes c = cubes[t];
            copy(tb.unwrapPhase, c.phase, band, n, first);
            copy(tb.coherence, c.coh, band, n, first);
            copy(tb.connectComponent, c.conn, band, n, first);
            copy(tb.los, c.los, band, n, first);
            copy(tb.east, c.east, band, n, first);
            copy(tb.atmosphere, c.atmo, band, n, first);
            copy(tb.pecm.addt, c.pecm.addt, band, n, first);
            copy(tb.pecm.addf, c.pecm.addf, band, n, first);
            copy(tb.pecm.l, c.pecm.l, band, n, first);
            copy(tb.pecm.i, c.pecm.i, band, n, first);
            copy(tb.pecm.up, c.pecm.up, band, n, first);
        }
    }

    /** Layer by layer: band layout {@code src[l·band + j]} into scene layout {@code dest[l·n + first + j]}. */
    private static void copy(float[] src, float[] dest, int band, int n, int first) {
        int layers = src.length / band;
        for (int l = 0; l < layers; l++) {
            System.arraycopy(src, l * band, dest, l * n + first, band);
        }
    }

    @Override
    public void end(SceneStream s) {
        SimulatedTrack[] tracks = new SimulatedTrack[2];
        for (int t = 0; t < 2; t++) {
            StreamedTrack st = s.tracks().get(t);
            Cubes c = cubes[t];
            tracks[t] = new SimulatedTrack(st.name(), st.heading(), s.grid(), st.network(), st.wavelength(), c.phase,
                    c.coh, c.conn, st.incidenceAngle(), st.azimuthAngle(), st.height(), c.los, c.pecm, c.east, c.atmo,
                    st.truthLosVelocity(), st.truthLosSeasonalAmplitude(), st.unwrapErrorPairs(),
                    st.unwrapErrorCycles(), st.unwrapErrorWindow());
        }
        scene = new SimulatedScene(s.spec(), tracks[0], tracks[1], s.truth(), s.dailyLstStart(), s.dailyLstDays(),
                daily, s.lstCompositeDates(), composites);
    }

    /** The assembled scene, after {@link #end}. */
    SimulatedScene scene() {
        if (scene == null) {
            throw new IllegalStateException("the scene is assembled at end(), which has not been called");
        }
        return scene;
    }
}
