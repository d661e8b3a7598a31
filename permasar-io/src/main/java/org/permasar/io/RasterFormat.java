package org.permasar.io;

import java.io.IOException;
import java.nio.file.Path;
import org.permasar.stack.RasterSource;

/**
 * A reader plug-in for one file format, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.permasar.io.RasterFormat}) and chosen by sniffing the input.
 */
public interface RasterFormat {

    /** Short name used in messages and by {@code --format}, e.g. "mintpy", "hyp3". */
    String name();

    /**
     * How sure this format is that it can open {@code path}: 0 = not mine, 100 = certain (e.g.
     * an HDF5 signature plus the right FILE_TYPE). Must be cheap (read headers only) and must not
     * throw for foreign files.
     */
    int sniff(Path path);

    /**
     * Opens the input. Stacks of interferograms return an {@link org.permasar.stack.InterferogramStack}.
     *
     * @throws org.permasar.stack.InvalidInputException naming the file and what is wrong
     */
    RasterSource open(Path path) throws IOException;
}
