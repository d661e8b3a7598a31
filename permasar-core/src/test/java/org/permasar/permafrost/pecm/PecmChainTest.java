package org.permasar.permafrost.pecm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permasar.thermal.FreezeThawOnsets;

class PecmChainTest {

    @Test
    void squareWaveClimateGivesItsOwnOnsetsAndRecoversTheModel() {
        LocalDate start = LocalDate.of(2015, 1, 1);
        int ndays = (int) ChronoUnit.DAYS.between(start, LocalDate.of(2020, 12, 31)) + 1;
        // +6 °C from DOY 130 to 279, −6 °C otherwise; a 31-day centred mean crosses 0 °C exactly at the
        // switch days (symmetric window), so thaw onset = DOY 130 and freeze onset = DOY 280.
        float[] daily = new float[ndays];
        for (int k = 0; k < ndays; k++) {
            int doy = start.plusDays(k).getDayOfYear();
            daily[k] = doy >= 130 && doy < 280 ? 6f : -6f;
        }
        double[][] on = FreezeThawOnsets.defaults().detectBlock(start, daily, ndays, 1);
        assertThat(on[0][0]).isCloseTo(130, within(0.5));
        assertThat(on[1][0]).isCloseTo(280, within(0.5));
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2015, 7, 1); d.isBefore(LocalDate.of(2019, 7, 1)); d = d.plusDays(12)) {
            dates.add(d);
        }
        PecmForcing f = PecmForcingBuilder.build(start, daily, ndays, 1, on[0], on[1], dates, 1.0);
        float[] disp = new float[dates.size()];
        for (int i = 0; i < dates.size(); i++) {
            disp[i] = (float) (-0.008 * (f.linear()[i] - f.linear()[0]) - 0.0012 * (f.seasonal()[i] - f.seasonal()[0]));
        }
        PecmFit.Result r = PecmChain.run(start, daily, ndays, 1, FreezeThawOnsets.defaults(), dates, disp, 0, 1.0);
        assertThat(r.rate()[0]).isCloseTo(-0.008, within(1e-6));
        assertThat(r.seasonalCoefficient()[0]).isCloseTo(-0.0012, within(1e-7));
        // peak-to-trough = |d|·√(6·150)
        assertThat(r.peakToTrough()[0]).isCloseTo(0.0012 * Math.sqrt(900), within(1e-6));
    }
}
