package org.permasar.pipeline.hydro;

import java.nio.file.Path;
import java.util.List;
import org.permasar.hydro.DerivativeMethod;
import org.permasar.hydro.RecessionAnalysis;
import org.permasar.hydro.RecessionCriteria;
import org.permasar.io.table.DischargeCsvReader;

/**
 * Settings of the recession step ({@link RecessionStep}): what {@code permasar recession} parses from its
 * options. Validated on construction (an {@link IllegalArgumentException} names the offending value);
 * the ranges of the recession rules and of the analysis are checked by {@link RecessionCriteria} and
 * {@link RecessionAnalysis.Settings}. Immutable.
 *
 * @param discharge  daily discharge file (CSV or CAMELS-US text)
 * @param column     discharge column, or null to pick it
 * @param flagColumn flag column, or null
 * @param unit       unit of the values, or null for the layout's default
 * @param areaKm2    basin area, km² (for mm/day), NaN otherwise
 * @param methods    derivative methods, first = primary, no repeats, ≥ 1
 * @param criteria   recession rules (its derivative is replaced by each method in turn)
 * @param settings   fits, bootstrap and break date
 * @param out        output folder
 */
public record RecessionParameters(Path discharge, String column, String flagColumn, DischargeCsvReader.Unit unit,
        double areaKm2, List<DerivativeMethod> methods, RecessionCriteria criteria, RecessionAnalysis.Settings settings,
        Path out) {
    public RecessionParameters {
        if (discharge == null || out == null) {
            throw new IllegalArgumentException("need a discharge file and an output folder, got " + discharge + ", " + out);
        }
        if (methods == null || methods.isEmpty() || methods.stream().distinct().count() != methods.size()) {
            throw new IllegalArgumentException("need one or more distinct derivative methods, got " + methods);
        }
        if (unit == DischargeCsvReader.Unit.MMDAY && !(areaKm2 > 0 && Double.isFinite(areaKm2))) {
            throw new IllegalArgumentException("--units mm/day needs the basin area: --area-km2 > 0, got " + areaKm2);
        }
        if (criteria == null || settings == null) {
            throw new IllegalArgumentException("recession criteria and analysis settings are required");
        }
        methods = List.copyOf(methods);
    }
}
