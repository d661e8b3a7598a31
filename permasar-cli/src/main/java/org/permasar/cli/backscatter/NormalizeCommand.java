package org.permasar.cli.backscatter;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.permasar.backscatter.IncidenceSlopeModel;
import org.permasar.backscatter.NormalizationParameters;
import org.permasar.cli.plot.Colormap;
import org.permasar.cli.plot.RasterMap;
import org.permasar.pipeline.backscatter.NormalizeStep;
import org.permasar.pipeline.backscatter.NormalizeStepParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code permasar normalize}: incidence-angle normalisation of σ⁰ (dB) from near-simultaneous ascending and
 * descending pairs (SCIENCE.md §7, seed 004; Chen et al. 2022): fits σ⁰_a − σ⁰_d = dσ⁰/dθ·(θ_a − θ_d) + r
 * with dσ⁰/dθ linear in x, y, height and an annual harmonic, per polarisation (band), and brings every image
 * to {@code --ref-angle}. The step ({@link NormalizeStep}) writes the rasters and tables; this command adds
 * {@code difference_before.png} and {@code difference_after.png} (σ⁰_a − σ⁰_d of pair 1, first band).
 */
@Command(name = "normalize", mixinStandardHelpOptions = true,
        description = "Incidence-angle normalisation of sigma0 (dB) from ascending/descending pairs: fit dsigma0/dtheta, normalise to one angle.")
public final class NormalizeCommand implements Callable<Integer> {
    @Option(names = "--asc", required = true, paramLabel = "A.tif",
            description = "Ascending sigma0 (dB), one band per polarisation (e.g. HH, HV); repeat once per pair.")
    List<Path> asc = new ArrayList<>();
    @Option(names = "--desc", required = true, paramLabel = "D.tif", description = "Descending sigma0 (dB) of the same pair, same grid and bands; repeat.")
    List<Path> desc = new ArrayList<>();
    @Option(names = "--asc-incidence", required = true, paramLabel = "IA.tif", description = "Incidence angle (degrees) of the ascending pass; repeat.")
    List<Path> ascIncidence = new ArrayList<>();
    @Option(names = "--desc-incidence", required = true, paramLabel = "ID.tif", description = "Incidence angle (degrees) of the descending pass; repeat.")
    List<Path> descIncidence = new ArrayList<>();
    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date of each pair, in order (for the seasonal terms); repeat.")
    List<String> dates = new ArrayList<>();
    @Option(names = "--height", paramLabel = "H.tif", description = "Height (m) on the same grid: adds a height term.")
    Path height;
    @Option(names = "--ref-angle", defaultValue = "35", paramLabel = "DEG", description = "Reference incidence angle, degrees (default ${DEFAULT-VALUE}).")
    double refAngle;
    @Option(names = "--no-pair-offsets", description = "Do not fit a constant offset r per pair.")
    boolean noPairOffsets;
    @Option(names = "--no-seasonal", description = "No annual harmonic of the day of year in the slope.")
    boolean noSeasonal;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        NormalizeStep.Result r = NormalizeStep.run(parameters());
        double lim = 0;
        float[] sorted = r.differenceBefore().clone();
        java.util.Arrays.sort(sorted);
        int finite = 0;
        for (float v : sorted) {
            finite += Float.isNaN(v) ? 0 : 1;
        }
        if (finite > 0) {
            lim = Math.max(Math.abs(sorted[(int) (0.02 * (finite - 1))]), Math.abs(sorted[(int) (0.98 * (finite - 1))]));
        }
        lim = lim > 0 ? lim : 1;
        String pol = r.polarisations().get(0);
        new RasterMap("sigma0 asc - desc before, pair 1, " + pol, "dB", Colormap.RDBU).range(-lim, lim)
                .write(out.resolve("difference_before.png"), r.grid(), r.differenceBefore());
        new RasterMap("sigma0 asc - desc at " + refAngle + " deg, pair 1, " + pol, "dB", Colormap.RDBU).range(-lim, lim)
                .write(out.resolve("difference_after.png"), r.grid(), r.differenceAfter());
        for (int b = 0; b < r.polarisations().size(); b++) {
            IncidenceSlopeModel m = r.models().get(b);
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < m.terms().size(); k++) {
                s.append(String.format(Locale.ROOT, " %s %.5f ± %.5f", m.terms().get(k).name().toLowerCase(Locale.ROOT),
                        m.coefficients()[k], m.stdErrors()[k]));
            }
            System.out.printf(Locale.ROOT, "%s: dsigma0/dtheta (dB/deg):%s; residual RMS %.3f dB over %d pixels%n",
                    r.polarisations().get(b), s, m.rms(), m.observations());
        }
        System.out.print(r.summary());
        System.out.println("wrote " + out);
        return 0;
    }

    NormalizeStepParameters parameters() {
        if (!(refAngle > 0 && refAngle < 90)) {
            throw new IllegalArgumentException("--ref-angle must be in (0, 90) degrees, got " + refAngle);
        }
        List<LocalDate> d = new ArrayList<>();
        for (String s : dates) {
            try {
                String t = s.trim();
                d.add(t.length() == 8 ? LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE) : LocalDate.parse(t));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--date " + s + ": expected YYYY-MM-DD or YYYYMMDD");
            }
        }
        return new NormalizeStepParameters(asc, desc, ascIncidence, descIncidence, d, height,
                new NormalizationParameters(refAngle, !noPairOffsets, !noSeasonal), out);
    }
}
