package org.permasar.pipeline.terrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.terrain.HornSlopeAspect;

/**
 * Terrain factors from a DEM (SCIENCE.md §6): {@code slope.tif} and {@code aspect.tif}, float32 degrees, NaN as
 * nodata, on the DEM's grid, by {@link HornSlopeAspect} (Horn 1981). The DEM is a GeoTIFF (first band) or an HDF5
 * dataset ({@code FILE:DATASET}), in metres, read whole (a DEM map fits in memory: 4 bytes a pixel, three maps).
 * Stateless.
 */
public final class TerrainStep {
    private TerrainStep() {
    }

    /** The maps written, and the DEM's pixel count. */
    public record Result(Path slope, Path aspect, int pixels, boolean geographic) {
    }

    /** Reads the DEM {@code demSpec} and writes slope.tif and aspect.tif into {@code out}. */
    public static Result run(String demSpec, Path out) throws IOException {
        ProductRasters.Raster dem = ProductRasters.readSpec(demSpec);
        if (!dem.grid().isGeocoded() || !dem.grid().transform().isNorthUp()) {
            throw new IllegalArgumentException("--dem " + demSpec + ": slope and aspect need a geocoded north-up grid");
        }
        HornSlopeAspect.Result r = HornSlopeAspect.compute(dem.data(), dem.grid());
        Files.createDirectories(out);
        Path slope = out.resolve("slope.tif"), aspect = out.resolve("aspect.tif");
        ProductRasters.writeFloat(slope, dem.grid(), r.slope(), "slope (Horn 1981)", "degree");
        ProductRasters.writeFloat(aspect, dem.grid(), r.aspect(), "aspect, clockwise from north, down-slope (Horn 1981)",
                "degree");
        return new Result(slope, aspect, dem.grid().size(), dem.grid().isGeographic());
    }
}
