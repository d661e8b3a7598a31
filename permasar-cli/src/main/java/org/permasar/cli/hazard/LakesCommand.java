package org.permasar.cli.hazard;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.RasterMap;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.pipeline.hazard.LakesParameters;
import org.permasar.pipeline.hazard.LakesStep;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar lakes}: thermokarst lakes mapped from optical imagery (SCIENCE.md §6; seed 004) with NDWI or MNDWI
 * and a fixed or Otsu threshold, cleaned and polygonised. A thin adapter over {@link LakesStep}; draws
 * {@code lakes.png} ({@link #runAndDraw}).
 */
@Command(name = "lakes", mixinStandardHelpOptions = true,
        description = "Map lakes from green + NIR (NDWI) or green + SWIR (MNDWI) GeoTIFF bands: threshold (fixed or "
                + "Otsu), fill small holes, drop small bodies, polygonise → lakes.geojson with the pixel-polygon area "
                + "and the sub-pixel area by linear spectral unmixing.")
public final class LakesCommand implements Callable<Integer> {
    @Option(names = "--green", required = true, paramLabel = "G.tif", description = "Green band GeoTIFF.")
    Path green;

    static final class Second {
        @Option(names = "--nir", required = true, paramLabel = "N.tif", description = "Near-infrared band: NDWI.")
        Path nir;
        @Option(names = "--swir", required = true, paramLabel = "S.tif", description = "Short-wave infrared band: MNDWI.")
        Path swir;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Second second;
    @Option(names = "--threshold", defaultValue = "otsu", description = "Water where the index exceeds this: otsu or a "
            + "number (default ${DEFAULT-VALUE}).")
    String threshold;
    @Option(names = "--min-pixels", defaultValue = "4", description = "Drop water bodies smaller than this, pixels "
            + "(default ${DEFAULT-VALUE}).")
    int minPixels;
    @Option(names = "--fill-holes-below", defaultValue = "0", paramLabel = "N", description = "Fill holes in the water "
            + "mask (land enclosed by water) smaller than N pixels (default ${DEFAULT-VALUE}: none).")
    int fillHolesBelow;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        boolean swir = second.swir != null;
        LakesParameters p = new LakesParameters(green, swir ? second.swir : second.nir, swir,
                LakesParameters.parseThreshold(threshold), minPixels, out, fillHolesBelow);
        LakesStep.Result r = runAndDraw(p);
        double area = 0, unmixed = 0;
        for (LakesStep.Lake l : r.lakes()) {
            area += l.areaM2();
            unmixed += l.areaUnmixedM2();
        }
        System.out.printf(Locale.ROOT, "%s threshold %.4f%s: %d lakes of ≥ %d px, %.4f km² of water in whole pixels, "
                + "%.4f km² unmixed%n", swir ? "MNDWI" : "NDWI", r.threshold(), Double.isNaN(p.threshold()) ? " (Otsu)" : "",
                r.lakes().size(), minPixels, area * 1e-6, unmixed * 1e-6);
        System.out.println("wrote " + out);
        return 0;
    }

    /**
     * The step and its map ({@code lakes.png}: water where the index exceeds the threshold, the specks below
     * {@code minPixels} included), as the command and the {@code run} chain make them.
     */
    public static LakesStep.Result runAndDraw(LakesParameters p) throws IOException {
        LakesStep.Result r = LakesStep.run(p);
        float[] index = ProductRasters.read(p.out().resolve("water_index.tif"), null).data();
        float[] water = new float[index.length];
        for (int k = 0; k < water.length; k++) {
            water[k] = Float.isNaN(index[k]) ? Float.NaN : index[k] > r.threshold() ? 1 : 0;
        }
        new RasterMap(String.format(Locale.ROOT, "Water: %s > %.3f, %d lake%s", p.swir() ? "MNDWI" : "NDWI",
                r.threshold(), r.lakes().size(), r.lakes().size() == 1 ? "" : "s"), "", Colormap.VIRIDIS)
                .categorical(new String[] {"not water", "water"}, new Color[] {new Color(235, 225, 200),
                    new Color(0, 114, 178)})
                .write(p.out().resolve("lakes.png"), r.grid(), water);
        return r;
    }
}
