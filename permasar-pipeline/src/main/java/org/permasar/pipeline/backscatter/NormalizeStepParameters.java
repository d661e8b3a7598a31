package org.permasar.pipeline.backscatter;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.permasar.backscatter.NormalizationParameters;

/**
 * Settings of the normalisation step ({@link NormalizeStep}): what {@code permasar normalize} parses.
 * Validated on construction; the model settings by {@link NormalizationParameters}. Immutable.
 *
 * @param asc           σ⁰ (dB) GeoTIFFs of the ascending passes, one per pair; one band per polarisation
 *                      (bands named e.g. HH, HV)
 * @param desc          σ⁰ of the descending passes, same count, grid and bands
 * @param ascIncidence  incidence angle (degrees) of each ascending pass, band 1, same grid
 * @param descIncidence incidence angle of each descending pass
 * @param dates         acquisition date of each pair (for the seasonal terms), or empty for none
 * @param height        height raster (metres) on the same grid, or null
 * @param model         reference angle and model terms
 * @param out           output folder
 */
public record NormalizeStepParameters(List<Path> asc, List<Path> desc, List<Path> ascIncidence, List<Path> descIncidence,
                                      List<LocalDate> dates, Path height, NormalizationParameters model, Path out) {
    public NormalizeStepParameters {
        if (asc == null || desc == null || ascIncidence == null || descIncidence == null || model == null || out == null) {
            throw new IllegalArgumentException("need ascending and descending σ⁰ and incidence files, settings and an output folder");
        }
        asc = List.copyOf(asc);
        desc = List.copyOf(desc);
        ascIncidence = List.copyOf(ascIncidence);
        descIncidence = List.copyOf(descIncidence);
        dates = dates == null ? List.of() : List.copyOf(dates);
        int n = asc.size();
        if (n == 0) {
            throw new IllegalArgumentException("need at least one --asc file");
        }
        if (desc.size() != n || ascIncidence.size() != n || descIncidence.size() != n) {
            throw new IllegalArgumentException("each pair needs --asc, --desc, --asc-incidence and --desc-incidence: got "
                    + n + ", " + desc.size() + ", " + ascIncidence.size() + ", " + descIncidence.size());
        }
        if (!dates.isEmpty() && dates.size() != n) {
            throw new IllegalArgumentException("give one --date per pair (" + n + ") or none, got " + dates.size());
        }
    }
}
