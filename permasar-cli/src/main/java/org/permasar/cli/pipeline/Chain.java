package org.permasar.cli.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.permasar.io.pipeline.StepLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chain of named steps over one output folder, each skipped when its settings, inputs and
 * outputs are unchanged since it last finished (see {@link StepLedger}). Steps run in the order
 * they were added; {@code only} restricts the run to some of them.
 */
public final class Chain {
    private static final Logger LOG = LoggerFactory.getLogger(Chain.class);

    /** The work of a step. */
    @FunctionalInterface
    public interface Action {
        void run() throws IOException;
    }

    private record Step(String name, Map<String, String> settings, List<Path> inputs, List<Path> outputs, Action action) {
    }

    /** Identity of the running code (jar size and time), so a rebuilt PermaSAR reruns its steps. */
    private static final String BUILD = buildIdentity();

    private final StepLedger ledger;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final Map<String, String> notes = new java.util.LinkedHashMap<>();

    public Chain(Path outputDir) {
        this.ledger = new StepLedger(outputDir);
    }

    /** Adds a step; inputs and outputs are files or folders. */
    public Chain step(String name, Map<String, String> settings, List<Path> inputs, List<Path> outputs, Action action) {
        steps.add(new Step(name, Map.copyOf(settings), List.copyOf(inputs), List.copyOf(outputs), action));
        return this;
    }

    /** A configured step that will not run, and why (logged once when the chain runs). */
    public Chain note(String name, String why) {
        notes.put(name, why);   // insertion order: the order of the chain
        return this;
    }

    /** The reasons of the steps that do not run, by name. */
    public Map<String, String> notes() {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(notes));
    }

    /** Runs every step (or those named in {@code only}, when non-empty). */
    public void run(Set<String> only) throws IOException {
        for (Map.Entry<String, String> n : notes.entrySet()) {
            if (only.isEmpty() || only.contains(n.getKey())) {
                LOG.info("step {}: {}", n.getKey(), n.getValue());
            }
        }
        for (Step s : steps) {
            if (!only.isEmpty() && !only.contains(s.name())) {
                continue;
            }
            Map<String, String> settings = new java.util.HashMap<>(s.settings());
            settings.put("permasar.build", BUILD);
            String fp = StepLedger.fingerprint(settings, s.inputs());
            if (ledger.isDone(s.name(), fp, s.outputs())) {
                LOG.info("step {}: skipped (outputs up to date)", s.name());
                skipped.add(s.name());
                continue;
            }
            long t0 = System.nanoTime();
            LOG.info("step {}: running", s.name());
            s.action().run();
            ledger.markDone(s.name(), fp);
            ran.add(s.name());
            LOG.info("step {}: done in {} s", s.name(), String.format("%.1f", (System.nanoTime() - t0) / 1e9));
        }
    }

    private static String buildIdentity() {
        try {
            Path code = Path.of(Chain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (java.nio.file.Files.isRegularFile(code)) {
                return java.nio.file.Files.size(code) + ":" + java.nio.file.Files.getLastModifiedTime(code).toMillis();
            }
        } catch (Exception e) {
            LOG.debug("no build identity: {}", e.toString());
        }
        return "classes";
    }

    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    public List<String> ran() {
        return List.copyOf(ran);
    }

    /** Names of all steps in order. */
    public List<String> names() {
        return steps.stream().map(Step::name).toList();
    }
}
