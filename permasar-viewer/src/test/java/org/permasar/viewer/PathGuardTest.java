package org.permasar.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGuardTest {
    @TempDir
    Path tmp;
    Path root;
    PathGuard guard;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("out"));
        Files.createDirectories(root.resolve("asc"));
        Files.writeString(root.resolve("asc/velocity.h5"), "inside");
        Files.writeString(tmp.resolve("secret.txt"), "outside");
        guard = new PathGuard(root);
    }

    private void checkRefused(String name) {
        assertThatThrownBy(() -> guard.file(name)).as(name).isInstanceOf(PathGuard.Refused.class);
    }

    @Test
    void acceptsFilesUnderTheRoot() throws Exception {
        assertThat(guard.file("asc/velocity.h5")).isEqualTo(root.toRealPath().resolve("asc/velocity.h5"));
        assertThat(Files.readString(guard.file("asc/velocity.h5"))).isEqualTo("inside");
    }

    @Test
    void refusesTraversalAbsoluteAndEncodedNames() {
        checkRefused("../secret.txt");
        checkRefused("asc/../../secret.txt");
        checkRefused("asc/../velocity.h5"); // even when it would stay inside: no '..' at all
        checkRefused(tmp.resolve("secret.txt").toAbsolutePath().toString());
        checkRefused("/etc/passwd");
        checkRefused("%2e%2e/secret.txt");
        checkRefused("%2E%2E/secret.txt");
        checkRefused("..%2fsecret.txt");
        checkRefused("asc\\..\\..\\secret.txt");
        checkRefused("./asc/velocity.h5");
        checkRefused("asc//velocity.h5");
        checkRefused("asc/velocity.h5\0");
        checkRefused("");
    }

    @Test
    void refusesSymlinksLeadingOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("link.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("linkdir"), tmp);
        checkRefused("link.txt");
        checkRefused("linkdir/secret.txt");
        assertThat(guard.contains(root.resolve("link.txt"))).isFalse();
    }

    @Test
    void symlinkInsideTheRootIsServed() throws Exception {
        Files.createSymbolicLink(root.resolve("alias.h5"), root.resolve("asc/velocity.h5"));
        assertThat(Files.readString(guard.file("alias.h5"))).isEqualTo("inside");
    }

    @Test
    void missingFilesAndFoldersAreMissingNotRefused() {
        assertThatThrownBy(() -> guard.file("asc/nothing.h5")).isInstanceOf(PathGuard.Missing.class);
        assertThatThrownBy(() -> guard.file("asc")).isInstanceOf(PathGuard.Missing.class);
    }

    @Test
    void rootMustBeAFolder() {
        assertThatThrownBy(() -> new PathGuard(tmp.resolve("nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }
}
