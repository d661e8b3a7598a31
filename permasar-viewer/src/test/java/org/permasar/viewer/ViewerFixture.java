package org.permasar.viewer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.permasar.grid.GeoTransform;
import org.permasar.grid.GridGeometry;
import org.permasar.io.geotiff.GeoTiffWriter;
import org.permasar.io.mintpy.MintPyWriter;

/**
 * A small two-track output folder with known values, written with MintPyWriter:
 * <pre>
 *   asc/timeseries.h5         6 × 8 px, 10 dates every 12 days from 2020-01-01,
 *                             value (m) = 0.001·(k+1) + 0.0001·row + 0.00001·col  → mm = (k+1) + 0.1·row + 0.01·col
 *   asc/velocity.h5           velocity = 0.01·(row+1) m/yr, intercept 0.002 m, annualAmplitude 0.005 m,
 *                             annualPhase π/2 rad, REF_DATE 20200101
 *   asc/temporalCoherence.h5  0.1·row + 0.01·col
 *   desc/timeseries.h5        6 × 6 px, 0.02° further east (asc col c ↔ desc col c − 2), value (m) = −0.002·(k+1)
 *   asc/velocity.tif          a GeoTIFF copy of asc/velocity.h5:velocity (the viewer lists it once)
 *   scene/lst_8day.tif        asc grid, 4 bands dated 2020-01-01 + 8·k days, UNIT K, value 263.15 + 5·k + 0.1·row K
 * </pre>
 * asc files carry REF_Y = 1, REF_X = 1 (the reference pixel).
 * Grid: EPSG:4326, origin 100.00 E / 50.00 N, 0.01° pixels.
 */
final class ViewerFixture {
    static final int ROWS = 6, COLS = 8, DESC_COLS = 6, DATES = 10;
    static final LocalDate START = LocalDate.of(2020, 1, 1);

    private ViewerFixture() {
    }

    static GridGeometry ascGrid() {
        return GridGeometry.geocoded(ROWS, COLS, GeoTransform.northUp(100.0, 0.01, 50.0, -0.01), 4326, Double.NaN);
    }

    static GridGeometry descGrid() {
        return GridGeometry.geocoded(ROWS, DESC_COLS, GeoTransform.northUp(100.02, 0.01, 50.0, -0.01), 4326,
                Double.NaN);
    }

    static List<LocalDate> dates() {
        List<LocalDate> d = new ArrayList<>();
        for (int k = 0; k < DATES; k++) {
            d.add(START.plusDays(12L * k));
        }
        return d;
    }

    /** Expected asc time series value in mm (closed form of the fixture). */
    static double ascMm(int k, int row, int col) {
        return (k + 1) + 0.1 * row + 0.01 * col;
    }

    static final int LST_BANDS = 4;

    /** LST of the fixture, K. */
    static double lstKelvin(int k, int row) {
        return 263.15 + 5 * k + 0.1 * row;
    }

    static Path write(Path root) throws IOException {
        Path asc = Files.createDirectories(root.resolve("asc"));
        Path desc = Files.createDirectories(root.resolve("desc"));
        GridGeometry g = ascGrid();
        int n = g.size();
        float[] ts = new float[DATES * n];
        float[] vel = new float[n], icpt = new float[n], amp = new float[n], pha = new float[n], coh = new float[n];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int i = r * COLS + c;
                for (int k = 0; k < DATES; k++) {
                    ts[k * n + i] = (float) (0.001 * (k + 1) + 0.0001 * r + 0.00001 * c);
                }
                vel[i] = (float) (0.01 * (r + 1));
                icpt[i] = 0.002f;
                amp[i] = 0.005f;
                pha[i] = (float) (Math.PI / 2);
                coh[i] = (float) (0.1 * r + 0.01 * c);
            }
        }
        Map<String, String> ref = Map.of("REF_Y", "1", "REF_X", "1");
        MintPyWriter.writeTimeseries(asc.resolve("timeseries.h5"), g, dates(), ts, null, ref);
        LinkedHashMap<String, float[]> v = new LinkedHashMap<>();
        v.put("velocity", vel);
        v.put("intercept", icpt);
        v.put("annualAmplitude", amp);
        v.put("annualPhase", pha);
        MintPyWriter.writeVelocity(asc.resolve("velocity.h5"), g, v, Map.of("REF_DATE", "20200101", "REF_Y", "1",
                "REF_X", "1"));
        GeoTiffWriter.write(asc.resolve("velocity.tif"), g, vel, 1, Map.of("UNIT", "m/year"), List.of());
        Path scene = Files.createDirectories(root.resolve("scene"));
        float[] lst = new float[LST_BANDS * n];
        List<String> lstDates = new ArrayList<>();
        for (int k = 0; k < LST_BANDS; k++) {
            lstDates.add(START.plusDays(8L * k).toString());
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    lst[k * n + r * COLS + c] = (float) lstKelvin(k, r);
                }
            }
        }
        GeoTiffWriter.write(scene.resolve("lst_8day.tif"), g, lst, LST_BANDS, Map.of("UNIT", "K"), lstDates);
        MintPyWriter.writeTemporalCoherence(asc.resolve("temporalCoherence.h5"), g, coh, Map.of());

        GridGeometry d = descGrid();
        float[] tsd = new float[DATES * d.size()];
        for (int k = 0; k < DATES; k++) {
            for (int i = 0; i < d.size(); i++) {
                tsd[k * d.size() + i] = (float) (-0.002 * (k + 1));
            }
        }
        MintPyWriter.writeTimeseries(desc.resolve("timeseries.h5"), d, dates(), tsd, null, Map.of());
        return root;
    }
}
