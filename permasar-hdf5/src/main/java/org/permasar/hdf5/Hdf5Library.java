package org.permasar.hdf5;

import static org.bytedeco.hdf5.global.hdf5.H5open;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The process-wide libhdf5 (1.14.3, bundled by {@code org.bytedeco:hdf5} and extracted by JavaCPP
 * to {@code ~/.javacpp/cache} on first use, also from the shaded {@code permasar.jar}).
 *
 * <p>libhdf5 is built without its thread-safe option: every call into it, from every sink of the
 * process, must hold {@link #LOCK}.
 */
final class Hdf5Library {
    /** The one lock around every libhdf5 call of the process. */
    static final Object LOCK = new Object();
    private static boolean ready;

    static {
        // JavaCPP refuses allocations once the process's resident memory passes 2 × -Xmx (its default
        // maxPhysicalBytes): with a small heap plus libhdf5 and the JVM itself that trips at once. The sink
        // allocates only one block-sized staging buffer, so lift the limits unless the user set them.
        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        }
        if (System.getProperty("org.bytedeco.javacpp.maxBytes") == null) {
            System.setProperty("org.bytedeco.javacpp.maxBytes", "0");
        }
    }

    private Hdf5Library() {
    }

    /** Loads the native library (JavaCPP's {@code Loader.load}, run by the class initialiser) and initialises it. */
    static void init() throws IOException {
        synchronized (LOCK) {
            if (ready) {
                return;
            }
            int rc;
            try {
                rc = H5open();
            } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
                throw new IOException("cannot load the native HDF5 library (org.bytedeco:hdf5 for "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + "): " + e, e);
            }
            if (rc < 0) {
                throw new IOException("H5open failed (" + rc + ")");
            }
            ready = true;
        }
    }

    /** Returns {@code id}, or throws when libhdf5 reported failure (a negative id or status). */
    static long check(long id, String call, Path file, String dataset) throws IOException {
        if (id < 0) {
            throw new IOException("HDF5 " + call + " failed for " + file + (dataset == null ? "" : ", dataset " + dataset)
                    + " (libhdf5 printed the details on standard error)");
        }
        return id;
    }
}
