package org.permasar.io.lst;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the acquisition date in a band description or a file name. Recognised, in this order of
 * precedence: the MODIS token {@code A<year><day-of-year>} ({@code MOD11A2.A2019001.h25v05…},
 * day-of-year 1–366); {@code YYYY-MM-DD} (also with {@code _} or {@code .}); compact {@code YYYYMMDD}
 * not embedded in a longer digit run (so MODIS production stamps such as {@code 2020002030425} are
 * skipped). The first kind that matches decides; two different dates of that kind make the text
 * ambiguous. Stateless, thread-safe.
 */
public final class DateTokens {
    private static final Pattern MODIS = Pattern.compile("(?<![A-Za-z0-9])A(\\d{4})(\\d{3})(?!\\d)");
    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})[-_.](\\d{2})[-_.](\\d{2})(?!\\d)");
    private static final Pattern COMPACT = Pattern.compile("(?<!\\d)(\\d{4})(\\d{2})(\\d{2})(?!\\d)");

    private DateTokens() {
    }

    /**
     * The date in {@code text}, or null when none is found.
     *
     * @throws IllegalArgumentException when the text holds two different dates of the deciding kind
     */
    public static LocalDate find(String text) {
        if (text == null) {
            return null;
        }
        for (Pattern p : new Pattern[] {MODIS, ISO, COMPACT}) {
            Set<LocalDate> found = new LinkedHashSet<>();
            Matcher m = p.matcher(text);
            while (m.find()) {
                LocalDate d = p == MODIS ? dayOfYear(m.group(1), m.group(2))
                        : ymd(m.group(1), m.group(2), m.group(3));
                if (d != null) {
                    found.add(d);
                }
            }
            if (found.size() > 1) {
                throw new IllegalArgumentException("'" + text + "' holds several dates " + found);
            }
            if (found.size() == 1) {
                return found.iterator().next();
            }
        }
        return null;
    }

    private static LocalDate dayOfYear(String y, String doy) {
        int year = Integer.parseInt(y), d = Integer.parseInt(doy);
        if (year < 1900 || year > 2200 || d < 1 || d > (LocalDate.of(year, 1, 1).isLeapYear() ? 366 : 365)) {
            return null;
        }
        return LocalDate.ofYearDay(year, d);
    }

    private static LocalDate ymd(String y, String m, String d) {
        int year = Integer.parseInt(y);
        if (year < 1900 || year > 2200) {
            return null;
        }
        try {
            return LocalDate.of(year, Integer.parseInt(m), Integer.parseInt(d));
        } catch (DateTimeException e) {
            return null;
        }
    }
}
