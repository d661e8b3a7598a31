package org.permasar.network;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Date parsing and conversion at the edges of the system. Inside, dates are {@link LocalDate}
 * (UTC); decimal years appear only when talking to formats or users that want them.
 */
public final class Dates {
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.BASIC_ISO_DATE;

    private Dates() {
    }

    /** {@code YYYYMMDD}. */
    public static String compact(LocalDate d) {
        return d.format(COMPACT);
    }

    /**
     * Parses {@code YYYYMMDD}, {@code YYYY-MM-DD}, or {@code YYMMDD} (years 00–49 → 20xx, 50–99 →
     * 19xx, as ROI_PAC names use). Throws {@link IllegalArgumentException} naming the text.
     */
    public static LocalDate parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            if (t.matches("\\d{8}")) {
                return LocalDate.parse(t, COMPACT);
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t);
            }
            if (t.matches("\\d{6}")) {
                int yy = Integer.parseInt(t.substring(0, 2));
                return LocalDate.parse((yy < 50 ? "20" : "19") + t, COMPACT);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("unparseable date '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("unparseable date '" + text
                + "' (expected YYYYMMDD, YYYY-MM-DD or YYMMDD)");
    }

    /** Decimal year, with the day's position within its own year (MintPy {@code ptime.yyyymmdd2years}-like, day start). */
    public static double decimalYear(LocalDate d) {
        int len = d.lengthOfYear();
        return d.getYear() + (d.getDayOfYear() - 1) / (double) len;
    }

    /**
     * {@link #decimalYear(LocalDate)} of a time given as days since 1970-01-01 with a fraction ({@link
     * LocalDate#toEpochDay()} + the fraction of that day): the day's decimal year plus the fraction over the days of its
     * year. NaN (or ±∞) gives NaN.
     */
    public static double decimalYear(double epochDay) {
        if (!Double.isFinite(epochDay)) {
            return Double.NaN;
        }
        double day = Math.floor(epochDay);
        LocalDate d = LocalDate.ofEpochDay((long) day);
        return decimalYear(d) + (epochDay - day) / d.lengthOfYear();
    }

    /** Days from {@code origin} to {@code d} (negative when before). */
    public static long daysBetween(LocalDate origin, LocalDate d) {
        return ChronoUnit.DAYS.between(origin, d);
    }
}
