package org.permasar.io.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.permasar.stack.InvalidInputException;

/**
 * Runs mutants of one {@link FuzzTarget}'s seed input through its reader. A case passes when the
 * reader ends normally or refuses the input as documented ({@link FuzzTarget#refusal()}: by default
 * an {@link InvalidInputException} with a one-line message); anything else is a
 * finding: another exception, an error, a hang past the per-case timeout, or a case that allocates
 * more than the memory guard ({@link #ALLOCATION_LIMIT} bytes, measured per thread). Each case has
 * its own seed, printed with every finding; the mutant of a finding is saved under
 * {@code target/fuzz-failures/TARGET/case-SEED/} with a {@code README.txt} naming the mutations.
 */
public final class ReaderFuzzer {
    /** Per-case memory guard: a reader of a few-kilobyte input has no business allocating more. */
    static final long ALLOCATION_LIMIT = 256L << 20;
    static final long CASE_TIMEOUT_MS = 5_000;

    /** What one case did. */
    public record Outcome(String kind, String key, String detail) {
        public boolean finding() {
            return !kind.equals("ok") && !kind.equals("refused");
        }
    }

    /** A finding: the case seed replays it. */
    public record Finding(String target, long caseSeed, String key, String mutations, String detail, Path saved) {
        @Override
        public String toString() {
            return target + " case seed " + caseSeed + ": " + key + "\n  mutations: "
                    + mutations.strip().replace("\n", "; ") + "\n  saved: " + saved + "\n  " + detail;
        }
    }

    /** Totals of one run. */
    public static final class Report {
        public final String target;
        public long cases;
        public long millis;
        public final Map<String, Long> outcomes = new TreeMap<>();
        public final Map<String, Finding> findings = new LinkedHashMap<>();

        Report(String target) {
            this.target = target;
        }

        @Override
        public String toString() {
            return String.format("%-22s %7d cases %7.1f s  %s  findings: %d", target, cases, millis / 1000.0, outcomes,
                    findings.size());
        }
    }

    private final FuzzTarget target;
    private final Path work;
    private final Path failures;
    private ExecutorService pool = newPool();
    private Path pristine;

    public ReaderFuzzer(FuzzTarget target, Path work, Path failures) {
        this.target = target;
        this.work = work;
        this.failures = failures;
    }

    private static ExecutorService newPool() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs cases with seeds drawn from {@code runSeed} until {@code maxCases} or {@code deadlineNanos}. */
    public Report run(long runSeed, long maxCases, long deadlineNanos) throws Exception {
        Report rep = new Report(target.name());
        long t0 = System.nanoTime();
        Path seedDir = Files.createDirectories(work.resolve(target.name() + "-seed"));
        pristine = target.seed().make(seedDir);
        Outcome base = execute(pristine);
        if (!base.kind().equals("ok")) {
            throw new IllegalStateException(target.name() + ": the unmutated seed input does not read: " + base);
        }
        SplittableRandom seeds = new SplittableRandom(runSeed ^ target.name().hashCode());
        try {
            for (long i = 0; i < maxCases && System.nanoTime() < deadlineNanos; i++) {
                long caseSeed = seeds.nextLong();
                Finding f = runCase(caseSeed, rep, false);
                if (f != null) {
                    rep.findings.putIfAbsent(f.key(), f);
                }
            }
        } finally {
            pool.shutdownNow();
            rep.millis = (System.nanoTime() - t0) / 1_000_000;
        }
        return rep;
    }

    /**
     * Rebuilds the mutant of {@code caseSeed}, saves it under {@code target/fuzz-failures/TARGET/case-SEED/}
     * (whatever the outcome, so that a fixed finding can become a fixture) and runs it once; returns the
     * finding or null.
     */
    public Finding replay(long caseSeed) throws Exception {
        Path seedDir = Files.createDirectories(work.resolve(target.name() + "-seed"));
        pristine = target.seed().make(seedDir);
        try {
            return runCase(caseSeed, new Report(target.name()), true);
        } finally {
            pool.shutdownNow();
        }
    }

    private Finding runCase(long caseSeed, Report rep, boolean save) throws Exception {
        Path caseDir = work.resolve(target.name() + "-case");
        deleteTree(caseDir);
        Files.createDirectories(caseDir);
        Path input = copyInput(caseDir);
        List<Path> files = mutableFiles(input);
        SplittableRandom r = new SplittableRandom(caseSeed);
        Path victim = files.get(r.nextInt(files.size()));
        byte[] before = Files.readAllBytes(victim);
        StringBuilder log = new StringBuilder();
        log.append(caseDir.relativize(victim)).append(": ");
        byte[] after = new Mutator(r.nextLong()).mutate(before, log);
        Files.write(victim, after);
        Outcome o = execute(input);
        rep.cases++;
        rep.outcomes.merge(o.kind(), 1L, Long::sum);
        if (!o.finding() && !save) {
            return null;
        }
        Path saved = failures.resolve(target.name()).resolve("case-" + caseSeed);
        if (save || !rep.findings.containsKey(o.key())) {
            deleteTree(saved);
            Files.createDirectories(saved);
            Path rel = caseDir.relativize(victim);
            Path dest = saved.resolve("files").resolve(rel.toString());
            Files.createDirectories(dest.getParent());
            Files.write(dest, after);
            Files.writeString(saved.resolve("seed.txt"), caseSeed + " " + sha256(after) + "\n");
            Files.writeString(saved.resolve("README.txt"), "target " + target.name() + "\ncase seed " + caseSeed
                    + "\nreplay: mvn -o test -pl permasar-io -am -Dtest=ReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false"
                    + " -Dpermasar.fuzz.replay=" + target.name() + ":" + caseSeed + "\nmutated file " + rel
                    + "\nmutations:\n" + log + "\n" + o.kind() + ": " + o.detail());
        }
        if (!o.finding()) {
            System.out.println("replay " + target.name() + ":" + caseSeed + " " + o.kind() + ": " + o.detail()
                    + "\n  mutations: " + log.toString().strip().replace("\n", "; ") + "\n  saved: " + saved);
            return null;
        }
        return new Finding(target.name(), caseSeed, o.key(), log.toString(), o.detail(), saved);
    }

    /**
     * Runs a saved finding again: the seed input with the files under {@code fixture/files} laid over
     * it (as {@code target/fuzz-failures/TARGET/case-SEED/} holds them), or, without {@code files/}, the
     * mutant rebuilt from the case seed in {@code fixture/seed.txt} ("SEED SHA256"); returns what the
     * reader did.
     */
    public Outcome rerun(Path fixture) throws Exception {
        Path seedDir = Files.createDirectories(work.resolve(target.name() + "-seed"));
        pristine = target.seed().make(seedDir);
        Path caseDir = work.resolve(target.name() + "-case");
        deleteTree(caseDir);
        Files.createDirectories(caseDir);
        Path input = copyInput(caseDir);
        Path files = fixture.resolve("files");
        Path seedFile = fixture.resolve("seed.txt");
        if (Files.isDirectory(files)) {
            try (Stream<Path> s = Files.walk(files)) {
                for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                    Files.copy(p, caseDir.resolve(files.relativize(p).toString()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } else {
            // seed inputs whose licence keeps them out of this repository (GPL-3.0 Etna, the unlicensed
            // tenv3): the mutant is rebuilt from its case seed, and its SHA-256 proves it is the same one
            String[] f = Files.readString(seedFile).strip().split("\\s+");
            SplittableRandom r = new SplittableRandom(Long.parseLong(f[0]));
            List<Path> candidates = mutableFiles(input);
            Path victim = candidates.get(r.nextInt(candidates.size()));
            byte[] after = new Mutator(r.nextLong()).mutate(Files.readAllBytes(victim), new StringBuilder());
            String sha = sha256(after);
            if (!sha.equals(f[1])) {
                throw new IllegalStateException(fixture + ": case seed " + f[0] + " now gives a mutant with SHA-256 "
                        + sha + ", not " + f[1] + " (Mutator or the seed input changed): replay the seed and save the "
                        + "mutant again");
            }
            Files.write(victim, after);
        }
        try {
            return execute(input);
        } finally {
            pool.shutdownNow();
        }
    }

    private Path copyInput(Path caseDir) throws IOException {
        Path dest = caseDir.resolve(pristine.getFileName());
        if (Files.isDirectory(pristine)) {
            try (Stream<Path> s = Files.walk(pristine)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path d = dest.resolve(pristine.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(d);
                    } else {
                        Files.copy(p, d, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } else {
            Files.copy(pristine, dest);
        }
        return dest;
    }

    private List<Path> mutableFiles(Path input) throws IOException {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(input)) {
            s.filter(Files::isRegularFile).filter(target.mutable()).sorted().forEach(out::add);
        }
        return out;
    }

    /** Runs the reader on {@code input} in the case thread under the timeout and the memory guard. */
    private Outcome execute(Path input) throws InterruptedException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Future<Outcome> fut = pool.submit(() -> {
            long a0 = mx.getCurrentThreadAllocatedBytes();
            Outcome o;
            try {
                target.reader().readAll(input);
                o = new Outcome("ok", "ok", "");
            } catch (OutOfMemoryError e) {
                o = new Outcome("finding", "OutOfMemoryError " + where(e), trace(e));
            } catch (Throwable e) {
                o = target.refusal().test(e) ? new Outcome("refused", "refused", e.getMessage())
                        : new Outcome("finding", e.getClass().getName() + " " + where(e)
                        + (e.getMessage() == null || e.getMessage().isBlank() ? " (no message)"
                        : e.getMessage().contains("\n") ? " (message of several lines)" : ""), trace(e));
            }
            long used = mx.getCurrentThreadAllocatedBytes() - a0;
            if (used > ALLOCATION_LIMIT && !o.finding()) {
                o = new Outcome("finding", "allocated " + (used >> 20) + " MiB (guard " + (ALLOCATION_LIMIT >> 20)
                        + " MiB), outcome " + o.kind(), o.detail());
            }
            return o;
        });
        try {
            return fut.get(CASE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            fut.cancel(true);
            pool.shutdownNow();
            pool = newPool(); // the hung thread is a daemon and is abandoned
            return new Outcome("finding", "hang (no answer in " + CASE_TIMEOUT_MS + " ms)", "");
        } catch (ExecutionException e) {
            return new Outcome("finding", "harness " + e.getCause(), trace(e.getCause()));
        }
    }

    static String sha256(byte[] b) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** The first stack frame in PermaSAR code, else the first frame: what tells findings apart. */
    static String where(Throwable e) {
        Throwable root = e;
        StackTraceElement first = null;
        for (StackTraceElement s : root.getStackTrace()) {
            if (first == null) {
                first = s;
            }
            if (s.getClassName().startsWith("org.permasar.") && !s.getClassName().startsWith("org.permasar.io.fuzz")) {
                return "at " + s.getClassName() + "." + s.getMethodName() + ":" + s.getLineNumber()
                        + (first == s ? "" : " (from " + first.getClassName() + "." + first.getMethodName() + ")");
            }
        }
        return first == null ? "" : "at " + first;
    }

    private static String trace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        String s = w.toString();
        return s.length() > 4000 ? s.substring(0, 4000) + "…" : s;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(q);
            }
        }
    }
}
