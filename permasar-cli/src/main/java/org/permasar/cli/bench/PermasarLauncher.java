package org.permasar.cli.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.permasar.cli.PermasarCommand;

/**
 * The command line that starts {@code permasar} as a child process the way this process was
 * started: the same {@code java} executable, the same JVM options (those of
 * {@code ./permasar}, {@code -XX:+UseParallelGC -Xss4m -Djava.awt.headless=true} and, where the kernel offers
 * transparent huge pages, {@code -XX:+UseTransparentHugePages}, unless {@code PERMASAR_JAVA_OPTS} changed them; debugger and profiling agents left out) and the same
 * class path (the jar, or Maven's test class path), with {@link PermasarCommand} as main class.
 * Immutable.
 */
final class PermasarLauncher {
    private final List<String> prefix;

    private PermasarLauncher(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /**
     * This process's launcher, or with {@code jvmOptions} (split on blanks) instead of its JVM
     * options when not null.
     */
    static PermasarLauncher current(String jvmOptions) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        if (jvmOptions != null) {
            for (String o : jvmOptions.trim().split("\\s+")) {
                if (!o.isEmpty()) {
                    cmd.add(o);
                }
            }
        } else {
            for (String o : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!isAgent(o)) {
                    cmd.add(o);
                }
            }
        }
        cmd.add("-cp");
        cmd.add(absoluteClassPath(System.getProperty("java.class.path")));
        cmd.add(PermasarCommand.class.getName());
        return new PermasarLauncher(cmd);
    }

    /**
     * The class path with every entry made absolute: children run in their own folders, where a relative entry
     * (as {@code java -jar permasar.jar} started from elsewhere gives) would name nothing.
     */
    static String absoluteClassPath(String classPath) {
        List<String> out = new ArrayList<>();
        for (String e : classPath.split(java.io.File.pathSeparator, -1)) {
            out.add(Path.of(e.isEmpty() ? "." : e).toAbsolutePath().normalize().toString());   // empty: the working folder
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    private static boolean isAgent(String option) {
        return option.startsWith("-agentlib") || option.startsWith("-agentpath") || option.startsWith("-javaagent")
                || option.startsWith("-Xrunjdwp") || option.equals("-Xdebug");
    }

    /** {@code java [options] -cp CP org.permasar.cli.PermasarCommand args…}. */
    List<String> command(List<String> args) {
        List<String> c = new ArrayList<>(prefix);
        c.addAll(args);
        return c;
    }

    /** The JVM options the children get (between {@code java} and {@code -cp}). */
    List<String> jvmOptions() {
        return prefix.subList(1, prefix.size() - 3);
    }

    /** The java executable. */
    String java() {
        return prefix.get(0);
    }
}
