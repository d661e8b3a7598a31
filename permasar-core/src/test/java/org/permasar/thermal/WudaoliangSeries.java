package org.permasar.thermal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** Test fixture: the Wudaoliang station daily series of shared/data/temperature. */
final class WudaoliangSeries {

    final LocalDate start;
    final double[] tair;
    final double[] tgs;

    private WudaoliangSeries(LocalDate start, double[] tair, double[] tgs) {
        this.start = start;
        this.tair = tair;
        this.tgs = tgs;
    }

    static Path shared() {
        return Path.of(System.getProperty("permasar.shared", "../shared"));
    }

    static WudaoliangSeries load() throws IOException {
        List<String> lines = Files.readAllLines(shared().resolve("data/temperature/wudaoliang_daily_1956-2018.csv"));
        int n = lines.size() - 1;
        double[] a = new double[n];
        double[] g = new double[n];
        LocalDate start = null;
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            LocalDate d = LocalDate.parse(f[0]);
            if (start == null) {
                start = d;
            } else if (!d.equals(start.plusDays(i))) {
                throw new IllegalStateException("non-contiguous date " + d + " at row " + (i + 1));
            }
            a[i] = f[1].isEmpty() ? Double.NaN : Double.parseDouble(f[1]);
            g[i] = f[2].isEmpty() ? Double.NaN : Double.parseDouble(f[2]);
        }
        return new WudaoliangSeries(start, a, g);
    }

    int index(LocalDate d) {
        return (int) (d.toEpochDay() - start.toEpochDay());
    }
}
