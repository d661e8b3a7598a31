package org.permasar.cli.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.PermasarCommand;
import org.permasar.geometry.DirectionClassifier;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.RasterFormats;
import org.permasar.io.mintpy.MintPyWriter;
import org.permasar.network.Dates;
import org.permasar.pipeline.raster.ProductRasters;
import org.permasar.stack.RasterSource;

/**
 * External referees for the product commands: GDAL reads our GeoTIFF outputs with the declared types and
 * nodata, and MintPy's own {@code timeseries2velocity} fits annualAmplitude/annualPhase that
 * {@link GeometryCommand#fromMintPyAnnual} turns back into the simulated peak-to-trough amplitude and peak day.
 * Skipped when Debian's /usr/bin/python3 lacks GDAL or MintPy.
 */
class ProductsRefereeTest {
    static final String PY = "/usr/bin/python3";

    @TempDir
    Path dir;

    private static String python(Path cwd, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PY));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("python timed out");
        }
        String s = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("python failed (" + p.exitValue() + "): " + s);
        }
        return s;
    }

    private static void assumePython(String module) {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PY)), "no " + PY);
        try {
            python(Path.of("."), "-c", "import " + module);
        } catch (Exception e) {
            Assumptions.abort(module + " not importable with " + PY + ": " + e.getMessage());
        }
    }

    @Test
    void gdalReadsGeometryOutputs() throws Exception {
        assumePython("osgeo.gdal");
        Path d = dir.resolve("scene");
        Files.createDirectories(d);
        GeometryCommandTest.writeTrack(d.resolve("a.h5"), d.resolve("ga.h5"), GeometryCommandTest.ASC, true);
        GeometryCommandTest.writeTrack(d.resolve("d.h5"), d.resolve("gd.h5"), GeometryCommandTest.DESC, false);
        Path out = d.resolve("out");
        assertThat(PermasarCommand.run("geometry", "--asc", d.resolve("a.h5").toString(), "--desc", d.resolve("d.h5").toString(),
                "--asc-geometry", d.resolve("ga.h5").toString(), "--desc-geometry", d.resolve("gd.h5").toString(),
                "--out", out.toString())).isZero();
        String s = python(out, "-c", String.join("\n",
                "from osgeo import gdal",
                "import numpy as np",
                "c = gdal.Open('secularDirection.tif'); b = c.GetRasterBand(1); a = b.ReadAsArray()",
                "print(gdal.GetDataTypeName(b.DataType), b.GetNoDataValue(), int((a == 1).sum()), int((a == 2).sum()))",
                "u = gdal.Open('up.tif'); ub = u.GetRasterBand(1)",
                "print(gdal.GetDataTypeName(ub.DataType), np.isnan(ub.GetNoDataValue()), repr(float(ub.ReadAsArray()[0, 0])))",
                "print(u.GetGeoTransform()[0], u.GetGeoTransform()[1])"));
        String[] lines = s.trim().split("\n");
        // 6 vertical + 6 east-west columns over 8 rows, as constructed
        assertThat(lines[lines.length - 3]).isEqualTo("Byte 0.0 48 48");
        String[] up = lines[lines.length - 2].split(" ");
        assertThat(up[0]).isEqualTo("Float32");
        assertThat(up[1]).isEqualTo("True");
        assertThat(Double.parseDouble(up[2])).isCloseTo(GeometryCommandTest.UP, within(1e-6));
        String[] gt = lines[lines.length - 1].split(" ");
        assertThat(Double.parseDouble(gt[0])).isCloseTo(94.0, within(1e-9));
        assertThat(Double.parseDouble(gt[1])).isCloseTo(0.001, within(1e-12));
    }

    @Test
    void mintPyAnnualPhaseGivesTheSimulatedPeakDay() throws Exception {
        assumePython("mintpy.timeseries2velocity");
        // truth: d(t) = 0.004·t_yr + (P/2)·cos(2π (t − t_peak)/365.25 d), peak on 2019-07-19 (day of year 200), P = 30 mm
        double p2t = 0.030;
        LocalDate peak = LocalDate.of(2019, 7, 19);
        List<LocalDate> dates = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            dates.add(LocalDate.of(2019, 1, 3).plusDays(12L * i));
        }
        GridGeometry g = GridGeometry.geocoded(3, 4, GeoTransform.northUp(94.0, 0.001, 35.7, -0.001), 4326, Double.NaN);
        float[] cube = new float[dates.size() * g.size()];
        for (int i = 0; i < dates.size(); i++) {
            double days = ChronoUnit.DAYS.between(dates.get(0), dates.get(i));
            double v = 0.004 * days / 365.25 + p2t / 2 * Math.cos(2 * Math.PI * ChronoUnit.DAYS.between(peak, dates.get(i)) / 365.25);
            for (int k = 0; k < g.size(); k++) {
                cube[i * g.size() + k] = (float) v;
            }
        }
        MintPyWriter.writeTimeseries(dir.resolve("timeseries.h5"), g, dates, cube, null,
                Map.of("REF_Y", "0", "REF_X", "0", "WAVELENGTH", "0.05546576"));
        python(dir, "-m", "mintpy.cli.timeseries2velocity", "timeseries.h5", "--periodic", "1.0", "-o", "velocity.h5");
        float amp = ProductRasters.read(dir.resolve("velocity.h5"), "annualAmplitude").data()[5];
        float phase = ProductRasters.read(dir.resolve("velocity.h5"), "annualPhase").data()[5];
        String ref;
        try (RasterSource src = RasterFormats.open(dir.resolve("velocity.h5"))) {
            ref = src.attributes().getOrDefault("REF_DATE", src.attributes().get("START_DATE"));
        }
        double[] r = GeometryCommand.fromMintPyAnnual(amp, phase, Dates.parse(ref.trim()).getDayOfYear());
        assertThat(r[0]).isCloseTo(p2t, within(1e-5));
        // MintPy's decimal years differ from 365.25-day years by under a day over this span
        assertThat(DirectionClassifier.circularDayDifference(r[1], peak.getDayOfYear())).isLessThan(1.0);
    }
}
