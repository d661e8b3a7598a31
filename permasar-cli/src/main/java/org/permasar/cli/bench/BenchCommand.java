package org.permasar.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code permasar bench}: timings of PermaSAR steps on realistic stacks, with MintPy as yardstick. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: time a step on a realistic stack and compare with MintPy where installed.",
        subcommands = {BenchInvertCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
