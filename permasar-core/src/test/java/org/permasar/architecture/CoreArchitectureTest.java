package org.permasar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * Guard rails of the science core (STYLE.md "Science core free of frameworks"; JTS keeps
 * {@code jts-core} dependency-free): the main classes of permasar-core import no format, web, CLI,
 * chart or Spark classes, and their packages form no cycle. Each rule was adopted on its own and
 * passed on the day it was added. Shown to bite: a planted core class calling {@code new io.jhdf.HdfFile(path)}
 * (with jhdf added to the core pom for the trial) failed {@link #coreImportsNoFormatLibrary}, and the same
 * class referencing {@code org.permasar.stats} from {@code org.permasar.grid} failed
 * {@link #corePackagesHaveNoCycles}; both were reverted.
 */
class CoreArchitectureTest {

    /** Main classes of this module only (tests may use anything). */
    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.permasar");

    static void check(ArchRule rule) {
        rule.check(CORE);
    }

    @Test
    void coreImportsNoFormatLibrary() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "org.permasar.io..", "io.jhdf..", "mil.nga..", "org.bytedeco..", "hdf.hdf5lib..")
                .because("formats live in permasar-io (STYLE.md: science core free of frameworks)"));
    }

    @Test
    void coreImportsNoWebClass() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage(
                "io.javalin..", "jakarta.servlet..", "javax.servlet..", "org.eclipse.jetty..", "org.permasar.viewer..")
                .because("the viewer is an edge adapter"));
    }

    @Test
    void coreImportsNoCliClass() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.permasar.cli..")
                .because("the CLI parses and calls the steps, never the other way round"));
    }

    @Test
    void coreImportsNoChartClass() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage("org.jfree..", "java.awt..", "javax.swing..")
                .because("plots live in the CLI"));
    }

    @Test
    void coreImportsNoSpark() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
                .because("Spark ships the core kernels from its own module"));
    }

    @Test
    void corePackagesHaveNoCycles() {
        check(slices().matching("org.permasar.(**)").should().beFreeOfCycles());
    }
}
