package org.permasar.io.vector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.permasar.stack.InvalidInputException;

/** Opens a vector file by its extension: {@code .geojson}/{@code .json} ({@link GeoJsonVectors}) or {@code .shp} ({@link ShapefileVectors}). */
public final class VectorFiles {
    private VectorFiles() {
    }

    /**
     * Reads a vector layer.
     *
     * @throws InvalidInputException for a missing file, an unknown extension or a malformed file, naming the file
     */
    public static VectorLayer read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, "no such file");
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".geojson") || n.endsWith(".json")) {
            return GeoJsonVectors.read(file);
        }
        if (n.endsWith(".shp")) {
            return ShapefileVectors.read(file);
        }
        throw new InvalidInputException(file, "not a vector file this reads (GeoJSON .geojson/.json or ESRI Shapefile .shp)");
    }
}
