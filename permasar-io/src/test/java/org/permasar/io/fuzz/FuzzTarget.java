package org.permasar.io.fuzz;

import java.nio.file.Path;
import java.util.function.Predicate;
import org.permasar.stack.InvalidInputException;

/**
 * One input format under fuzz.
 *
 * @param name     short name, used in logs, in {@code target/fuzz-failures/NAME/} and for replay
 * @param seed     writes a small valid input into a fresh folder and returns its path (a file or a folder)
 * @param reader   opens the input and reads everything in it
 * @param mutable  which files of a folder input may be mutated (all regular files by default)
 * @param refusal  the reader's documented way of refusing an input; by default an
 *                 {@link InvalidInputException} with a one-line message naming the problem
 */
public record FuzzTarget(String name, Seed seed, Reader reader, Predicate<Path> mutable, Predicate<Throwable> refusal) {

    public FuzzTarget(String name, Seed seed, Reader reader) {
        this(name, seed, reader, p -> true, FuzzTarget::invalidInput);
    }

    /** An {@link InvalidInputException} with a one-line, non-blank message. */
    public static boolean invalidInput(Throwable e) {
        return e instanceof InvalidInputException && oneLine(e.getMessage());
    }

    /** A non-blank message on one line, as the command line prints it. */
    public static boolean oneLine(String message) {
        return message != null && !message.isBlank() && message.indexOf('\n') < 0;
    }

    /** Builds the pristine input. */
    @FunctionalInterface
    public interface Seed {
        Path make(Path dir) throws Exception;
    }

    /** Opens and reads the whole input; must end normally or with the format's documented exception. */
    @FunctionalInterface
    public interface Reader {
        void readAll(Path input) throws Exception;
    }
}
