package org.permasar.io.zarr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.permasar.io.RasterFormat;
import org.permasar.stack.RasterSource;

/**
 * {@link RasterFormat} plug-in for Zarr v2 stores: a folder holding {@code .zgroup} (a group of
 * arrays, 90) or {@code .zarray} (a single array, 80). Sniffing only checks those file names.
 */
public final class ZarrFormat implements RasterFormat {

    @Override
    public String name() {
        return "zarr";
    }

    @Override
    public int sniff(Path path) {
        if (path == null || !Files.isDirectory(path)) {
            return 0;
        }
        if (Files.isRegularFile(path.resolve(ZarrCube.ZGROUP))) {
            return 90;
        }
        return Files.isRegularFile(path.resolve(".zarray")) ? 80 : 0;
    }

    @Override
    public RasterSource open(Path path) throws IOException {
        return ZarrCube.open(path);
    }
}
