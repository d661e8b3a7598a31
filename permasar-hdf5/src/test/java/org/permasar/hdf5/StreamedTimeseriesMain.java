package org.permasar.hdf5;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GridGeometry;
import org.permasar.grid.Window;
import org.permasar.io.mintpy.MintPyProduct;
import org.permasar.io.mintpy.MintPyTimeseriesSink;

/**
 * Child JVM of {@link StreamedTimeseriesTest}: writes a {@code dates × rows × cols} timeseries.h5
 * band of {@code bandRows} rows at a time, value(d, r, c) = d + r·1e-3 + c·1e-6 (exact in float32
 * for the sizes used), then reads it back band by band with jHDF and prints the largest error.
 * Args: file rows cols dates bandRows deflate.
 */
public final class StreamedTimeseriesMain {
    private StreamedTimeseriesMain() {
    }

    static float value(int d, int r, int c) {
        return (float) (d + r * 1e-3 + c * 1e-6);
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]), cols = Integer.parseInt(args[2]), nd = Integer.parseInt(args[3]);
        int band = Integer.parseInt(args[4]), deflate = Integer.parseInt(args[5]);
        GridGeometry grid = GridGeometry.radar(rows, cols, null).withNodata(Double.NaN);
        List<LocalDate> dates = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            dates.add(LocalDate.of(2020, 1, 1).plusDays(12L * d));
        }
        long t0 = System.nanoTime();
        try (MintPyTimeseriesSink s = MintPyTimeseriesSink.open(Hdf5BlockSink::open, file, grid, dates, null,
                Map.of("WAVELENGTH", "0.0555"), "m", band, MintPyTimeseriesSink.chunkCols(grid, nd, band, cols), deflate)) {
            for (int r0 = 0; r0 < rows; r0 += band) {
                Window w = new Window(r0, 0, Math.min(band, rows - r0), cols);
                float[] b = new float[nd * w.size()];
                for (int d = 0; d < nd; d++) {
                    for (int r = 0; r < w.rows(); r++) {
                        for (int c = 0; c < cols; c++) {
                            b[d * w.size() + r * cols + c] = value(d, r0 + r, c);
                        }
                    }
                }
                s.write(w, b);
            }
            s.commit();
        }
        double writeSeconds = (System.nanoTime() - t0) / 1e9;
        double maxError = 0;
        try (MintPyProduct p = MintPyProduct.open(file)) {
            for (int r0 = 0; r0 < rows; r0 += band) {
                Window w = new Window(r0, 0, Math.min(band, rows - r0), cols);
                float[] b = p.read("timeseries", w);
                for (int d = 0; d < nd; d++) {
                    for (int r = 0; r < w.rows(); r++) {
                        for (int c = 0; c < cols; c++) {
                            maxError = Math.max(maxError, Math.abs(b[d * w.size() + r * cols + c] - value(d, r0 + r, c)));
                        }
                    }
                }
            }
        }
        System.out.println("cube " + 4L * nd * rows * cols + " heap " + Runtime.getRuntime().maxMemory()
                + " writeSeconds " + String.format(java.util.Locale.ROOT, "%.2f", writeSeconds)
                + " fileBytes " + java.nio.file.Files.size(file) + " maxError " + maxError);
    }
}
