package fi.ips.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape every service keeps: packages by feature, without cycles between them; commands,
 * aggregates and controllers not public (only what another feature package uses is); no service
 * code in another service's packages; command handlers that write only through their events.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** @param root the service's root package, e.g. {@code fi.ips.referral} */
    public static void check(String root) {
        JavaClasses service = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(service);
        classes().that().haveSimpleNameEndingWith("Command").or().haveSimpleNameEndingWith("Controller")
                .or().areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .check(service);
        classes().should().onlyDependOnClassesThat().resideOutsideOfPackages(otherServices(root)).check(service);
        noClasses().that().containAnyMethodsThat(annotatedWith("org.axonframework.commandhandling.CommandHandler"))
                // Transitively: through the classes the handler is given or calls, as declared (not an interface's implementations).
                .should().transitivelyDependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..", "org.springframework.data..", "jakarta.persistence..")
                .because("a command writes only through its events (stored, and projected in the same transaction), so that a batch"
                        + " item refused before its events were stored has written nothing (CommandBatch)")
                .allowEmptyShould(true) // services without commands
                .check(service);
    }

    private static String[] otherServices(String root) {
        return java.util.stream.Stream.of("fi.ips.referral..", "fi.ips.placement..", "fi.ips.outcomes..", "fi.ips.gateway..", "fi.ips.auth..", "fi.ips.imports..")
                .filter(p -> !p.startsWith(root + "."))
                .toArray(String[]::new);
    }
}
