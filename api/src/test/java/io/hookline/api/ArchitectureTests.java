package io.hookline.api;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.hookline.delivery.log.DeliveryLog;
import io.hookline.delivery.worker.Retention;
import io.hookline.domain.commerce.CommerceEvents;
import io.hookline.domain.jooq.tables.Delivery;
import io.hookline.domain.jooq.tables.DeliveryAttempt;
import io.hookline.domain.jooq.tables.records.DeliveryAttemptRecord;
import io.hookline.domain.jooq.tables.records.DeliveryRecord;
import io.hookline.tenancy.context.CallerContext;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

/** The rules of {@code docs/architecture.md} ("Rules the build checks"), over the main classes of every module. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hookline");

    /** The generated jOOQ code refers to every table; it is not anyone's code. */
    private static final String GENERATED = "io.hookline.domain.jooq..";

    /** The commerce resources, in {@code domain} and their controllers in {@code api}. */
    private static final String[] COMMERCE = {
        "io.hookline.domain.commerce..",
        "io.hookline.domain.site..",
        "io.hookline.domain.customer..",
        "io.hookline.domain.item..",
        "io.hookline.domain.pricelist..",
        "io.hookline.domain.order..",
        "io.hookline.api.site..",
        "io.hookline.api.customer..",
        "io.hookline.api.item..",
        "io.hookline.api.pricelist..",
        "io.hookline.api.order.."
    };

    @Test
    void tenancyDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("io.hookline.tenancy..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.hookline.domain..", "io.hookline.delivery..", "io.hookline.api..")
                .check(CLASSES);
    }

    @Test
    void domainDependsOnNeitherDeliveryNorApi() {
        noClasses()
                .that()
                .resideInAPackage("io.hookline.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.hookline.delivery..", "io.hookline.api..")
                .check(CLASSES);
    }

    @Test
    void deliveryDoesNotDependOnApi() {
        noClasses()
                .that()
                .resideInAPackage("io.hookline.delivery..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.hookline.api..")
                .check(CLASSES);
    }

    @Test
    void coreNeverDependsOnCommerce() {
        noClasses()
                .that(not(resideInAnyPackage(COMMERCE)).and(not(resideInAPackage(GENERATED))))
                .and()
                .resideInAnyPackage(
                        "io.hookline.tenancy..", "io.hookline.domain..", "io.hookline.delivery..", "io.hookline.api..")
                .should()
                .dependOnClassesThat(resideInAnyPackage(COMMERCE))
                .check(CLASSES);
    }

    @Test
    void commerceReachesTheOutboxOnlyThroughCommerceEvents() {
        noClasses()
                .that(resideInAnyPackage(COMMERCE).and(not(belongToAnyOf(CommerceEvents.class))))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.hookline.domain.event..")
                .check(CLASSES);
    }

    @Test
    void onlyTheDeliveryQueueAndTheTwoReadersTouchTheDeliveryTables() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.hookline.domain.delivery..", GENERATED)
                .and(not(belongToAnyOf(DeliveryLog.class, Retention.class)))
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(Delivery.class, DeliveryAttempt.class, DeliveryRecord.class, DeliveryAttemptRecord.class)
                .because("io.hookline.domain.delivery.DeliveryQueue owns every transition of a delivery row;"
                        + " DeliveryLog (the tenant's log) and Retention (which events are still needed) only read")
                .check(CLASSES);
    }

    /** Handlers receive the request's tenant as a {@code TenantId} parameter (see {@code TenantArgumentResolver}). */
    private static final ArchRule CONTROLLERS_TAKE_THE_TENANT_AS_A_PARAMETER = noClasses()
            .that()
            .resideInAPackage("io.hookline.api..")
            .and()
            .areAnnotatedWith(RestController.class)
            .should()
            .callMethod(CallerContext.class, "requireTenant")
            .because("a handler takes the request's tenant as a TenantId parameter instead of reading a static");

    @Test
    void controllersTakeTheTenantAsAParameter() {
        CONTROLLERS_TAKE_THE_TENANT_AS_A_PARAMETER.check(CLASSES);
    }

    @Test
    void aControllerThatReadsTheTenantFromTheStaticBreaksTheRule() {
        JavaClasses offender = new ClassFileImporter().importClasses(StaticTenantController.class);
        assertThat(CONTROLLERS_TAKE_THE_TENANT_AS_A_PARAMETER.evaluate(offender).hasViolation())
                .isTrue();
    }

    /** What the rule refuses; an inner (not static) class, so component scanning never registers it. */
    @RestController
    @SuppressWarnings("unused")
    private class StaticTenantController {
        String tenant() {
            return CallerContext.requireTenant().value();
        }
    }
}
