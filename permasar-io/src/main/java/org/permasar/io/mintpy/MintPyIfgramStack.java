package org.permasar.io.mintpy;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.permasar.network.Dates;
import org.permasar.network.Network;
import org.permasar.network.Pair;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;

/**
 * A MintPy {@code ifgramStack.h5}: {@code unwrapPhase} (M × LENGTH × WIDTH, radians), optional
 * {@code coherence} and {@code connectComponent} (same shape), {@code date} (M × 2 {@code |S8},
 * earlier and later date of each pair), {@code bperp} (M, metres) and {@code dropIfgram}
 * (M, bool, {@code True} = keep).
 *
 * <p>Opening validates the layout and refuses, with {@link InvalidInputException} naming the file,
 * dataset or attribute and the shapes found vs expected: a missing {@code unwrapPhase} or
 * {@code date}; any 3-D dataset not M × LENGTH × WIDTH; {@code bperp}/{@code dropIfgram} not of
 * length M; unparseable or unordered dates; duplicate pairs; a missing or invalid
 * {@code WAVELENGTH}.
 *
 * <p>Not thread-safe (one open jHDF file): open one per thread.
 */
public final class MintPyIfgramStack extends MintPyFile implements InterferogramStack {
    private final Network network;
    private final boolean[] kept;
    private final double wavelength;

    private MintPyIfgramStack(Path path, HdfFile hdf) throws InvalidInputException {
        super(path, hdf);
        Dataset phase = dataset(UNWRAP_PHASE);
        if (phase == null) {
            throw new InvalidInputException(path, UNWRAP_PHASE, "dataset is missing: not a MintPy ifgramStack "
                    + "(datasets found: " + String.join(", ", allDatasets()) + ")");
        }
        int[] pd = phase.getDimensions();
        if (pd.length != 3) {
            throw new InvalidInputException(path, UNWRAP_PHASE, "has shape " + Arrays.toString(pd)
                    + ", expected 3-D [pairs, LENGTH, WIDTH]");
        }
        int m = pd[0], rows = grid().rows(), cols = grid().cols();
        if (m == 0) {
            throw new InvalidInputException(path, UNWRAP_PHASE, "has 0 pairs (shape " + Arrays.toString(pd)
                    + "): a stack needs at least one interferogram");
        }
        int[] cube = {m, rows, cols};
        for (String name : allDatasets()) {
            Dataset d = dataset(name);
            if (d.getDimensions().length == 3 && !Arrays.equals(d.getDimensions(), cube)) {
                throw new InvalidInputException(path, name, "has shape " + Arrays.toString(d.getDimensions())
                        + ", expected " + Arrays.toString(cube) + " (pairs × LENGTH × WIDTH, as unwrapPhase)");
            }
        }
        requireShape("date", m, 2);
        this.wavelength = MintPyAttributes.wavelength(attributes(), path);
        double[] bperp = null;
        if (dataset("bperp") != null) {
            requireShape("bperp", m);
            bperp = toDoubles(readAll("bperp"));
        }
        this.network = readNetwork(path, readAll("date"), bperp);
        this.kept = new boolean[m];
        Arrays.fill(kept, true);
        if (dataset("dropIfgram") != null) {
            requireShape("dropIfgram", m);
            Object flags = readAll("dropIfgram");
            for (int k = 0; k < m; k++) {
                kept[k] = truth(Array.get(flags, k), path, k);
            }
        }
    }

    /**
     * Opens and validates a MintPy ifgramStack file.
     *
     * @throws InvalidInputException when the file is missing, damaged or not a valid ifgramStack
     */
    public static MintPyIfgramStack open(Path path) throws IOException {
        HdfFile hdf = openHdf(path);
        try {
            return new MintPyIfgramStack(path, hdf);
        } catch (IOException | RuntimeException e) {
            hdf.close();
            if (e instanceof RuntimeException) {
                throw new InvalidInputException(path, null, "not a readable MintPy ifgramStack: "
                        + Hdf5Bounds.reason(e), e);
            }
            throw e;
        }
    }

    private static Network readNetwork(Path path, Object dates, double[] bperp) throws InvalidInputException {
        String[][] d;
        try {
            d = (String[][]) dates;
        } catch (ClassCastException e) {
            throw new InvalidInputException(path, "date", "expected strings YYYYMMDD, got "
                    + dates.getClass().getSimpleName());
        }
        List<Pair> pairs = new ArrayList<>(d.length);
        for (int k = 0; k < d.length; k++) {
            try {
                LocalDate a = Dates.parse(d[k][0]), b = Dates.parse(d[k][1]);
                pairs.add(new Pair(a, b));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(path, "date", "row " + k + ": " + e.getMessage());
            }
        }
        try {
            return new Network(pairs, bperp);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(path, "date", e.getMessage());
        }
    }

    private static boolean truth(Object v, Path path, int k) throws InvalidInputException {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("TRUE") || s.equalsIgnoreCase("FALSE"))) {
            return s.equalsIgnoreCase("TRUE");
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        throw new InvalidInputException(path, "dropIfgram", "entry " + k + " is '" + v + "', expected a boolean");
    }

    static double[] toDoubles(Object arr) {
        int n = Array.getLength(arr);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((Number) Array.get(arr, i)).doubleValue();
        }
        return out;
    }

    @Override
    public String format() {
        return "MintPy ifgramStack (HDF5)";
    }

    @Override
    public Network network() {
        return network;
    }

    @Override
    public double wavelength() {
        return wavelength;
    }

    /** {@code dropIfgram}: true where MintPy keeps the pair (all true when the dataset is absent). */
    @Override
    public boolean[] keptPairs() {
        return kept.clone();
    }
}
