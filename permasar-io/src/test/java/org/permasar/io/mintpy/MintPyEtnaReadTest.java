package org.permasar.io.mintpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.network.Network;
import org.permasar.stack.InterferogramStack;
import org.permasar.stack.RasterSource;

/**
 * Reads the real Etna stack (shared/data/insar/etna_kfts, documented in shared/data/README.md)
 * and checks it against the README's facts and against h5py reading the same windows.
 */
class MintPyEtnaReadTest {
    static final Path ETNA = Path.of(System.getProperty("permasar.shared", "../shared"), "data/insar/etna_kfts");
    static final Path STACK = ETNA.resolve("etna_ifgramStack.h5");
    static final Path GEOMETRY = ETNA.resolve("etna_geometryRadar.h5");

    @TempDir
    Path tmp;

    @Test
    void stackMetadataMatchesTheDataReadme() throws IOException {
        try (InterferogramStack s = RasterFormats.openStack(STACK)) {
            assertThat(s).isInstanceOf(MintPyIfgramStack.class);
            Network n = s.network();
            assertThat(n.pairCount()).isEqualTo(214);
            assertThat(n.dateCount()).isEqualTo(61);
            assertThat(n.dates().get(0)).isEqualTo(LocalDate.of(2003, 1, 22));
            assertThat(n.dates().get(60)).isEqualTo(LocalDate.of(2010, 6, 9));
            GridGeometry g = s.grid();
            assertThat(g.rows()).isEqualTo(20);
            assertThat(g.cols()).isEqualTo(20);
            assertThat(g.isGeocoded()).isFalse();
            assertThat(s.wavelength()).isEqualTo(0.05623565);
            assertThat(s.attributes()).containsEntry("REF_Y", "18").containsEntry("REF_X", "14")
                    .containsEntry("FILE_TYPE", "ifgramStack").containsEntry("PLATFORM", "Envisat");
            assertThat(s.keptPairs()).hasSize(214).doesNotContain(false);
            assertThat(s.datasets()).containsExactlyInAnyOrder("unwrapPhase", "coherence", "connectComponent");
            assertThat(s.layers("unwrapPhase")).isEqualTo(214);
        }
    }

    @Test
    void pairsAndBaselinesEqualWhatH5pyReads() throws IOException {
        PythonReferee.assumeH5py();
        String out = PythonReferee.script(tmp, String.join("\n",
                "import sys, h5py",
                "f = h5py.File(sys.argv[1], 'r')",
                "for (a, b), p in zip(f['date'][:], f['bperp'][:]):",
                "    print(a.decode() + '_' + b.decode(), repr(float(p)))"), STACK.toAbsolutePath().toString());
        List<String> lines = out.lines().toList();
        try (MintPyIfgramStack s = MintPyIfgramStack.open(STACK)) {
            assertThat(lines).hasSize(214);
            for (int k = 0; k < 214; k++) {
                String[] f = lines.get(k).split(" ");
                assertThat(s.network().pairs().get(k).label()).isEqualTo(f[0]);
                assertThat(s.network().bperp(k)).isEqualTo(Double.parseDouble(f[1]));
            }
        }
    }

    @Test
    void windowReadsEqualH5pyBitForBit() throws IOException {
        PythonReferee.assumeH5py();
        Window[] windows = {new Window(0, 0, 20, 20), new Window(3, 7, 5, 9),
            new Window(19, 0, 1, 20)};
        try (MintPyIfgramStack s = MintPyIfgramStack.open(STACK)) {
            for (String ds : List.of("unwrapPhase", "coherence", "connectComponent")) {
                for (Window w : windows) {
                    float[] ours = s.read(ds, w);
                    float[] ref = PythonReferee.h5pyWindow(STACK, ds, w.row0(), w.col0(), w.rows(), w.cols(), tmp);
                    assertThat(ours).as(ds + " " + w).hasSize(214 * w.size());
                    assertSameFloats(ours, ref, ds + " " + w);
                }
            }
            // the stack has NaN gaps: make sure the comparison saw some
            float[] all = s.read("unwrapPhase", Window.of(s.grid()));
            int nan = 0;
            for (float v : all) {
                nan += Float.isNaN(v) ? 1 : 0;
            }
            assertThat(nan).isPositive().isLessThan(all.length);
        }
    }

    @Test
    void offsetReadsWriteOnlyTheirSlice() throws IOException {
        try (MintPyIfgramStack s = MintPyIfgramStack.open(STACK)) {
            Window w = new Window(2, 2, 2, 3);
            float[] plain = s.read("unwrapPhase", w);
            float[] dest = new float[plain.length + 10];
            java.util.Arrays.fill(dest, -7f);
            s.read("unwrapPhase", w, dest, 5);
            assertThat(dest[4]).isEqualTo(-7f);
            assertThat(dest[dest.length - 5]).isEqualTo(-7f);
            assertSameFloats(java.util.Arrays.copyOfRange(dest, 5, 5 + plain.length), plain, "offset read");
        }
    }

    @Test
    void radarGeometryLatLonBecomePixelCoordinates() throws IOException {
        // independent truth: the raw little-endian float32 lat.flt/lon.flt the file was made from
        float[] lat = rawFloats(ETNA.resolve("lat.flt")), lon = rawFloats(ETNA.resolve("lon.flt"));
        try (RasterSource src = RasterFormats.open(GEOMETRY)) {
            assertThat(src).isInstanceOf(MintPyGeometry.class);
            GridGeometry g = src.grid();
            assertThat(g.isGeocoded()).isFalse();
            assertThat(g.coordinates()).isNotNull();
            for (int r = 0; r < 20; r++) {
                for (int c = 0; c < 20; c++) {
                    assertThat(g.latitude(r, c)).isEqualTo(lat[r * 20 + c]);
                    assertThat(g.longitude(r, c)).isEqualTo(lon[r * 20 + c]);
                }
            }
            // README: 37.496–37.510 N, 15.026–15.043 E
            assertThat(g.latitude(10, 10)).isCloseTo(37.503, within(0.01));
            assertThat(g.longitude(10, 10)).isCloseTo(15.034, within(0.01));
        }
    }

    static float[] rawFloats(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    static void assertSameFloats(float[] ours, float[] ref, String what) {
        assertThat(ours.length).as(what + " length").isEqualTo(ref.length);
        for (int i = 0; i < ours.length; i++) {
            if (Float.floatToIntBits(ours[i]) != Float.floatToIntBits(ref[i])
                    && !(Float.isNaN(ours[i]) && Float.isNaN(ref[i]))) {
                throw new AssertionError(what + ": value " + i + " is " + ours[i] + ", h5py reads " + ref[i]);
            }
        }
    }
}
