package org.permasar.cli.products;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.permasar.pipeline.geocode.GeocodeStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code permasar geocode FILE --lookup geometryRadar.h5 [--lalo-step DLAT,DLON] --out DIR}: a thin adapter
 * over {@link GeocodeStep} (nearest-neighbour geocoding through the lookup table, as MintPy's geocode.py).
 */
@Command(name = "geocode", mixinStandardHelpOptions = true,
        description = {"Geocode a radar-geometry MintPy product (time series or maps) onto a regular WGS 84 "
                + "latitude/longitude grid through the latitude/longitude lookup of its geometryRadar.h5, nearest "
                + "neighbour as MintPy's geocode.py; writes DIR/geo_NAME.h5 with the same datasets."})
public final class GeocodeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "Radar-geometry MintPy product (timeseries.h5, velocity.h5, "
            + "temporalCoherence.h5, geometryRadar.h5, …).")
    Path input;

    @Option(names = "--lookup", required = true, paramLabel = "GEOMETRY.h5", description = "geometryRadar.h5 with "
            + "latitude and longitude per radar pixel.")
    Path lookup;

    @Option(names = "--lalo-step", split = ",", paramLabel = "DLAT,DLON", description = "Output step in degrees "
            + "(default: about one radar pixel, from the lookup).")
    double[] step;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        double dLat = Double.NaN, dLon = Double.NaN;
        if (step != null) {
            if (step.length != 2 || !(Math.abs(step[0]) > 0) || !(Math.abs(step[1]) > 0)) {
                throw new IllegalArgumentException("--lalo-step needs DLAT,DLON, both non-zero degrees, got "
                        + java.util.Arrays.toString(step));
            }
            dLat = Math.abs(step[0]);       // MintPy writes the latitude step negative: either sign is taken
            dLon = Math.abs(step[1]);
        }
        System.out.println(GeocodeStep.run(input, lookup, dLat, dLon, out).summary());
        return 0;
    }
}
