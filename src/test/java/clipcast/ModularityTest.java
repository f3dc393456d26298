package clipcast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

    @Test
    void modules_only_use_each_others_public_api_and_have_no_cycles() {
        ApplicationModules.of(ClipcastApplication.class).verify();
    }

    @Test
    void domain_code_imports_no_framework_and_no_database() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("clipcast");

        noClasses()
                .that()
                .resideInAPackage("clipcast.*.domain..")
                // package-info only carries module metadata (named interfaces), it holds no domain code
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "org.postgresql..", "jakarta.servlet..")
                .allowEmptyShould(false)
                .check(classes);
    }
}
