package org.permasar.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What stops a folder from being used as an output folder, found before any work: a path longer
 * than the system allows, a name in it longer than a file system allows, an existing file where a
 * folder is needed, or a read-only ancestor. Checked by every command's {@code --out DIR} (see
 * {@link PermasarCommand}) and by {@code run}'s {@code output.dir}; nothing is created here.
 * Stateless.
 */
public final class OutputFolder {
    /** Longest name of one path element, bytes: NAME_MAX of Linux, macOS and Windows file systems. */
    public static final int NAME_MAX = 255;
    /** Longest path, bytes without the terminating NUL: PATH_MAX (4096) of Linux, less one. */
    public static final int PATH_MAX = 4095;
    /** Paths longer than this many characters are shortened in messages. */
    private static final int SHOWN = 120;

    private OutputFolder() {
    }

    /**
     * The problem with {@code out} as an output folder, or null when it exists as a writable folder or
     * can be created (its nearest existing ancestor is a writable folder).
     */
    public static String problem(Path out) {
        Path abs;
        try {
            abs = out.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return "not a valid path (" + e.getReason() + ")";
        }
        int bytes = abs.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > PATH_MAX) {
            return "the path is " + bytes + " bytes long; the system allows " + PATH_MAX + " (PATH_MAX)";
        }
        for (Path name : abs) {
            int n = name.toString().getBytes(StandardCharsets.UTF_8).length;
            if (n > NAME_MAX) {
                return "the name " + shorten(name.toString()) + " is " + n + " bytes long; file systems allow "
                        + NAME_MAX;
            }
        }
        Path p = abs;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return "cannot be created (no existing parent folder)";
        }
        if (!Files.isDirectory(p)) {
            return p.equals(abs) ? "exists and is not a folder" : "cannot be created (" + shorten(p.toString())
                    + " is not a folder)";
        }
        if (!Files.isWritable(p)) {
            return p.equals(abs) ? "is not writable" : "cannot be created (" + shorten(p.toString()) + " is not writable)";
        }
        return null;
    }

    /** A path as shown in one-line messages: as is up to 120 characters, else its start and end around "…". */
    public static String shorten(String path) {
        if (path.length() <= SHOWN) {
            return path;
        }
        return path.substring(0, SHOWN / 2 - 1) + "…" + path.substring(path.length() - SHOWN / 2)
                + " (" + path.length() + " characters)";
    }
}
