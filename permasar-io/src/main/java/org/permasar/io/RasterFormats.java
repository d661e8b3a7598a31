package org.permasar.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.InvalidInputException;
import org.permasar.stack.RasterSource;

/** Opens any supported input by asking every {@link RasterFormat} plug-in how sure it is. */
public final class RasterFormats {
    private RasterFormats() {
    }

    /** All registered formats. */
    public static List<RasterFormat> all() {
        List<RasterFormat> out = new ArrayList<>();
        ServiceLoader.load(RasterFormat.class, RasterFormats.class.getClassLoader()).forEach(out::add);
        return out;
    }

    /** Opens {@code path} with the format that claims it most strongly. */
    public static RasterSource open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new InvalidInputException(path, "no such file or folder");
        }
        if (!Files.isReadable(path)) {
            throw new InvalidInputException(path, "not readable");
        }
        RasterFormat best = null;
        int bestScore = 0;
        for (RasterFormat f : all()) {
            int s;
            try {
                s = f.sniff(path);
            } catch (RuntimeException e) {
                s = 0;
            }
            if (s > bestScore) {
                best = f;
                bestScore = s;
            }
        }
        if (best == null) {
            throw new InvalidInputException(path, "not a recognised stack or product (supported: "
                    + String.join(", ", all().stream().map(RasterFormat::name).toList()) + ")");
        }
        return best.open(path);
    }

    /** Opens {@code path} and insists that it is an interferogram stack. */
    public static InterferogramStack openStack(Path path) throws IOException {
        RasterSource src = open(path);
        if (src instanceof InterferogramStack s) {
            return s;
        }
        String fmt = src.format();
        src.close();
        throw new InvalidInputException(path, "is a " + fmt + ", not an interferogram stack");
    }
}
