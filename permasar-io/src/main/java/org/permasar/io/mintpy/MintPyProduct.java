package org.permasar.io.mintpy;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.permasar.network.Dates;
import org.permasar.stack.InvalidInputException;

/**
 * Any other MintPy HDF5 product: {@code timeseries.h5} (3-D {@code timeseries}, metres, one
 * layer per {@code date}, with {@code bperp}), {@code velocity.h5} ({@code velocity},
 * {@code velocityStd}, … m/year), {@code temporalCoherence.h5}, {@code numInvIfgram.h5}, masks,
 * {@code avgSpatialCoh.h5}, … read as a generic {@link org.permasar.stack.RasterSource}.
 *
 * <p>For files with a 1-D {@code date} dataset (time series), {@link #dates()} gives the layer
 * dates; the 3-D datasets must then have one layer per date. Not thread-safe.
 */
public final class MintPyProduct extends MintPyFile implements org.permasar.io.TimeSeriesProduct {
    private final List<LocalDate> dates;
    private final double[] bperp;

    private MintPyProduct(Path path, HdfFile hdf) throws InvalidInputException {
        super(path, hdf);
        Dataset d = dataset("date");
        if (d != null && d.getDimensions().length == 1) {
            int n = d.getDimensions()[0];
            Object raw = readAll("date");
            if (!(raw instanceof String[] s)) {
                throw new InvalidInputException(path, "date", "expected strings YYYYMMDD, got "
                        + raw.getClass().getSimpleName());
            }
            List<LocalDate> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                try {
                    list.add(Dates.parse(s[i]));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(path, "date", "entry " + i + ": " + e.getMessage());
                }
            }
            dates = List.copyOf(list);
            for (String name : allDatasets()) {
                int[] dims = dataset(name).getDimensions();
                if (dims.length == 3 && dims[0] != n) {
                    throw new InvalidInputException(path, name, "has shape " + Arrays.toString(dims) + ", expected "
                            + n + " layers, one per date");
                }
            }
            if (dataset("bperp") != null) {
                requireShape("bperp", n);
                bperp = MintPyIfgramStack.toDoubles(readAll("bperp"));
            } else {
                bperp = null;
            }
        } else {
            dates = List.of();
            bperp = null;
        }
    }

    /**
     * Opens a MintPy product file.
     *
     * @throws InvalidInputException when missing, damaged or inconsistent
     */
    public static MintPyProduct open(Path path) throws IOException {
        HdfFile hdf = openHdf(path);
        try {
            return new MintPyProduct(path, hdf);
        } catch (IOException | RuntimeException e) {
            hdf.close();
            if (e instanceof RuntimeException) {
                throw new InvalidInputException(path, null, "not a readable MintPy product: "
                        + Hdf5Bounds.reason(e), e);
            }
            throw e;
        }
    }

    /** Layer dates of a time-series file (its {@code date} dataset); empty for 2-D products. */
    @Override
    public List<LocalDate> dates() {
        return dates;
    }

    /** Perpendicular baseline per date (metres), or null when the file has none. */
    @Override
    public double[] bperp() {
        return bperp == null ? null : bperp.clone();
    }

    @Override
    public String format() {
        String t = fileType();
        return "MintPy " + (t.isEmpty() ? "product" : t) + " (HDF5)";
    }
}
