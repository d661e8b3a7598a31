package org.permasar.cli.invert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.cli.CliRunner;

/**
 * The files {@code permasar invert --geotiff} writes open in MintPy's own {@code info} and in
 * GDAL's {@code gdalinfo}, with the right shapes, dates and band counts.
 */
class InvertOutputLayoutTest {
    @TempDir
    static Path tmp;
    static Path out;

    @BeforeAll
    static void invert() {
        Path sim = tmp.resolve("sim");
        assertThat(CliRunner.run("simulate", "--small", "--out", sim.toString()).code()).isZero();
        out = tmp.resolve("inv");
        CliRunner.Result r = CliRunner.run("invert", sim.resolve("asc/ifgramStack.h5").toString(), "--out", out.toString(),
                "--geotiff", "--std");
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void mintpyInfoOpensEveryProduct() throws Exception {
        ExternalTool.assumeMintPy();
        String[][] expect = {
                {"timeseries.h5", "file type: timeseries", "Number of dates  : 61"},
                {"timeseriesStd.h5", "file type: timeseries", "Number of dates  : 61"},
                {"temporalCoherence.h5", "FILE_TYPE             temporalCoherence", "LENGTH                16"},
                {"numInvIfgram.h5", "FILE_TYPE             mask", "WIDTH                 20"}};
        for (String[] e : expect) {
            ExternalTool.Run r = ExternalTool.run(out, 300, ExternalTool.PYTHON, "-m", "mintpy.cli.info", e[0]);
            assertThat(r.code()).as(e[0] + ": " + r.log()).isZero();
            assertThat(r.log()).as(e[0]).contains(e[1]).contains(e[2]);
        }
        // MintPy's reader sees the cube shape and the reference point it needs downstream
        ExternalTool.Run r = ExternalTool.run(out, 300, ExternalTool.PYTHON, "-c",
                "from mintpy.utils import readfile\n"
                        + "d, a = readfile.read('timeseries.h5')\n"
                        + "print(d.shape, a['REF_Y'], a['REF_X'], a['UNIT'], a['REF_DATE'])\n"
                        + "n, _ = readfile.read('numInvIfgram.h5')\n"
                        + "print('numInv', n.shape, int(n.max()))\n");
        assertThat(r.code()).as(r.log()).isZero();
        assertThat(r.log()).contains("(61, 16, 20)").contains(" m 20170104").contains("numInv (16, 20) 208");
    }

    @Test
    void gdalinfoReadsTheGeoTiffsWithTheirBands() throws Exception {
        ExternalTool.assumeGdal();
        String[][] expect = {{"timeseries.tif", "61"}, {"temporalCoherence.tif", "1"}, {"numInvIfgram.tif", "1"}};
        for (String[] e : expect) {
            ExternalTool.Run r = ExternalTool.run(out, 120, "/usr/bin/gdalinfo", e[0]);
            assertThat(r.code()).as(e[0] + ": " + r.log()).isZero();
            long bands = r.log().lines().filter(l -> l.startsWith("Band ")).count();
            assertThat(bands).as(e[0] + " bands").isEqualTo(Long.parseLong(e[1]));
            assertThat(r.log()).contains("Size is 20, 16").contains("\"EPSG\",32646");
        }
    }
}
