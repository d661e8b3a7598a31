package org.permasar.network;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An interferometric pair: reference (earlier) and secondary (later) acquisition date. Its phase
 * is φ(secondary) − φ(reference) (MintPy's convention for {@code date12 = REF_SEC}).
 * Immutable.
 */
public record Pair(LocalDate reference, LocalDate secondary) implements Comparable<Pair> {

    public Pair {
        Objects.requireNonNull(reference, "reference date");
        Objects.requireNonNull(secondary, "secondary date");
        if (!secondary.isAfter(reference)) {
            throw new IllegalArgumentException("pair needs reference < secondary, got " + reference + "_" + secondary);
        }
    }

    /** Temporal baseline in days (&gt; 0). */
    public long days() {
        return ChronoUnit.DAYS.between(reference, secondary);
    }

    /** MintPy's {@code YYYYMMDD_YYYYMMDD} label. */
    public String label() {
        return Dates.compact(reference) + "_" + Dates.compact(secondary);
    }

    @Override
    public int compareTo(Pair o) {
        int c = reference.compareTo(o.reference);
        return c != 0 ? c : secondary.compareTo(o.secondary);
    }

    @Override
    public String toString() {
        return label();
    }
}
