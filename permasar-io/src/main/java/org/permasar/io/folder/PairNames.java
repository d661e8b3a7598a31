package org.permasar.io.folder;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permasar.network.Dates;
import org.permasar.network.Pair;
import org.permasar.stack.InvalidInputException;

/**
 * Pair dates from file names: {@code YYYYMMDD[-_]YYYYMMDD} (GAMMA, LiCSAR, PyRate GeoTIFF),
 * {@code YYYYMMDDThhmmss_YYYYMMDDThhmmss} (HyP3) and {@code YYMMDD-YYMMDD} (ROI_PAC). A pair
 * written later-first is put in time order.
 */
public final class PairNames {
    private static final Pattern LONG = Pattern.compile("(?<!\\d)(\\d{8})(?:T\\d{6})?[-_](\\d{8})(?:T\\d{6})?(?!\\d)");
    private static final Pattern SHORT = Pattern.compile("(?<!\\d)(\\d{6})-(\\d{6})(?!\\d)");

    private PairNames() {
    }

    /** True when the name holds something shaped like a pair of dates (valid or not). */
    public static boolean looksLikePair(String name) {
        return LONG.matcher(name).find() || SHORT.matcher(name).find();
    }

    /**
     * The pair named by {@code file}'s name.
     *
     * @throws InvalidInputException naming the file when no two valid, distinct dates are found
     */
    public static Pair parse(Path file) throws InvalidInputException {
        String name = file.getFileName().toString();
        Matcher m = LONG.matcher(name);
        if (!m.find()) {
            m = SHORT.matcher(name);
            if (!m.find()) {
                throw new InvalidInputException(file, "no pair of dates in the file name (expected YYYYMMDD-YYYYMMDD, "
                        + "YYYYMMDD_YYYYMMDD or YYMMDD-YYMMDD)");
            }
        }
        return of(file, m.group(1), m.group(2));
    }

    /** A pair from two date texts found in {@code file} (name or metadata), in time order. */
    public static Pair of(Path file, String a, String b) throws InvalidInputException {
        LocalDate d1, d2;
        try {
            d1 = Dates.parse(a);
            d2 = Dates.parse(b);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, null, "unparseable date: " + e.getMessage(), e);
        }
        if (d1.equals(d2)) {
            throw new InvalidInputException(file, "both dates of the pair are " + d1);
        }
        return d1.isBefore(d2) ? new Pair(d1, d2) : new Pair(d2, d1);
    }
}
