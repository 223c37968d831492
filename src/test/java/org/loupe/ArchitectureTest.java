package org.loupe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The package rules of docs/architecture.md, checked on the compiled main classes: an import
 * that crosses an edge not listed here fails the build. Change the table and the document
 * together.
 */
@AnalyzeClasses(packages = "org.loupe", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "org.loupe";

    /** Every sub-package and the sub-packages it may use (the root package is open to all). */
    static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("particles", Set.of());
        ALLOWED.put("cosmology", Set.of());
        ALLOWED.put("mesh", Set.of("particles"));
        ALLOWED.put("snapshot", Set.of("particles", "mesh"));
        ALLOWED.put("sim", Set.of("cosmology", "particles", "mesh"));
        ALLOWED.put("stats", Set.of("particles", "mesh"));
        ALLOWED.put("tiles", Set.of("cosmology", "mesh"));
        ALLOWED.put("model", Set.of("mesh", "tiles"));
        ALLOWED.put("infer", Set.of("particles", "cosmology", "mesh", "snapshot", "sim", "model", "tiles"));
        ALLOWED.put("report", Set.of("particles", "mesh", "stats"));
        ALLOWED.put("run", Set.of("particles", "cosmology", "mesh", "snapshot", "sim", "tiles", "model", "report"));
        ALLOWED.put("cli", Set.of("particles", "cosmology", "mesh", "snapshot", "sim", "stats", "tiles", "model", "infer",
                "report", "run"));
    }

    @ArchTest
    static void packagesUseOnlyTheirAllowedPackages(JavaClasses classes) {
        List<ArchRule> rules = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : ALLOWED.keySet()) {
                if (!other.equals(e.getKey()) && !e.getValue().contains(other)) {
                    forbidden.add(ROOT + "." + other + "..");
                }
            }
            rules.add(noClasses().that().resideInAPackage(ROOT + "." + e.getKey() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .as(e.getKey() + " uses only " + (e.getValue().isEmpty() ? "the root package" : e.getValue())));
        }
        rules.add(noClasses().that().resideInAPackage(ROOT)
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".(*)..")
                .as("the root package uses no sub-package"));
        CompositeArchRule.of(rules).check(classes);
    }

    @ArchTest
    static final ArchRule everySubPackageIsListed = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().resideInAPackage(ROOT + ".(*)..")
            .should().resideInAnyPackage(ALLOWED.keySet().stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new))
            .as("every sub-package is in ArchitectureTest.ALLOWED");

    @ArchTest
    static final ArchRule noCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule onlySnapshotReadsOrWritesHdf5 = noClasses().that().resideOutsideOfPackage(ROOT + ".snapshot..")
            .should().dependOnClassesThat().resideInAnyPackage("io.jhdf..", "org.bytedeco.hdf5..")
            .as("only snapshot uses the HDF5 libraries (jHDF, bytedeco hdf5)");

    @ArchTest
    static final ArchRule onlyCliUsesPicocli = noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .as("only cli uses picocli");

    @ArchTest
    static final ArchRule physicsIsFreeOfDeepLearning = noClasses()
            .that().resideInAnyPackage(ROOT, ROOT + ".particles..", ROOT + ".cosmology..", ROOT + ".mesh..",
                    ROOT + ".snapshot..", ROOT + ".sim..", ROOT + ".stats..", ROOT + ".report..", ROOT + ".run..")
            .should().dependOnClassesThat().resideInAnyPackage("org.nd4j..", "org.deeplearning4j..")
            .as("physics, statistics, reports and config run without DL4J/ND4J");

    @ArchTest
    static final ArchRule onlyReportDraws = noClasses().that().resideOutsideOfPackage(ROOT + ".report..")
            .should().dependOnClassesThat().resideInAPackage("org.knowm.xchart..")
            .as("only report uses XChart");
}
