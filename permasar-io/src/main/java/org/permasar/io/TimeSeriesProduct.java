package org.permasar.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.io.zarr.ZarrTimeSeries;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/**
 * A displacement time series as any sink wrote it: MintPy {@code timeseries.h5} (HDF5, from
 * jHDF or libhdf5) or a Zarr store ({@code timeseries.zarr}) with the same dataset names. The
 * cube is the 3-D dataset {@code timeseries}, one layer per {@link #dates()} entry. Not
 * thread-safe (as the readers underneath).
 */
public interface TimeSeriesProduct extends RasterSource {

    /** Layer dates; empty when the product is not a time series. */
    List<LocalDate> dates();

    /** Perpendicular baseline per date (metres), or null when unknown. */
    double[] bperp();

    /**
     * Opens a time series: a folder as a Zarr store, a file as MintPy HDF5.
     *
     * @throws InvalidInputException when missing, unreadable or not a product of either kind
     */
    static TimeSeriesProduct open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new InvalidInputException(path, "no such file or folder");
        }
        return Files.isDirectory(path) ? ZarrTimeSeries.open(path) : MintPyProduct.open(path);
    }
}
