package org.permasar.io.mintpy;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.permasar.io.RasterFormat;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/**
 * MintPy's HDF5 files as a {@link RasterFormat} plug-in (name "mintpy"). Recognises the HDF5
 * signature plus the {@code FILE_TYPE} root attribute, and geometry files named
 * {@code geometry*.h5} without one. {@link #open} returns a {@link MintPyIfgramStack} for
 * {@code ifgramStack}, a {@link MintPyGeometry} for {@code geometry}, and a
 * {@link MintPyProduct} for every other type. Stateless and thread-safe.
 */
public final class MintPyFormat implements RasterFormat {
    /** HDF5 file signature (HDF5 File Format Specification, §II.A "Format Signature"). */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    /** FILE_TYPE values MintPy writes (mintpy.objects.stack / utils.readfile). */
    static final Set<String> KNOWN_TYPES = Set.of("ifgramStack", "timeseries", "velocity", "temporalCoherence",
            "geometry", "mask", "coherence", "avgSpatialCoh", "avgPhaseVelocity", "HDFEOS", "giantTimeseries",
            "giantIfgramStack", "dem", "unw", "ifgram", "displacement", "timeseriesStd", "residualInv",
            "temporalCoherenceStd", "numInvIfgram", "triplet", "los", "incidenceAngle", "azimuthAngle");

    @Override
    public String name() {
        return "mintpy";
    }

    /**
     * 100 for HDF5 with a known MintPy FILE_TYPE, 90 with another FILE_TYPE or for
     * {@code geometry*.h5}, 10 for any other HDF5 file (so that {@link #open} can say what is
     * missing), 0 for non-HDF5. Never throws.
     */
    @Override
    public int sniff(Path path) {
        try {
            if (!Files.isRegularFile(path) || !hasSignature(path)) {
                return 0;
            }
            String type = fileType(path);
            if (type != null) {
                return KNOWN_TYPES.contains(type) ? 100 : 90;
            }
            return isGeometryName(path) ? 90 : 10;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** True when the file starts with the HDF5 signature (no user block; MintPy writes none). */
    static boolean hasSignature(Path path) throws IOException {
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(head, 0, 8) == 8 && Arrays.equals(head, SIGNATURE);
        }
    }

    /** FILE_TYPE root attribute, or null when absent or unreadable. */
    static String fileType(Path path) {
        // through Hdf5Bounds: jHDF reading the root group of a truncated or damaged file follows
        // addresses past its end and allocated 1.7 GB for a 73-byte file (found by ReaderFuzzTest)
        try (HdfFile h = Hdf5Bounds.open(path)) {
            Attribute a = h.getAttribute(MintPyAttributes.FILE_TYPE);
            return a == null ? null : String.valueOf(a.getData()).trim();
        } catch (InvalidInputException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isGeometryName(Path path) {
        String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.startsWith("geometry") && n.endsWith(".h5");
    }

    /**
     * Opens a MintPy file with the class for its FILE_TYPE.
     *
     * @throws InvalidInputException when missing, not HDF5, damaged, without FILE_TYPE (and not a
     *         geometry file), or inconsistent; the message names the file and the problem
     */
    @Override
    public RasterSource open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new InvalidInputException(path, "no such file");
        }
        if (!Files.isRegularFile(path) || !hasSignature(path)) {
            throw new InvalidInputException(path, "not an HDF5 file (no HDF5 signature at byte 0)");
        }
        String type;
        try (HdfFile h = MintPyFile.openHdf(path)) {
            Attribute a = h.getAttribute(MintPyAttributes.FILE_TYPE);
            type = a == null ? null : String.valueOf(a.getData()).trim();
            if (type == null && !isGeometryName(path)) {
                throw new InvalidInputException(path, "HDF5 file without MintPy's FILE_TYPE attribute: not a MintPy "
                        + "file (root datasets: " + String.join(", ", h.getChildren().keySet()) + ")");
            }
        } catch (RuntimeException e) {
            throw new InvalidInputException(path, null, "not a readable HDF5 file (truncated or damaged?): "
                    + Hdf5Bounds.reason(e), e);
        }
        if ("ifgramStack".equals(type)) {
            return MintPyIfgramStack.open(path);
        }
        if (type == null || "geometry".equals(type)) {
            return MintPyGeometry.open(path);
        }
        return MintPyProduct.open(path);
    }
}
