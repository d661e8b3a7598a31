package org.permasar.cli.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.permasar.cli.CliRunner;
import org.permasar.cli.SimulateCommand;
import org.permasar.grid.Window;
import org.permasar.io.RasterFormats;
import org.permasar.io.geotiff.GeoTiffReader;
import org.permasar.sim.Region;
import org.permasar.stack.RasterSource;

/**
 * Runs the real commands on a simulated scene, as a user would: {@code permasar simulate} once,
 * then per track {@code invert} (both tracks referenced at the same ground pixel) and {@code fit},
 * and reads the products and the truth back from the files. Paths: {@code DIR/scene/...} (what
 * simulate writes) and {@code DIR/NAME/{asc,desc}/...} per processing variant NAME.
 */
final class SimulatedSceneRun {
    static final String[] TRACKS = {"asc", "desc"};

    final Path dir;
    final Path scene;
    /** Region code per pixel (truth.h5 region). */
    final int[] region;
    final int rows;
    final int cols;
    /** The common reference pixel, row and column. */
    final int refRow;
    final int refCol;

    /** Simulates the small preset (noise on unless {@code noNoise}) into {@code dir/scene}. */
    SimulatedSceneRun(Path dir, boolean noNoise) throws IOException {
        this(dir, noNoise, new String[0]);
    }

    /** As {@link #SimulatedSceneRun(Path, boolean)} with extra {@code simulate} options (e.g. {@code --seed}). */
    SimulatedSceneRun(Path dir, boolean noNoise, String... simulateExtra) throws IOException {
        this.dir = dir;
        this.scene = dir.resolve("scene");
        List<String> a = new ArrayList<>(List.of("simulate", "--out", scene.toString()));
        a.addAll(List.of(simulateExtra));
        if (noNoise) {
            a.add("--no-noise");
        }
        run(a);
        float[] reg = truth("region");
        region = new int[reg.length];
        for (int i = 0; i < reg.length; i++) {
            region[i] = (int) reg[i];
        }
        try (RasterSource t = RasterFormats.open(scene.resolve("truth.h5"))) {
            rows = t.grid().rows();
            cols = t.grid().cols();
        }
        int[] ref = stablePixel();
        refRow = ref[0];
        refCol = ref[1];
    }

    /**
     * The bedrock (NON_SEASONAL, truth v = d = 0, no horizontal motion) pixel nearest the centroid of
     * that region: a stable pixel for both tracks, away from the creeping slope next to it.
     */
    private int[] stablePixel() {
        double sr = 0, sc = 0;
        int n = 0;
        for (int i = 0; i < region.length; i++) {
            if (region[i] == Region.NON_SEASONAL.code()) {
                sr += i / cols;
                sc += i % cols;
                n++;
            }
        }
        assertThat(n).as("bedrock pixels in the scene").isPositive();
        double r0 = sr / n, c0 = sc / n, best = Double.MAX_VALUE;
        int[] out = new int[2];
        for (int i = 0; i < region.length; i++) {
            double d = Math.hypot(i / cols - r0, i % cols - c0);
            if (region[i] == Region.NON_SEASONAL.code() && d < best) {
                best = d;
                out[0] = i / cols;
                out[1] = i % cols;
            }
        }
        return out;
    }

    /** Inverts both tracks into {@code dir/name/TRACK} with the common reference pixel and {@code extra} options. */
    Path invert(String name, boolean tropo, String... extra) {
        Path out = dir.resolve(name);
        for (String t : TRACKS) {
            List<String> a = new ArrayList<>(List.of("invert", scene.resolve(t).resolve("ifgramStack.h5").toString(),
                    "--out", out.resolve(t).toString(), "--geometry", geometry(t).toString(), "--mask-dset",
                    "--ref-yx", refRow + "," + refCol));
            if (tropo) {
                a.addAll(List.of("--tropo", scene.resolve(t).resolve(SimulateCommand.TROPO_FILE).toString()));
            }
            a.addAll(List.of(extra));
            run(a);
        }
        return out;
    }

    Path stack(String track) {
        return scene.resolve(track).resolve("ifgramStack.h5");
    }

    Path geometry(String track) {
        return scene.resolve(track).resolve("geometryGeo.h5");
    }

    /** Runs a permasar command in-process and requires exit code 0. */
    static void run(List<String> args) {
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.code()).as("permasar " + String.join(" ", args) + "\n" + r.err()).isZero();
    }

    /** A truth map from {@code scene/truth.h5}. */
    float[] truth(String dataset) throws IOException {
        try (RasterSource t = RasterFormats.open(scene.resolve("truth.h5"))) {
            return t.read(dataset, Window.of(t.grid()));
        }
    }

    /** The truth map re-referenced like the products: its value at the reference pixel subtracted. */
    float[] truthReferenced(String dataset) throws IOException {
        float[] t = truth(dataset);
        float r = t[refRow * cols + refCol];
        float[] out = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = t[i] - r;
        }
        return out;
    }

    /** Band 1 of a single-band GeoTIFF product. */
    static float[] tif(Path file) throws IOException {
        try (GeoTiffReader r = GeoTiffReader.open(file)) {
            return r.read(r.datasets().get(0), Window.of(r.grid()));
        }
    }

    /** True where the pixel belongs to one of {@code regions}. */
    boolean[] in(Region... regions) {
        boolean[] m = new boolean[region.length];
        for (int i = 0; i < m.length; i++) {
            for (Region r : regions) {
                m[i] |= region[i] == r.code();
            }
        }
        return m;
    }

    /** Root-mean-square of {@code est − truth} over the masked pixels with finite values, and their count. */
    static double[] rmse(float[] est, float[] truth, boolean[] mask) {
        double s = 0;
        int n = 0;
        for (int i = 0; i < est.length; i++) {
            if (mask[i] && Float.isFinite(est[i]) && Float.isFinite(truth[i])) {
                double e = est[i] - truth[i];
                s += e * e;
                n++;
            }
        }
        return new double[] {Math.sqrt(s / n), n};
    }
}
