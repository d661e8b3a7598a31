package org.permasar.io.gamma;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.permasar.io.folder.FolderScan;
import org.permasar.io.folder.PairFolderStack;
import org.permasar.io.folder.PairNames;
import org.permasar.network.Pair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Perpendicular baselines of a GAMMA stack from the {@code base_perp} tables that sit next to
 * it ({@code <YYYYMMDD>-<YYYYMMDD>*_bperp.par}, one per pair; see {@link BperpTable}).
 *
 * <p>Where: the stack folder, its {@code geometry/} sub-folder, its parent and the parent's
 * {@code geometry/} folder (PyRate's cropA keeps {@code geotiffs/} and {@code geometry/} side by
 * side), in that order; the first table found for a pair wins. A pair's B⊥ is its table's
 * scene-centre value ({@link BperpTable#centre()}), in metres, secondary relative to reference;
 * a table named later-date-first is negated so the value follows the stack's time-ordered pair.
 * Pairs without a table keep B⊥ = NaN, and one log line per stack says how many.
 */
public final class GammaBaselines {
    private static final Logger LOG = LoggerFactory.getLogger(GammaBaselines.class);
    private static final Pattern DATES = Pattern.compile("(?<!\\d)(\\d{8})[-_](\\d{8})(?!\\d)");

    private GammaBaselines() {
    }

    /** The folders searched for a stack in {@code dir}, existing ones only, in search order. */
    public static List<Path> searchFolders(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        List<Path> cand = new ArrayList<>(List.of(d, d.resolve("geometry")));
        if (d.getParent() != null) {
            cand.add(d.getParent());
            cand.add(d.getParent().resolve("geometry"));
        }
        for (Path p : cand) {
            if (Files.isDirectory(p) && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    static boolean isTable(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith("_bperp.par") && DATES.matcher(name).find();
    }

    /** The {@code *_bperp.par} table of every pair found in {@code folders} (first folder wins). */
    public static Map<Pair, Path> findTables(List<Path> folders) throws IOException {
        Map<Pair, Path> out = new TreeMap<>();
        for (Path f : folders) {
            for (Path t : FolderScan.files(f, 1, GammaBaselines::isTable)) {
                out.putIfAbsent(PairNames.parse(t), t);
            }
        }
        return out;
    }

    /**
     * B⊥ in metres of each of {@code pairs} (NaN where no table was found), in iteration order.
     *
     * @throws org.permasar.stack.InvalidInputException naming the table when a table is unreadable
     */
    public static Map<Pair, Double> perpendicularBaselines(Path dir, Collection<Pair> pairs) throws IOException {
        List<Path> folders = searchFolders(dir);
        Map<Pair, Path> tables = findTables(folders);
        Map<Pair, Double> out = new LinkedHashMap<>();
        int missing = 0;
        for (Pair p : pairs) {
            Path t = tables.get(p);
            if (t == null) {
                out.put(p, Double.NaN);
                missing++;
                continue;
            }
            out.put(p, sign(t) * BperpTable.read(t).centre());
        }
        if (missing > 0) {
            LOG.info("perpendicular baseline unknown (NaN) for {} of {} pairs: no GAMMA *_bperp.par table found in {}",
                    missing, pairs.size(), folders);
        }
        return out;
    }

    /** Sets B⊥ of every pair that has a table on the stack builder; others stay NaN. */
    public static void fill(Path dir, Collection<Pair> pairs, PairFolderStack.Builder builder) throws IOException {
        perpendicularBaselines(dir, pairs).forEach((p, b) -> {
            if (!Double.isNaN(b)) {
                builder.bperp(p, b);
            }
        });
    }

    /** −1 when the table's name gives the later date first (GAMMA's B⊥ is then of the earlier date). */
    private static double sign(Path table) {
        Matcher m = DATES.matcher(table.getFileName().toString());
        return m.find() && m.group(1).compareTo(m.group(2)) > 0 ? -1 : 1;
    }
}
