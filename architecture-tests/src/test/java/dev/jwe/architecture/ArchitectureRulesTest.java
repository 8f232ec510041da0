package dev.jwe.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.jwe.core.VerifiedToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md, checked over the main classes of every published module on
 * this module's class path. A rule that fails names the offending class and dependency.
 */
class ArchitectureRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.jwe");
    }

    @Test
    void joseWhenUsedOutsideCoreInternalThenViolation() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.jwe.core.internal..")
                .should().dependOnClassesThat().resideInAPackage("org.jose4j..")
                .because("jose4j is an implementation detail of jwe-core: no jose4j type in any other package");
        rule.check(classes);
    }

    @Test
    void packagesWhenImportingEachOtherThenViolation() {
        ArchRule rule = slices().matching("dev.jwe.(**)").should().beFreeOfCycles()
                .because("dependencies point one way: adapters -> core.http -> core -> core.internal");
        rule.check(classes);
    }

    @Test
    void coreInternalWhenDependingOnCoreThenViolation() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.jwe.core.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jwe.core", "dev.jwe.core.http")
                .because("dev.jwe.core.internal is the leaf: crypto, parsing and I/O on JDK and jose4j types only");
        rule.check(classes);
    }

    @Test
    void adaptersWhenUsingCoreInternalThenViolation() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.jwe.core..")
                .should().dependOnClassesThat().resideInAPackage("dev.jwe.core.internal..")
                .because("adapters, the CLI and the stores use core's public API and dev.jwe.core.http only");
        rule.check(classes);
    }

    @Test
    void coreWhenDependingOnAdaptersOrHttpThenViolation() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.jwe.core", "dev.jwe.core.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.jwe.core.http..", "jakarta.servlet..",
                        "jakarta.ws.rs..", "org.springframework..")
                .because("the validation engine knows no HTTP framework; the HTTP wording lives in dev.jwe.core.http");
        rule.check(classes);
    }

    @Test
    void verifiedTokenWhenConstructedOutsideTheValidatorThenViolation() {
        ArchRule rule = noClasses().that().doNotHaveFullyQualifiedName("dev.jwe.core.ValidationPipeline")
                .and().doNotHaveFullyQualifiedName("dev.jwe.core.VerifiedToken")
                .should().callConstructorWhere(target(owner(JavaClass.Predicates.type(VerifiedToken.class))))
                .because("a VerifiedToken is proof of validation: only the validator's pipeline makes one");
        rule.check(classes);
    }
}
