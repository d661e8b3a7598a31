package org.permasar.io.mintpy;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Path;
import org.permasar.grid.PixelCoordinates;
import org.permasar.grid.Window;
import org.permasar.stack.InvalidInputException;

/**
 * A MintPy geometry file ({@code geometryGeo.h5} / {@code geometryRadar.h5}): 2-D datasets such
 * as {@code height} (m), {@code incidenceAngle} and {@code azimuthAngle} (degrees),
 * {@code slantRangeDistance} (m), {@code latitude}/{@code longitude} (degrees),
 * {@code waterMask} and {@code shadowMask} (bool, read as 1/0).
 *
 * <p>In radar geometry (no X_FIRST/Y_FIRST), {@code latitude} and {@code longitude} are read
 * whole (2 × 4 bytes per pixel) and become the grid's {@link PixelCoordinates}.
 * Not thread-safe: open one per thread.
 */
public final class MintPyGeometry extends MintPyFile {
    public static final String LATITUDE = "latitude";
    public static final String LONGITUDE = "longitude";

    private MintPyGeometry(Path path, HdfFile hdf) throws IOException {
        super(path, hdf);
        if (!grid().isGeocoded() && has(LATITUDE) && has(LONGITUDE)) {
            Window all = Window.of(grid());
            if (layers(LATITUDE) != 1 || layers(LONGITUDE) != 1) {
                throw new InvalidInputException(path, LATITUDE, "latitude/longitude must be 2-D LENGTH × WIDTH");
            }
            float[] lat = read(LATITUDE, all), lon = read(LONGITUDE, all);
            setCoordinates(PixelCoordinates.of(grid().rows(), grid().cols(), lat, lon));
        }
    }

    /**
     * Opens a MintPy geometry file.
     *
     * @throws InvalidInputException when missing, damaged, or without raster datasets
     */
    public static MintPyGeometry open(Path path) throws IOException {
        HdfFile hdf = openHdf(path);
        try {
            return new MintPyGeometry(path, hdf);
        } catch (IOException | RuntimeException e) {
            hdf.close();
            if (e instanceof RuntimeException) {
                throw new InvalidInputException(path, null, "not a readable MintPy geometry file: "
                        + Hdf5Bounds.reason(e), e);
            }
            throw e;
        }
    }

    @Override
    public String format() {
        return "MintPy geometry (HDF5)";
    }
}
