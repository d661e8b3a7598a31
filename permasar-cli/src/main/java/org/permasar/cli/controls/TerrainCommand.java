package org.permasar.cli.controls;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.permasar.pipeline.terrain.TerrainStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar terrain}: slope and aspect of a DEM by Horn's method, in degrees (SCIENCE.md §6), as factors for
 * {@code permasar controls}. A thin adapter over {@link TerrainStep}.
 */
@Command(name = "terrain", mixinStandardHelpOptions = true,
        description = "Slope and aspect (Horn's method, degrees) of a DEM: slope.tif, aspect.tif. Geographic grids "
                + "(EPSG:4326) use metric spacing from the WGS 84 ellipsoid at each row's latitude.")
public final class TerrainCommand implements Callable<Integer> {
    @Option(names = "--dem", required = true, paramLabel = "DEM[:DATASET]", description = "DEM in metres: GeoTIFF or HDF5 dataset.")
    String dem;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        TerrainStep.Result r = TerrainStep.run(dem, out);
        System.out.println("slope, aspect of " + r.pixels() + " px (" + (r.geographic() ? "geographic" : "projected")
                + " grid) → " + r.slope() + ", " + r.aspect());
        return 0;
    }
}
