package org.permasar.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic output: every writer writes to a temporary sibling and renames it into place, so a
 * crash never leaves a half-written file under the final name.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** A body that writes the file at the temporary path it is given. */
    @FunctionalInterface
    public interface Writer {
        void write(Path temp) throws IOException;
    }

    /** Temporary sibling name used while {@code target} is being written. */
    public static Path tempFor(Path target) {
        Path name = target.getFileName();
        return target.resolveSibling("." + name + ".partial-" + ProcessHandle.current().pid());
    }

    /**
     * Runs {@code body} on a temporary sibling of {@code target}, then renames it over
     * {@code target}. On failure the temporary file is removed and {@code target} is untouched.
     */
    public static void write(Path target, Writer body) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = tempFor(target);
        Files.deleteIfExists(tmp);
        boolean ok = false;
        try {
            body.write(tmp);
            commit(tmp, target);
            ok = true;
        } finally {
            if (!ok) {
                deleteRecursively(tmp);
            }
        }
    }

    /** Renames {@code tmp} over {@code target}, atomically where the file system allows. */
    public static void commit(Path tmp, Path target) throws IOException {
        if (Files.isDirectory(target) && Files.isDirectory(tmp)) {
            deleteRecursively(target);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a folder tree; no error when absent. */
    public static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        if (Files.isDirectory(p)) {
            try (var s = Files.list(p)) {
                for (Path c : (Iterable<Path>) s::iterator) {
                    deleteRecursively(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
