package org.permasar.spark;

import org.permasar.cli.PermasarCommand;

/**
 * The {@code permasar} command line with the Spark engine on the class path, so that
 * {@code --engine spark} finds {@link SparkRunnerProvider}. Entry point of the application jar for
 * {@code spark-submit} and of the local launcher ({@code java -cp ... org.permasar.spark.Main}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(PermasarCommand.run(args));
    }
}
