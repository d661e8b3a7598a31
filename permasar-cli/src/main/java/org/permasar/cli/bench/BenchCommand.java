package org.permasar.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code permasar bench}: timings of PermaSAR steps on realistic stacks, with MintPy as yardstick. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: whole commands as child processes against MintPy (commands), their scaling curves (scaling), "
                + "and the inversion's block loop alone (invert).",
        subcommands = {BenchCommandsCommand.class, BenchScalingCommand.class, BenchInvertCommand.class,
            CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
