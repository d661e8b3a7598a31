package org.permasar.permafrost.pecm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permasar.thermal.DegreeDays;
import org.permasar.thermal.FreezeThawOnsets;

/**
 * Real forcing: Wudaoliang ground-surface temperature 2010–2018 (one pixel). The builder's day-major
 * L(τ), I(τ), closure and per-year maximum of I against a brute-force day-by-day recomputation
 * through {@link DegreeDays} (a separate, scalar code path).
 */
class PecmWudaoliangTest {

    @Test
    void forcingFromStationSeriesMatchesBruteForce() throws IOException {
        Path csv = Path.of(System.getProperty("permasar.shared", "../shared"), "data/temperature/wudaoliang_daily_1956-2018.csv");
        List<String> lines = Files.readAllLines(csv);
        LocalDate start = LocalDate.of(2010, 1, 1);
        List<Double> vals = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",", -1);
            if (!LocalDate.parse(f[0]).isBefore(start)) {
                vals.add(f[2].isEmpty() ? Double.NaN : Double.parseDouble(f[2]));
            }
        }
        double[] daily = vals.stream().mapToDouble(Double::doubleValue).toArray();
        float[] dailyF = new float[daily.length];
        for (int i = 0; i < daily.length; i++) {
            dailyF[i] = (float) daily[i];
            daily[i] = dailyF[i];
        }
        FreezeThawOnsets.Result on = FreezeThawOnsets.defaults().detect(start, daily);
        double th = Math.round(on.meanThawDoy());
        double fr = Math.round(on.meanFreezeDoy());
        List<LocalDate> sar = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2014, 10, 9); d.isBefore(LocalDate.of(2017, 12, 1)); d = d.plusDays(12)) {
            sar.add(d);
        }
        double kappa = 1.0;
        PecmForcing f = PecmForcingBuilder.build(start, dailyF, daily.length, 1, new double[] {th}, new double[] {fr}, sar, kappa);
        assertThat(f.status()[0]).isEqualTo(PecmStatus.OK);
        LocalDate firstYearStart = DegreeDays.permafrostYearStart(sar.get(0), th);
        int closures = 0;
        for (int i = 0; i < sar.size(); i++) {
            LocalDate d = sar.get(i);
            LocalDate ys = DegreeDays.permafrostYearStart(d, th);
            LocalDate next = DegreeDays.onsetDate(ys.getYear() + 1, th);
            double[][] endAcc = DegreeDays.accumulatedAt(start, daily, th, List.of(next.minusDays(1)));
            double[] end = {endAcc[0][0], endAcc[1][0]};
            double r = Math.sqrt(end[0]) - Math.sqrt(kappa * end[1]) > 0 ? end[0] / end[1] : kappa;
            double[][] acc = DegreeDays.accumulatedAt(start, daily, th, List.of(d));
            double iExp = Math.max(0, Math.sqrt(acc[0][0]) - Math.sqrt(r * acc[1][0]));
            int yRel = ys.getYear() - firstYearStart.getYear();
            double frac = Math.min((d.toEpochDay() - ys.toEpochDay()) / (fr - th), 1.0);
            assertThat((double) f.linear()[i]).as("L at %s", d).isCloseTo(yRel + frac, within(1e-5));
            assertThat((double) f.seasonal()[i]).as("I at %s", d).isCloseTo(iExp, within(2e-3));
            assertThat((double) f.ratio()[yRel]).isCloseTo(r, within(1e-4 * r));
            closures += r != kappa ? 1 : 0;
        }
        // per-year maximum of I: brute force over every day of each year
        for (int y = 0; y < f.years(); y++) {
            LocalDate ys = DegreeDays.onsetDate(firstYearStart.getYear() + y, th);
            LocalDate next = DegreeDays.onsetDate(ys.getYear() + 1, th);
            double r = f.ratio()[y];
            double max = 0;
            for (LocalDate d = ys; d.isBefore(next); d = d.plusDays(1)) {
                double[][] acc = DegreeDays.accumulatedAt(start, daily, th, List.of(d));
                max = Math.max(max, Math.sqrt(acc[0][0]) - Math.sqrt(r * acc[1][0]));
            }
            assertThat((double) f.seasonalMax()[y]).as("max I, year %d", y).isCloseTo(max, within(2e-3));
        }
        System.out.printf("Wudaoliang tgs: thaw DOY %.0f, freeze DOY %.0f, closure used for %d of %d SAR dates%n",
                th, fr, closures, sar.size());
    }
}
