package org.permasar.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyTimeseriesSink;
import org.permasar.io.mintpy.MintPyWriter;

/**
 * Independent referees for the libhdf5-written timeseries.h5: Debian's h5py 3.7 on HDF5 1.10.8 and
 * MintPy 1.5.1 ({@code /usr/bin/python3}; skipped when absent, CI installs python3-h5py and
 * python3-mintpy). Attributes equal the jHDF file's except jHDF's own {@code _jHDF} stamp, which is not
 * written by libhdf5. The streamed file must carry the same attributes and values as the jHDF one.
 */
class Hdf5RefereeTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path tmp;

    private static String python(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("MPLBACKEND", "Agg");
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static boolean has(String module) {
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    private Path writeBoth(float[] cube, GridGeometry g, List<LocalDate> dates) throws Exception {
        Map<String, String> attrs = Map.of("WAVELENGTH", "0.05546576", "REF_Y", "1", "REF_X", "2");
        double[] bperp = {0, 10.5, -20.25};
        MintPyWriter.writeTimeseries(tmp.resolve("jhdf.h5"), g, dates, cube, bperp, attrs);
        Path f = tmp.resolve("timeseries.h5");
        try (MintPyTimeseriesSink s = MintPyTimeseriesSink.open(Hdf5BlockSink::open, f, g, dates, bperp, attrs, "m", 4,
                6, 1)) {
            for (int r0 = 0; r0 < g.rows(); r0 += 4) {
                Window w = new Window(r0, 0, Math.min(4, g.rows() - r0), g.cols());
                float[] b = new float[dates.size() * w.size()];
                for (int d = 0; d < dates.size(); d++) {
                    for (int i = 0; i < w.size(); i++) {
                        b[d * w.size() + i] = cube[d * g.size() + r0 * g.cols() + i];
                    }
                }
                s.write(w, b);
            }
            s.commit();
        }
        return f;
    }

    @Test
    void h5pyAndMintPyReadTheStreamedTimeseriesLikeTheJhdfOne() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && has("h5py"), "/usr/bin/python3 with h5py is not installed");
        GridGeometry g = GridGeometry.geocoded(10, 13, GeoTransform.northUp(-150.0, 0.001, 65.0, -0.001), 4326, Double.NaN);
        List<LocalDate> dates = List.of(LocalDate.of(2021, 5, 1), LocalDate.of(2021, 5, 13), LocalDate.of(2021, 5, 25));
        float[] cube = new float[3 * g.size()];
        for (int i = 0; i < cube.length; i++) {
            cube[i] = i % 17 == 0 ? Float.NaN : (float) Math.sin(i) * 0.01f;
        }
        Path f = writeBoth(cube, g, dates);
        String out = python(tmp, "-c", String.join("\n",
                "import h5py, numpy as np",
                "a = h5py.File('jhdf.h5', 'r'); b = h5py.File('timeseries.h5', 'r')",
                "print('shape', b['timeseries'].shape, b['timeseries'].dtype, b['timeseries'].chunks,",
                "      b['timeseries'].compression)",
                "print('date', b['date'].dtype, b['date'][:].tolist())",
                "print('bperp', b['bperp'].dtype)",
                "dec = lambda v: v.decode() if isinstance(v, bytes) else str(v)",
                "ka = {k: dec(v) for k, v in a.attrs.items() if k != '_jHDF'}; kb = {k: dec(v) for k, v in b.attrs.items()}",
                "print('attrsEqual', ka == kb, sorted(set(ka.items()) ^ set(kb.items())))",
                "print('dataEqual', np.array_equal(a['timeseries'][:], b['timeseries'][:], equal_nan=True),",
                "      np.array_equal(a['bperp'][:], b['bperp'][:]), a['date'][:].tolist() == b['date'][:].tolist())"));
        assertThat(out).contains("shape (3, 10, 13) float32 (3, 4, 6) gzip")
                .contains("date |S8 [b'20210501', b'20210513', b'20210525']").contains("bperp float32")
                .contains("attrsEqual True []").contains("dataEqual True True True");

        assumeTrue(has("mintpy.cli.info"), "MintPy (python3-mintpy) is not installed");
        String info = python(tmp, "-m", "mintpy.cli.info", f.toString());
        assertThat(info).contains("timeseries").contains("20210525").contains("(3, 10, 13)");
        String ts = python(tmp, "-c", String.join("\n",
                "from mintpy.utils import readfile",
                "import numpy as np",
                "d, atr = readfile.read('timeseries.h5', datasetName='timeseries-20210513')",
                "print('mintpy', d.shape, atr['FILE_TYPE'], atr['REF_DATE'],",
                "      np.array_equal(d, readfile.read('jhdf.h5', datasetName='timeseries-20210513')[0], equal_nan=True))"));
        assertThat(ts).contains("mintpy (10, 13) timeseries 20210501 True");
    }
}
