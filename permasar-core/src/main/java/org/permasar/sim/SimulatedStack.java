package org.permasar.sim;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/**
 * A {@link SimulatedTrack} seen as an in-memory {@link InterferogramStack}, so that every step
 * that reads a MintPy stack can run on a simulated scene without files. Datasets:
 * {@code unwrapPhase}, {@code coherence}, {@code connectComponent} (one layer per pair) and the
 * geometry maps {@code height}, {@code incidenceAngle}, {@code azimuthAngle} (one layer), with
 * MintPy's names and units. Attributes are MintPy-style (WAVELENGTH, ORBIT_DIRECTION, HEADING,
 * LENGTH, WIDTH, X_FIRST, Y_FIRST, X_STEP, Y_STEP, EPSG, START_DATE, END_DATE, …).
 *
 * <p>Read-only; {@link #read} copies, so concurrent reads are safe. {@link #close()} does nothing.
 */
public final class SimulatedStack implements InterferogramStack {
    public static final String HEIGHT = "height";
    public static final String INCIDENCE_ANGLE = "incidenceAngle";
    public static final String AZIMUTH_ANGLE = "azimuthAngle";

    private final SimulatedTrack track;
    private final Map<String, float[]> data = new LinkedHashMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    /** Wraps a track; its arrays are shared, not copied. */
    public SimulatedStack(SimulatedTrack track) {
        this.track = track;
        data.put(UNWRAP_PHASE, track.unwrapPhase());
        data.put(COHERENCE, track.coherence());
        data.put(CONNECT_COMPONENT, track.connectComponent());
        data.put(HEIGHT, track.height());
        data.put(INCIDENCE_ANGLE, track.incidenceAngle());
        data.put(AZIMUTH_ANGLE, track.azimuthAngle());
        GridGeometry g = track.grid();
        GeoTransform t = g.transform();
        Network net = track.network();
        attributes.put("FILE_TYPE", "ifgramStack");
        attributes.put("PROCESSOR", "permasar-sim");
        attributes.put("PLATFORM", "Sen");
        attributes.put("WAVELENGTH", fmt(track.wavelength()));
        attributes.put("ORBIT_DIRECTION", track.name().toUpperCase(Locale.ROOT));
        attributes.put("HEADING", fmt(track.heading()));
        attributes.put("LENGTH", Integer.toString(g.rows()));
        attributes.put("WIDTH", Integer.toString(g.cols()));
        attributes.put("X_FIRST", fmt(t.originX()));
        attributes.put("Y_FIRST", fmt(t.originY()));
        attributes.put("X_STEP", fmt(t.pixelWidth()));
        attributes.put("Y_STEP", fmt(t.pixelHeight()));
        attributes.put("X_UNIT", "meters");
        attributes.put("Y_UNIT", "meters");
        attributes.put("EPSG", Integer.toString(g.epsg()));
        attributes.put("UNIT", "radian");
        attributes.put("START_DATE", Dates.compact(net.dates().get(0)));
        attributes.put("END_DATE", Dates.compact(net.dates().get(net.dateCount() - 1)));
    }

    private static String fmt(double v) {
        return Double.toString(v);
    }

    /** The wrapped track. */
    public SimulatedTrack track() {
        return track;
    }

    @Override
    public Network network() {
        return track.network();
    }

    @Override
    public double wavelength() {
        return track.wavelength();
    }

    /** A logical path, {@code simulated/<track name>} (nothing exists on disk). */
    @Override
    public Path path() {
        return Path.of("simulated", track.name());
    }

    @Override
    public String format() {
        return "PermaSAR simulated scene (in memory)";
    }

    @Override
    public GridGeometry grid() {
        return track.grid();
    }

    @Override
    public Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    @Override
    public List<String> datasets() {
        return List.copyOf(data.keySet());
    }

    @Override
    public int layers(String dataset) throws InvalidInputException {
        return array(dataset).length / track.grid().size();
    }

    @Override
    public void read(String dataset, Window window, float[] dest, int offset) throws InvalidInputException {
        float[] a = array(dataset);
        GridGeometry g = track.grid();
        if (!window.fitsIn(g.rows(), g.cols())) {
            throw new IllegalArgumentException("window " + window + " outside grid " + g.rows() + "×" + g.cols());
        }
        int size = g.size(), layers = a.length / size, wsize = window.size();
        if (offset < 0 || dest.length - offset < (long) layers * wsize) {
            throw new IllegalArgumentException("dest holds " + (dest.length - offset) + " values from offset " + offset
                    + ", need " + (long) layers * wsize);
        }
        for (int l = 0; l < layers; l++) {
            for (int r = 0; r < window.rows(); r++) {
                System.arraycopy(a, l * size + (window.row0() + r) * g.cols() + window.col0(), dest,
                        offset + l * wsize + r * window.cols(), window.cols());
            }
        }
    }

    private float[] array(String dataset) throws InvalidInputException {
        float[] a = data.get(dataset);
        if (a == null) {
            throw new InvalidInputException(path(), dataset, "no such dataset; expected one of " + data.keySet());
        }
        return a;
    }

    @Override
    public void close() {
        // nothing to release
    }
}
