package org.permasar.pipeline.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.permasar.grid.GridGeometry;
import org.permasar.io.AtomicFiles;
import org.permasar.io.crs.LatLonLocator;
import org.permasar.io.table.SiteTable;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stats.Agreement;
import org.permasar.stats.MoistureCalibratedAlt;
import org.permasar.stats.SiteBlockAverage;

/**
 * {@code permasar validate --alt-insar ALT --boreholes CSV [--vwc VWC]}: InSAR ALT against borehole (in-situ) ALT.
 * Each borehole gets the unweighted mean of the InSAR ALT in a block around it ({@link SiteBlockAverage}) and,
 * when a mean active-layer water content is given, the moisture-calibrated ALT·VWC/0.3 (seed 001 eq. 8,
 * {@link MoistureCalibratedAlt}); {@link Agreement} is computed with the borehole as reference. Writes
 * {@code boreholes.csv} (one row per borehole; NaN and a status where a borehole is outside the grid or its block
 * has no valid pixel) and {@code altAgreement.csv}.
 */
public final class BoreholeComparison {
    /** Agreement of one kind of InSAR ALT ("insar" or "moisture-calibrated") with the boreholes. */
    public record Summary(String kind, Agreement agreement) {
    }

    private BoreholeComparison() {
    }

    static List<Summary> run(String altSpec, Path boreholes, String vwcSpec, double block, Path out) throws IOException {
        ProductRasters.Raster alt = ProductRasters.readSpec(altSpec);
        GridGeometry g = alt.grid();
        if (!g.isGeocoded()) {
            throw new IllegalArgumentException("--alt-insar " + altSpec + " is not geocoded: boreholes cannot be placed");
        }
        float[] calibrated = vwcSpec == null ? null
                : MoistureCalibratedAlt.calibrate(alt.data(), ProductRasters.numberOrRaster(vwcSpec, g, "--vwc"));
        List<SiteTable.Site> sites = SiteTable.read(boreholes, "alt", "alt_m", "thickness");
        LatLonLocator locator = LatLonLocator.on(g);
        int n = sites.size();
        double[] ref = new double[n], est = new double[n], cal = new double[n];
        StringBuilder b = new StringBuilder("id,lon,lat,alt_borehole_m,alt_insar_m,alt_calibrated_m,block_pixels,status\n");
        for (int k = 0; k < n; k++) {
            SiteTable.Site s = sites.get(k);
            ref[k] = s.value();
            String status;
            int pixels = 0;
            if (!locator.contains(s.pixel(locator))) {
                est[k] = cal[k] = Double.NaN;
                status = "outside the ALT grid";
            } else {
                double[] xy = s.mapXy(locator);
                SiteBlockAverage.Result a = SiteBlockAverage.average(alt.data(), null, g, xy[0], xy[1], block);
                est[k] = a.value();
                pixels = a.pixels();
                cal[k] = calibrated == null ? Double.NaN
                        : SiteBlockAverage.average(calibrated, null, g, xy[0], xy[1], block).value();
                status = pixels == 0 ? "no valid ALT pixel in the block" : Double.isNaN(s.value()) ? "no borehole ALT" : "ok";
            }
            b.append(s.id()).append(',').append(s.lon()).append(',').append(s.lat()).append(',')
                    .append(ValidateStep.num(ref[k])).append(',').append(ValidateStep.num(est[k])).append(',')
                    .append(ValidateStep.num(cal[k])).append(',').append(pixels).append(',').append(status).append('\n');
        }
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve("boreholes.csv"), tmp -> Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8));
        List<Summary> res = new ArrayList<>();
        res.add(new Summary("insar", Agreement.of(est, ref)));
        if (calibrated != null) {
            res.add(new Summary("moisture-calibrated", Agreement.of(cal, ref)));
        }
        StringBuilder a = new StringBuilder("kind,n,bias_m,mean_abs_error_m,rmse_m,r2,pearson\n");
        for (Summary s : res) {
            Agreement g2 = s.agreement();
            a.append(s.kind()).append(',').append(g2.n()).append(',').append(ValidateStep.num(g2.bias())).append(',')
                    .append(ValidateStep.num(g2.meanError())).append(',').append(ValidateStep.num(g2.rmse())).append(',')
                    .append(ValidateStep.num(g2.r2())).append(',').append(ValidateStep.num(g2.pearson())).append('\n');
        }
        AtomicFiles.write(out.resolve("altAgreement.csv"), tmp -> Files.writeString(tmp, a.toString(), StandardCharsets.UTF_8));
        return res;
    }
}
