package org.permasar.pipeline.hydro;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.permasar.hydro.DerivativeMethod;
import org.permasar.hydro.RecessionAnalysis;
import org.permasar.hydro.RecessionCriteria;
import org.permasar.io.table.DischargeCsvReader;

class RecessionParametersTest {
    static RecessionParameters of(List<DerivativeMethod> m, DischargeCsvReader.Unit u, double area) {
        return new RecessionParameters(Path.of("q.csv"), null, null, u, area, m, RecessionCriteria.DEFAULTS,
                RecessionAnalysis.Settings.DEFAULTS, Path.of("out"));
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> of(List.of(), null, Double.NaN)).hasMessageContaining("derivative methods");
        assertThatThrownBy(() -> of(List.of(DerivativeMethod.ETS, DerivativeMethod.ETS), null, Double.NaN))
                .hasMessageContaining("[ETS, ETS]");
        assertThatThrownBy(() -> of(List.of(DerivativeMethod.ETS), DischargeCsvReader.Unit.MMDAY, -3))
                .hasMessageContaining("got -3");
        assertThatThrownBy(() -> new RecessionParameters(null, null, null, null, Double.NaN, List.of(DerivativeMethod.ETS),
                RecessionCriteria.DEFAULTS, RecessionAnalysis.Settings.DEFAULTS, Path.of("o")))
                .hasMessageContaining("need a discharge file");
    }
}
