package org.permasar.io.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Guard rail of the I/O layer (STYLE.md "Shape of the system"): readers and writers of formats
 * depend on the core data model and their format libraries, never on the CLI, the viewer or a
 * web framework, which sit at the edges above them. A planted violation (an io class importing
 * {@code picocli.CommandLine}) made the rule fail.
 */
class IoArchitectureTest {

    /** Main classes of permasar-io only. */
    static final JavaClasses IO = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.permasar.io");

    @Test
    void ioImportsNoCliViewerOrWebClass() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.permasar.cli..", "picocli..", "org.permasar.viewer..", "io.javalin..", "jakarta.servlet..",
                "javax.servlet..", "org.jfree..")
                .because("I/O sits below the CLI and the viewer")
                .check(IO);
    }
}
