package org.permasar.pipeline.alt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.permasar.permafrost.alt.AltMap;
import org.permasar.permafrost.alt.Densities;
import org.permasar.permafrost.alt.ZhangPiecewiseModel;
import org.permasar.stack.InvalidInputException;

/**
 * Site mode of {@code permasar alt --model zhang} (Zhang et al. 2020; {@link ZhangPiecewiseModel}): one row per
 * thaw-season interval, in time order, from a CSV with a header naming {@code subsidence} (ΔD_i, m, positive =
 * subsidence), optionally {@code sigma} (its one-sigma, m), and {@code W1 … WL}, the mean volumetric moisture
 * (m³/m³) of each soil layer during that interval, L = number of layer bottoms ({@code --layers}, default
 * ERA5-Land 0.07, 0.28, 1.00, 2.89 m). Columns are matched case-insensitively; blank and {@code #} lines are
 * skipped.
 */
final class ZhangSite {
    private ZhangSite() {
    }

    static AltStep.Result run(Path csv, double[] layerBottoms, Densities rho) throws IOException {
        if (csv == null) {
            throw new IllegalArgumentException("--model zhang needs --intervals CSV (columns subsidence[,sigma],W1..WL)");
        }
        ZhangPiecewiseModel m = layerBottoms == null ? ZhangPiecewiseModel.era5Land() : new ZhangPiecewiseModel(layerBottoms);
        int nl = m.layers();
        if (!Files.isRegularFile(csv)) {
            throw new InvalidInputException(csv, "no such file");
        }
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (!l.isBlank() && !l.trim().startsWith("#")) {
                lines.add(l.replace("\uFEFF", ""));
            }
        }
        if (lines.size() < 2) {
            throw new InvalidInputException(csv, "expected a header and at least one interval row");
        }
        List<String> head = Arrays.stream(lines.get(0).split(",", -1)).map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
        int sub = head.indexOf("subsidence"), sig = head.indexOf("sigma");
        int[] w = new int[nl];
        for (int j = 0; j < nl; j++) {
            w[j] = head.indexOf("w" + (j + 1));
            if (w[j] < 0) {
                throw new InvalidInputException(csv, "header " + head + " lacks column W" + (j + 1) + " for " + nl
                        + " soil layers (bottoms " + Arrays.toString(layerBottoms == null
                        ? new double[] {0.07, 0.28, 1.00, 2.89} : layerBottoms) + " m)");
            }
        }
        if (sub < 0) {
            throw new InvalidInputException(csv, "header " + head + " lacks column 'subsidence' (m)");
        }
        int k = lines.size() - 1;
        double[] dD = new double[k], sD = sig >= 0 ? new double[k] : null, moist = new double[k * nl];
        for (int i = 0; i < k; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            try {
                dD[i] = Double.parseDouble(f[sub].trim());
                if (sD != null) {
                    sD[i] = Double.parseDouble(f[sig].trim());
                }
                for (int j = 0; j < nl; j++) {
                    moist[i * nl + j] = Double.parseDouble(f[w[j]].trim());
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new InvalidInputException(csv, "interval row " + (i + 1) + ": " + e.getMessage());
            }
        }
        double[] out = new double[2];
        byte flag = m.alt(dD, sD, moist, ZhangPiecewiseModel.Rho.of(rho), out);
        if (flag != AltMap.OK) {
            throw new IllegalArgumentException("no ALT for these intervals: " + (flag == AltMap.NO_DATA
                    ? "a used value is missing" : "a used moisture is ≤ 0 or the total subsidence is negative"));
        }
        return new AltStep.Result(null, null, out[0], out[1], null, null);
    }
}
