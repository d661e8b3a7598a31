package org.permasar.viewer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Keeps every file the viewer reads inside one root folder.
 *
 * <p>A client names files by a path relative to the root, with {@code /} separators. The guard
 * refuses, as {@link Refused} ({@code 403}), any name that is absolute, contains a {@code ..}
 * or {@code .} segment, a backslash, a NUL or a still-encoded dot, slash or backslash ({@code %2e}, {@code %2f}, {@code %5c}), and any file
 * whose real path (symbolic links resolved) lies outside the root's real path. A name that is
 * acceptable but does not exist gives {@link Missing} ({@code 404}). Immutable and thread-safe.
 */
public final class PathGuard {
    private final Path root;

    /**
     * @param root the folder to serve; must exist
     * @throws IllegalArgumentException when {@code root} is not an existing folder
     */
    public PathGuard(Path root) {
        Objects.requireNonNull(root, "root");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("viewer root must be an existing folder, got " + root);
        }
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve viewer root " + root, e);
        }
    }

    /** The root folder, symbolic links resolved. */
    public Path root() {
        return root;
    }

    /** A request that names something outside the root (HTTP 403). */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** A request for a file that does not exist under the root (HTTP 404). */
    public static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message);
        }
    }

    /**
     * Resolves a client-supplied relative name to an existing regular file under the root.
     *
     * @param relative path relative to the root, {@code /}-separated, already URL-decoded once
     * @return the file's real path, inside the root
     * @throws Refused when the name is unsafe or the file lies outside the root
     * @throws Missing when the name is safe but names no regular file
     */
    public Path file(String relative) throws Refused, Missing {
        Path p = resolve(relative);
        if (!Files.exists(p)) {
            throw new Missing("no such file: " + relative);
        }
        Path real = realInside(p, relative);
        if (!Files.isRegularFile(real)) {
            throw new Missing("not a file: " + relative);
        }
        return real;
    }

    /** True when {@code p} (an existing path) really lies inside the root once links are resolved. */
    public boolean contains(Path p) {
        try {
            return p.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    /** The root-relative name of a path under the root, with {@code /} separators. */
    public String relativize(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path r = abs.startsWith(root) ? root.relativize(abs) : root.relativize(realOrSelf(abs));
        return r.toString().replace(java.io.File.separatorChar, '/');
    }

    private static Path realOrSelf(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    private Path resolve(String relative) throws Refused {
        if (relative == null || relative.isEmpty()) {
            throw new Refused("empty file name");
        }
        if (relative.startsWith("/") || relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0
                || stillEncoded(relative) || relative.contains(":")) {
            throw new Refused("unsafe file name: " + relative);
        }
        for (String seg : relative.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                throw new Refused("unsafe file name: " + relative);
            }
        }
        try {
            Path p = root.resolve(relative).normalize();
            if (!p.startsWith(root)) {
                throw new Refused("outside the viewer root: " + relative);
            }
            return p;
        } catch (InvalidPathException e) {
            throw new Refused("invalid file name: " + relative);
        }
    }

    /** A dot, slash or backslash still percent-encoded after decoding: a double-encoding attempt. */
    private static boolean stillEncoded(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.contains("%2e") || n.contains("%2f") || n.contains("%5c");
    }

    private Path realInside(Path p, String relative) throws Refused, Missing {
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            throw new Missing("cannot resolve " + relative + ": " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw new Refused("links outside the viewer root: " + relative);
        }
        return real;
    }
}
