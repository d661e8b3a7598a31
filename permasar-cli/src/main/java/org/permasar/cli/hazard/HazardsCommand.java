package org.permasar.cli.hazard;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.permasar.cli.plot.CorridorMapPlot;
import org.permasar.cli.plot.CorridorProfilePlot;
import org.permasar.hazard.BufferRings;
import org.permasar.hazard.Corridor;
import org.permasar.hazard.CorridorProfile;
import org.permasar.pipeline.hazard.HazardsParameters;
import org.permasar.pipeline.hazard.HazardsStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar hazards}: hazard features in metric buffers around corridor lines, and the deformation profile
 * by chainage (SCIENCE.md §6 "Thermokarst hazard inventory"; seed 002 §4.3). A thin adapter: parses its options
 * into {@link HazardsParameters}, runs {@link HazardsStep} and draws the profile.
 */
@Command(name = "hazards", mixinStandardHelpOptions = true,
        description = "Count hazard features (thaw slumps, lakes) in metric buffers around railway/highway lines, "
                + "and profile the deformation by chainage.")
public final class HazardsCommand implements Callable<Integer> {
    @Option(names = "--lines", required = true, paramLabel = "FILE", description = "Corridor lines: GeoJSON or ESRI Shapefile, any CRS.")
    Path lines;
    @Option(names = "--features", paramLabel = "NAME=FILE", description = "A hazard layer (points or polygons), GeoJSON "
            + "or Shapefile, any CRS (repeatable).")
    Map<String, Path> features = new LinkedHashMap<>();
    @Option(names = "--buffers", defaultValue = "500,1000,1500,2000", paramLabel = "M,M,…",
            description = "Buffer distances, m (default ${DEFAULT-VALUE}).")
    String buffers;
    @Option(names = "--epsg", defaultValue = "0", description = "Projected CRS (metres) for buffering; 0: the UTM zone of the lines (default).")
    int epsg;
    @Option(names = "--deformation", paramLabel = "velocity.h5", description = "Velocity (MintPy velocity.h5 or a GeoTIFF, m/yr) for the corridor profile.")
    Path deformation;
    @Option(names = "--bin-km", defaultValue = "1", description = "Chainage bin of the profile, km (default ${DEFAULT-VALUE}).")
    double binKm;
    @Option(names = "--threshold", defaultValue = "10", description = "Subsidence rate counted as fast, mm/yr (default ${DEFAULT-VALUE}).")
    double threshold;
    @Option(names = "--km-attribute", paramLabel = "NAME", description = "Chainage from kilometre posts: the numeric "
            + "attribute of the posts (point features of --lines, or of --km-posts); km interpolated along the line "
            + "between posts.")
    String kmAttribute;
    @Option(names = "--km-posts", paramLabel = "FILE", description = "Kilometre posts (points, any CRS) when they are "
            + "not in --lines; needs --km-attribute.")
    Path kmPosts;
    @Option(names = "--chainage", defaultValue = "length", paramLabel = "length|m", description = "Where the chainage "
            + "comes from: length (km along the line from its start, or between the posts of --km-attribute; default) or "
            + "m (the measures of the line's vertices: a Shapefile PolyLineM, or PolyLineZ with M), linear in length "
            + "between vertices.")
    String chainage;
    @Option(names = "--m-unit", defaultValue = "km", paramLabel = "km|m", description = "Unit of the vertices' measures "
            + "with --chainage m (default ${DEFAULT-VALUE}).")
    String mUnit;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        HazardsStep.Result r = execute();
        System.out.printf(Locale.ROOT, "corridor: %.3f km of line, buffered in EPSG:%d%n",
                r.corridor().line().getLength() / 1000, r.epsg());
        BufferRings rings = r.corridor().rings();
        for (HazardsStep.LayerResult l : r.layers()) {
            Corridor.Inventory inv = l.inventory();
            StringBuilder b = new StringBuilder(l.name() + ":");
            for (int k = 0; k < rings.size(); k++) {
                b.append(String.format(Locale.ROOT, " ≤%.0f m %d (%.4g/km²)", rings.distance(k), inv.bufferCount()[k],
                        inv.bufferDensity(k)));
            }
            System.out.println(b);
        }
        if (r.profile() != null) {
            System.out.println("worst stretches (95th percentile subsidence):");
            for (int k : CorridorProfile.worst(r.profile(), 5)) {
                CorridorProfile.Bin bin = r.profile()[k];
                if (bin.pixels() > 0) {
                    System.out.printf(Locale.ROOT, "  km %.1f–%.1f: p95 %.1f mm/yr, mean %.1f mm/yr, %.0f %% faster than %.1f mm/yr (%d px)%n",
                            bin.startKm(), bin.endKm(), bin.p95Subsidence(), bin.meanRate(), 100 * bin.shareFaster(),
                            threshold, bin.pixels());
                }
            }
        }
        System.out.println("wrote " + out);
        return 0;
    }

    /** The options as the step's parameters (validated there). */
    HazardsParameters parameters() {
        return new HazardsParameters(lines, features, BufferRings.parse(buffers), epsg, deformation, binKm, threshold, out,
                kmAttribute, kmPosts, HazardsParameters.measures(chainage, mUnit, "--chainage", "--m-unit"));
    }

    /** Runs the step and draws the profile. */
    public HazardsStep.Result execute() throws java.io.IOException {
        return runAndDraw(parameters());
    }

    /** The step and its profile picture, as the command and the {@code run} chain make them. */
    public static HazardsStep.Result runAndDraw(HazardsParameters p) throws java.io.IOException {
        HazardsStep.Result r = HazardsStep.run(p);
        if (r.profile() != null) {
            CorridorProfilePlot.write(p.out().resolve("corridor_profile.png"), "Deformation along "
                    + p.lines().getFileName() + " (within " + (long) r.corridor().rings().widest() + " m)", r.profile(),
                    p.thresholdMm(), p.kmAttribute() != null ? "chainage (km, interpolated between the posts' "
                    + p.kmAttribute() + ")" : p.measures() != null ? "chainage (km, the line's vertex measures M"
                    + (p.measures() == HazardsParameters.MeasureUnit.M ? " in m" : "") + ")"
                    : "chainage (km from the line's start)");
        }
        CorridorMapPlot.write(p.out().resolve("corridor_map.png"), "Hazards along " + p.lines().getFileName(), r,
                p.deformation());
        return r;
    }
}
