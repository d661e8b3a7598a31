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
 * <p>Where: the stack folder, its parent, and the {@code geometry/} and {@code headers/}
 * sub-folders of both (PyRate's cropA keeps {@code geotiffs/}, {@code geometry/} and
 * {@code headers/} side by side), in that order; the first file found for a pair wins. A pair's
 * B⊥ is its table's scene-centre value ({@link BperpTable#centre()}), in metres, secondary
 * relative to reference; a table named later-date-first is negated so the value follows the
 * stack's time-ordered pair. A pair without a table but with a baseline model
 * ({@code <pair>*_base.par}) and a parameter file of its reference date ({@code <date>*slc.par},
 * else {@code *mli.par}) gets the model's scene-centre B⊥ ({@link TcnBaseline}). Other pairs keep
 * B⊥ = NaN, and one log line per stack says how many.
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
        List<Path> cand = new ArrayList<>(List.of(d, d.resolve("geometry"), d.resolve("headers")));
        if (d.getParent() != null) {
            cand.add(d.getParent());
            cand.add(d.getParent().resolve("geometry"));
            cand.add(d.getParent().resolve("headers"));
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

    static boolean isModel(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith("_base.par") && DATES.matcher(name).find();
    }

    /** The {@code *_bperp.par} table of every pair found in {@code folders} (first folder wins). */
    public static Map<Pair, Path> findTables(List<Path> folders) throws IOException {
        return byPair(folders, GammaBaselines::isTable);
    }

    private static Map<Pair, Path> byPair(List<Path> folders, java.util.function.Predicate<String> name)
            throws IOException {
        Map<Pair, Path> out = new TreeMap<>();
        for (Path f : folders) {
            for (Path t : FolderScan.files(f, 1, name)) {
                out.putIfAbsent(PairNames.parse(t), t);
            }
        }
        return out;
    }

    /** The first SLC (else MLI) parameter file named with {@code date} (YYYYMMDD), or null. */
    private static Path sensorPar(List<Path> folders, String date) throws IOException {
        for (String suffix : new String[] {"slc.par", "mli.par"}) {
            for (Path f : folders) {
                List<Path> l = FolderScan.files(f, 1, n -> n.contains(date)
                        && n.toLowerCase(Locale.ROOT).endsWith(suffix) && !DATES.matcher(n).find());
                if (!l.isEmpty()) {
                    return l.get(0);
                }
            }
        }
        return null;
    }

    /**
     * B⊥ in metres of each of {@code pairs} (NaN where no table was found), in iteration order.
     *
     * @throws org.permasar.stack.InvalidInputException naming the table when a table is unreadable
     */
    public static Map<Pair, Double> perpendicularBaselines(Path dir, Collection<Pair> pairs) throws IOException {
        List<Path> folders = searchFolders(dir);
        Map<Pair, Path> tables = findTables(folders);
        Map<Pair, Path> models = null;
        Map<Pair, Double> out = new LinkedHashMap<>();
        int missing = 0;
        for (Pair p : pairs) {
            Path t = tables.get(p);
            if (t != null) {
                out.put(p, sign(t) * BperpTable.read(t).centre());
                continue;
            }
            if (models == null) {
                models = byPair(folders, GammaBaselines::isModel);
            }
            Path m = models.get(p);
            Path sensor = m == null ? null : sensorPar(folders, firstDate(m));
            if (sensor == null) {
                out.put(p, Double.NaN);
                missing++;
                continue;
            }
            out.put(p, sign(m) * TcnBaseline.sceneCentre(GammaPar.read(m), GammaPar.read(sensor)));
        }
        if (missing > 0) {
            LOG.info("perpendicular baseline unknown (NaN) for {} of {} pairs: no GAMMA *_bperp.par table, nor "
                    + "*_base.par with the reference date's *slc.par/*mli.par, found in {}", missing, pairs.size(), folders);
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

    /** The first date (YYYYMMDD) in a file name, i.e. GAMMA's reference date of the pair. */
    private static String firstDate(Path f) {
        Matcher m = DATES.matcher(f.getFileName().toString());
        return m.find() ? m.group(1) : "";
    }

    /** −1 when the table's name gives the later date first (GAMMA's B⊥ is then of the earlier date). */
    private static double sign(Path table) {
        Matcher m = DATES.matcher(table.getFileName().toString());
        return m.find() && m.group(1).compareTo(m.group(2)) > 0 ? -1 : 1;
    }
}
