package org.permasar.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.sink.DatasetSpec;

class Hdf5SmokeTest {
    @Test
    void writesAndJhdfReads(@TempDir Path dir) throws Exception {
        GridGeometry g = GridGeometry.radar(4, 5, null);
        Path f = dir.resolve("a.h5");
        try (Hdf5BlockSink s = Hdf5BlockSink.open(f, g, Map.of("FILE_TYPE", "timeseries", "B", "x"))) {
            s.writeStrings("date", new String[] {"20200101", "20200113"}, 8);
            s.writeVector("bperp", new float[] {1, 2});
            s.create(DatasetSpec.cube("timeseries", 2, 4, 5).withChunks(2, 2, 5).withDeflate(1));
            float[] b = new float[2 * 10];
            for (int i = 0; i < b.length; i++) b[i] = i;
            s.writeBlock("timeseries", new Window(2, 0, 2, 5), b);
            s.writeBlock("timeseries", new Window(0, 0, 2, 5), b);
            s.commit();
        }
        try (HdfFile h = new HdfFile(f)) {
            assertThat(h.getAttribute("FILE_TYPE").getData()).isEqualTo("timeseries");
            float[][][] ts = (float[][][]) h.getDatasetByPath("timeseries").getData();
            assertThat(ts[1][3][4]).isEqualTo(19f);
            System.out.println(java.util.Arrays.toString((String[]) h.getDatasetByPath("date").getData()));
        }
    }
}
