package org.permasar.cli.hazard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.hazard.SlumpSeriesClassifier;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.pipeline.hazard.SlumpsParameters;
import org.permasar.pipeline.hazard.SlumpsStep;
import org.permasar.pipeline.raster.ProductRasters;

/**
 * {@code permasar slumps} on a simulated timeseries.h5 of known classes (issue 15's acceptance): 24 × 30 pixels,
 * every 12 days over 4 years (122 dates), white noise σ = 2 mm, an annual sinusoid of 5–15 mm amplitude at a random
 * phase on every pixel (removed by the joint fit), seed 004's rates: columns 0–9 stable (|v| ≤ 3 mm/yr), 10–19
 * abrupt thaw (v₁ within ±3 mm/yr, then 15–35 mm/yr faster subsidence from a break in the middle 60 % of the
 * period), 20–29 linear subsidence (−35 … −8 mm/yr). Three 4 × 4-pixel slump polygons (one per class, parameters
 * shared by their pixels) are classed by their mean series. Seed {@value #SEED}.
 *
 * <p>The break dates against the precision the data allow ({@link SlumpSeriesClassifier#breakStdDays}, the Cramér–Rao
 * bound of each pixel's own break with σ = 2 mm and the annual pair): the acquisition nearest {@code slump_break.tif}
 * within one of the truth for at least the bound's expected count less 3 standard deviations (measured 206 of 240,
 * expected 203.4 ± 5.4; |Δv|/σ is 7.5–17.5 /yr here, below the 20.6 /yr from which 95 % is expected), and for ≥ 90 %
 * of the pixels whose rate changes by ≥ 25 mm/yr (117 of 126); {@code slump_break_sigma.tif} within 0.8–1.25 of the
 * bound (median); the abrupt polygon's mean series (σ 0.5 mm) its break within 4 σ_τ and its {@code break_sigma_days}
 * within 30 % of the bound.
 */
class SlumpsCommandTest {
    static final long SEED = 20261207L;
    static final double YEAR = 365.25;

    @Test
    void simulatedSlumpsAreClassedPerPixelAndPerPolygon(@TempDir Path tmp) throws Exception {
        Random rnd = new Random(SEED);
        int rows = 24, cols = 30;
        LocalDate start = LocalDate.of(2019, 1, 1);
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = start; d.isBefore(start.plusYears(4)); d = d.plusDays(12)) {
            dates.add(d);
        }
        int nd = dates.size();
        GridGeometry g = GridGeometry.geocoded(rows, cols, GeoTransform.northUp(500000, 30, 7000000, -30), 32606, Double.NaN);
        float[] cube = new float[nd * rows * cols];
        int[] truth = new int[rows * cols];
        int[] breakIndex = new int[rows * cols];
        double[] deltaV = new double[rows * cols];
        double[][] blockPar = new double[3][];  // shared parameters of the polygons' pixels (rows 18–21)
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                int cls = c / 10;                                        // 0 stable, 1 abrupt, 2 linear
                boolean inPolygon = r >= 18 && r < 22 && c % 10 >= 3 && c % 10 < 7;
                double[] par;
                if (inPolygon && blockPar[cls] != null) {
                    par = blockPar[cls];
                } else {
                    double v1 = cls == 2 ? -8 - 27 * rnd.nextDouble() : -3 + 6 * rnd.nextDouble();
                    double v2 = cls == 1 ? v1 - 15 - 20 * rnd.nextDouble() : v1;
                    int kb = (int) (nd * (0.2 + 0.6 * rnd.nextDouble()));
                    par = new double[] {v1, v2, kb, 5 + 10 * rnd.nextDouble(), 2 * Math.PI * rnd.nextDouble()};
                    if (inPolygon) {
                        blockPar[cls] = par;
                    }
                }
                truth[i] = cls == 0 ? SlumpsStep.STABLE : cls == 1 ? SlumpsStep.ABRUPT : SlumpsStep.LINEAR;
                breakIndex[i] = (int) par[2];
                deltaV[i] = par[1] - par[0];
                double tb = (dates.get((int) par[2]).toEpochDay() - start.toEpochDay()) / YEAR;
                for (int d = 0; d < nd; d++) {
                    double t = (dates.get(d).toEpochDay() - start.toEpochDay()) / YEAR;
                    double mm = par[0] * t + (par[1] - par[0]) * Math.max(0, t - tb)
                            + par[3] * Math.sin(2 * Math.PI * t + par[4]) + 2 * rnd.nextGaussian();
                    cube[d * rows * cols + i] = (float) (mm / 1000);
                }
            }
        }
        Path ts = tmp.resolve("timeseries.h5");
        MintPyWriter.writeTimeseries(ts, g, dates, cube, null, Map.of());
        // polygons: pixel blocks rows 18–21, columns 3–6 (+10, +20), drawn 1 m inside the pixel edges
        StringBuilder gj = new StringBuilder("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"EPSG:32606\"}},\"features\":[");
        for (int k = 0; k < 3; k++) {
            double x0 = 500000 + 30 * (10 * k + 3) + 1, x1 = 500000 + 30 * (10 * k + 7) - 1;
            double y0 = 7000000 - 30 * 22 + 1, y1 = 7000000 - 30 * 18 - 1;
            gj.append(k == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"name\":\"S").append(k)
                    .append("\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[").append(x0).append(',').append(y0)
                    .append("],[").append(x1).append(',').append(y0).append("],[").append(x1).append(',').append(y1)
                    .append("],[").append(x0).append(',').append(y1).append("],[").append(x0).append(',').append(y0)
                    .append("]]]}}");
        }
        Path polys = tmp.resolve("slumps.geojson");
        Files.writeString(polys, gj.append("]}").toString());
        Path out = tmp.resolve("out");
        CliRunner.Result res = CliRunner.run("slumps", "--timeseries", ts.toString(), "--polygons", polys.toString(),
                "--id", "name", "--out", out.toString());
        assertEquals(0, res.code(), res.err());

        float[] cls = ProductRasters.read(out.resolve("slump_class.tif"), null).data();
        float[] brk = ProductRasters.read(out.resolve("slump_break.tif"), null).data();
        float[] brkSigma = ProductRasters.read(out.resolve("slump_break_sigma.tif"), null).data();
        SlumpSeriesClassifier annual = SlumpsParameters.defaults();
        int correct = 0, sharp = 0, dated = 0, abrupt = 0, within1 = 0;
        double expectedWithin = 0, expectedVar = 0;
        List<Double> sigmaRatio = new ArrayList<>();
        for (int i = 0; i < cls.length; i++) {
            correct += (int) cls[i] == truth[i] ? 1 : 0;
            if (truth[i] != SlumpsStep.ABRUPT) {
                continue;
            }
            // the Cramér–Rao bound of the pixel's own break (σ 2 mm, the annual pair fitted): P(within one acquisition)
            double crbDays = annual.breakStdDays(dates, dates.get(breakIndex[i]).toEpochDay(), deltaV[i], 2);
            double pr = SlumpSeriesClassifier.nearestAcquisitionWithin(1, crbDays, 12);
            expectedWithin += pr;
            expectedVar += pr * (1 - pr);
            if ((int) cls[i] == SlumpsStep.ABRUPT) {
                abrupt++;
                long days = Math.abs(nearest(dates, brk[i]).toEpochDay() - dates.get(breakIndex[i]).toEpochDay());
                within1 += days <= 12 ? 1 : 0;
                sigmaRatio.add(brkSigma[i] / crbDays);
                if (deltaV[i] <= -25) {
                    sharp++;
                    dated += days <= 12 ? 1 : 0;
                }
            }
        }
        sigmaRatio.sort(null);
        double medianSigmaRatio = sigmaRatio.get(sigmaRatio.size() / 2);
        System.out.printf("slumps: %d of %d pixels classed right; the acquisition nearest the break within one of the "
                + "truth for %d of %d abrupt pixels with Δv ≥ 25 mm/yr, %d of %d abrupt pixels (the Cramér–Rao bound "
                + "expects %.1f ± %.1f); median σ̂_τ / σ_τ %.3f%n", correct, cls.length, dated, sharp, within1, abrupt,
                expectedWithin, Math.sqrt(expectedVar), medianSigmaRatio);
        assertTrue(correct >= 0.95 * cls.length, correct + " of " + cls.length);
        assertTrue(dated >= 0.9 * sharp, dated + " of " + sharp);
        assertTrue(within1 >= expectedWithin - 3 * Math.sqrt(expectedVar), within1 + " of " + abrupt + ", expected " + expectedWithin);
        assertTrue(medianSigmaRatio > 0.8 && medianSigmaRatio < 1.25, "slump_break_sigma.tif / bound " + medianSigmaRatio);

        List<String> lines = Files.readAllLines(out.resolve("slump_polygons.csv"));
        assertEquals(4, lines.size());
        String[] expected = {"stable", "abrupt_thaw", "linear_subsidence"};
        for (int k = 0; k < 3; k++) {
            String[] f = lines.get(k + 1).split(",");
            assertEquals("S" + k, f[0]);
            assertEquals("16", f[1], lines.get(k + 1));
            assertEquals(expected[k], f[2], lines.get(k + 1));
            if (k == 1) {
                LocalDate truthBreak = dates.get((int) blockPar[1][2]);
                long days = Math.abs(LocalDate.parse(f[4]).toEpochDay() - truthBreak.toEpochDay());
                assertTrue(days <= 12, lines.get(k + 1) + " truth " + truthBreak);
                assertEquals(blockPar[1][0], Double.parseDouble(f[5]), 2.0, "rate before");
                assertEquals(blockPar[1][1], Double.parseDouble(f[6]), 2.0, "rate after");
                // the mean of 16 pixels: σ 0.5 mm; its break time and standard deviation against the bound
                double crbDays = annual.breakStdDays(dates, truthBreak.toEpochDay(), blockPar[1][1] - blockPar[1][0], 0.5);
                assertEquals(crbDays, Double.parseDouble(f[9]), 0.3 * crbDays, "break_sigma_days " + lines.get(k + 1));
                assertEquals(decimalYear(truthBreak), Double.parseDouble(f[8]), 4 * crbDays / 365, "break_year");
            }
            if (k == 2) {
                assertEquals(blockPar[2][0], Double.parseDouble(f[3]), 1.0, "linear rate");
            }
        }
        System.out.println("abrupt polygon: " + lines.get(2) + " (truth " + dates.get((int) blockPar[1][2]) + ", "
                + blockPar[1][0] + " → " + blockPar[1][1] + " mm/yr)");
        assertTrue(Files.readString(out.resolve("slump_polygons.geojson")).contains("\"class\":\"abrupt_thaw\""));
        assertTrue(Files.size(out.resolve("slump_class_counts.csv")) > 0);

        CliRunner.Result bad = CliRunner.run("slumps", "--timeseries", ts.toString(), "--min-side", "1", "--out",
                tmp.resolve("o2").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--min-side"), bad.err());
    }

    private static double decimalYear(LocalDate d) {
        return d.getYear() + (d.getDayOfYear() - 1) / (double) d.lengthOfYear();
    }

    /** The date whose decimal year is nearest {@code year}. */
    private static LocalDate nearest(List<LocalDate> dates, double year) {
        LocalDate best = dates.get(0);
        for (LocalDate d : dates) {
            best = Math.abs(decimalYear(d) - year) < Math.abs(decimalYear(best) - year) ? d : best;
        }
        return best;
    }
}
