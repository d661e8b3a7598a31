package org.permasar.cli.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.permasar.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code permasar init [FILE]}: writes the commented configuration template (every key, its default and unit). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a commented configuration template for `permasar run` (default file: permasar.cfg).")
public final class InitCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "permasar.cfg",
            description = "File to write (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(file) && !force) {
            throw new IllegalArgumentException(file + " already exists (use --force to overwrite)");
        }
        AtomicFiles.write(file, tmp -> Files.writeString(tmp, ConfigSchema.template(), StandardCharsets.UTF_8));
        System.out.println("wrote " + file + ": fill in [input], then `permasar run " + file + "`");
        return 0;
    }
}
