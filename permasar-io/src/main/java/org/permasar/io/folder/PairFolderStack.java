package org.permasar.io.folder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/**
 * An interferogram stack kept as one file per pair and dataset (HyP3, LiCSAR, GAMMA, ROI_PAC,
 * GeoTIFF folders). Pairs are sorted by (reference, secondary) date; a dataset other than
 * {@link #UNWRAP_PHASE} is offered only when every pair has it. Reads touch only the window of
 * each pair's file. Immutable once built; reads are safe from several threads when the layers are.
 */
public final class PairFolderStack implements InterferogramStack {
    private final Path path;
    private final String format;
    private final GridGeometry grid;
    private final Network network;
    private final double wavelength;
    private final Map<String, String> attributes;
    private final Map<String, List<LayerReader>> layers;

    private PairFolderStack(Builder b, Network network, Map<String, List<LayerReader>> layers) {
        this.path = b.path;
        this.format = b.format;
        this.grid = b.grid;
        this.network = network;
        this.wavelength = b.wavelength;
        Map<String, String> a = new LinkedHashMap<>(b.attributes);
        a.put("WAVELENGTH", Double.toString(b.wavelength));
        a.put("LENGTH", Integer.toString(grid.rows()));
        a.put("WIDTH", Integer.toString(grid.cols()));
        a.put("FILE_TYPE", "ifgramStack");
        this.attributes = Collections.unmodifiableMap(a);
        this.layers = layers;
    }

    /** Starts a stack of {@code format} read from {@code path}. */
    public static Builder builder(Path path, String format) {
        return new Builder(path, format);
    }

    /** Collects pairs and their layers, then checks them. Not thread-safe. */
    public static final class Builder {
        private final Path path;
        private final String format;
        private GridGeometry grid;
        private double wavelength = Double.NaN;
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private final TreeMap<Pair, Map<String, LayerReader>> pairs = new TreeMap<>();
        private final Map<Pair, Double> bperp = new LinkedHashMap<>();

        private Builder(Path path, String format) {
            this.path = path;
            this.format = format;
        }

        public Builder grid(GridGeometry g) {
            this.grid = g;
            return this;
        }

        /** Radar wavelength in metres. */
        public Builder wavelength(double metres) {
            this.wavelength = metres;
            return this;
        }

        public Builder attribute(String key, String value) {
            attributes.put(key, value);
            return this;
        }

        /** Adds one layer of a pair; a second file for the same pair and dataset is an error. */
        public Builder layer(Pair pair, String dataset, LayerReader reader) throws InvalidInputException {
            LayerReader prev = pairs.computeIfAbsent(pair, p -> new LinkedHashMap<>()).put(dataset, reader);
            if (prev != null) {
                throw new InvalidInputException(reader.file(), dataset, "pair " + pair + " already read from "
                        + prev.file());
            }
            return this;
        }

        /** Perpendicular baseline of a pair in metres. */
        public Builder bperp(Pair pair, double metres) {
            bperp.put(pair, metres);
            return this;
        }

        public PairFolderStack build() throws InvalidInputException {
            if (pairs.isEmpty()) {
                throw new InvalidInputException(path, "no interferograms found for format " + format);
            }
            if (grid == null) {
                throw new InvalidInputException(path, "grid size and georeferencing unknown");
            }
            if (!(wavelength > 0) || Double.isInfinite(wavelength)) {
                throw new InvalidInputException(path, "missing wavelength (needed to convert phase to metres)");
            }
            List<Pair> order = new ArrayList<>(pairs.keySet());
            double[] b = new double[order.size()];
            Map<String, List<LayerReader>> byDataset = new LinkedHashMap<>();
            List<String> names = List.of(UNWRAP_PHASE, COHERENCE, CONNECT_COMPONENT);
            for (String ds : names) {
                List<LayerReader> list = new ArrayList<>();
                for (Pair p : order) {
                    LayerReader r = pairs.get(p).get(ds);
                    if (r == null) {
                        if (UNWRAP_PHASE.equals(ds)) {
                            Path some = pairs.get(p).values().iterator().next().file();
                            throw new InvalidInputException(some, "no unwrapped phase file for pair " + p);
                        }
                        list = null;
                        break;
                    }
                    list.add(r);
                }
                if (list != null) {
                    byDataset.put(ds, List.copyOf(list));
                }
            }
            for (int k = 0; k < order.size(); k++) {
                b[k] = bperp.getOrDefault(order.get(k), Double.NaN);
            }
            return new PairFolderStack(this, new Network(order, b), Collections.unmodifiableMap(byDataset));
        }
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public GridGeometry grid() {
        return grid;
    }

    @Override
    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public List<String> datasets() {
        return List.copyOf(layers.keySet());
    }

    @Override
    public int layers(String dataset) throws IOException {
        return readers(dataset).size();
    }

    /** The per-pair layer readers of a dataset, pair k first. */
    public List<LayerReader> readers(String dataset) throws InvalidInputException {
        List<LayerReader> l = layers.get(dataset);
        if (l == null) {
            throw new InvalidInputException(path, dataset, "no such dataset (have " + layers.keySet() + ")");
        }
        return l;
    }

    @Override
    public void read(String dataset, Window window, float[] dest, int offset) throws IOException {
        if (!window.fitsIn(grid.rows(), grid.cols())) {
            throw new IllegalArgumentException("window " + window + " outside grid " + grid.rows() + "×" + grid.cols());
        }
        List<LayerReader> l = readers(dataset);
        for (int k = 0; k < l.size(); k++) {
            l.get(k).read(window, dest, offset + k * window.size());
        }
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public double wavelength() {
        return wavelength;
    }

    @Override
    public void close() {
        // files are opened per read
    }
}
