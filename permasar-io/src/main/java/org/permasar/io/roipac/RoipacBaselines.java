package org.permasar.io.roipac;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.permasar.stack.InvalidInputException;

/**
 * Perpendicular baseline of a ROI_PAC interferogram from its {@code .rsc} keys
 * {@code P_BASELINE_TOP_HDR} and {@code P_BASELINE_BOTTOM_HDR} (metres, B⊥ at the first and last
 * line, as ROI_PAC's {@code baseline.rsc} writes them; the shorter {@code P_BASELINE_TOP} /
 * {@code P_BASELINE_BOTTOM} are accepted too). B⊥ = (top + bottom)/2, the scene-centre value under
 * ROI_PAC's linear along-track baseline model (MintPy reads ROI_PAC stacks the same way).
 *
 * <p>Looked up first in the interferogram's own {@code .unw.rsc}, then in a
 * {@code <name>_baseline.rsc} or {@code <DATE12>_baseline.rsc} beside it. NaN when none has the
 * keys.
 */
public final class RoipacBaselines {
    private static final String[][] KEYS = {
        {"P_BASELINE_TOP_HDR", "P_BASELINE_BOTTOM_HDR"},
        {"P_BASELINE_TOP", "P_BASELINE_BOTTOM"},
    };

    private RoipacBaselines() {
    }

    /**
     * B⊥ in metres from one header, NaN when it carries no baseline keys.
     *
     * @throws InvalidInputException naming the header when a key is present but not a number, or
     *                               only one of a top/bottom pair is present
     */
    public static double fromHeader(RscHeader h) throws InvalidInputException {
        for (String[] k : KEYS) {
            boolean top = h.get(k[0]) != null, bottom = h.get(k[1]) != null;
            if (top && bottom) {
                // B⊥(centre) = (B⊥(top) + B⊥(bottom)) / 2 for a baseline linear in azimuth time
                return 0.5 * (h.number(k[0]) + h.number(k[1]));
            }
            if (top || bottom) {
                throw new InvalidInputException(h.file(), top ? k[1] : k[0], "baseline key missing (found only "
                        + (top ? k[0] : k[1]) + ")");
            }
        }
        return Double.NaN;
    }

    /**
     * B⊥ in metres of the interferogram {@code unw} whose header {@code h} was read; NaN when no
     * header carries the keys.
     */
    public static double of(Path unw, RscHeader h) throws IOException {
        double b = fromHeader(h);
        if (!Double.isNaN(b)) {
            return b;
        }
        String name = unw.getFileName().toString().replaceAll("(?i)\\.unw$", "");
        String d12 = h.get("DATE12");
        for (String cand : new String[] {name + "_baseline.rsc", d12 == null ? null : d12.trim() + "_baseline.rsc"}) {
            if (cand == null) {
                continue;
            }
            Path f;
            try {
                f = unw.resolveSibling(cand);
            } catch (InvalidPathException e) {
                // DATE12 of a damaged header (NUL bytes, found by ReaderFuzzTest) names no file
                throw new InvalidInputException(h.file(), "DATE12", "'" + cand.replaceAll("\\p{Cntrl}", "?")
                        + "' cannot name a baseline file (" + e.getReason() + "): damaged header?");
            }
            if (Files.isRegularFile(f)) {
                b = fromHeader(RscHeader.read(f));
                if (!Double.isNaN(b)) {
                    return b;
                }
            }
        }
        return Double.NaN;
    }
}
