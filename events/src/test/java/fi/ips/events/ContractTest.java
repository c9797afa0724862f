package fi.ips.events;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The contract holds the events and nothing else: it depends on nothing but the JDK and Jackson's and JSpecify's annotations. */
class ContractTest {

    @Test
    void theContractDependsOnNothingOfOurs() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("fi.ips.events..", "java..", "com.fasterxml.jackson.annotation..", "org.jspecify.annotations..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("fi.ips.events"));
    }

    @Test
    void everyEventIsAnImmutableRecord() {
        classes().that().implement(IpsEvent.class).and().areNotInterfaces().should().beRecords()
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("fi.ips.events"));
    }
}
