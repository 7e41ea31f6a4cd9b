package io.hookline.domain.tenant;

import static io.hookline.domain.jooq.Tables.TENANT;

import io.hookline.domain.jooq.tables.records.TenantRecord;
import io.hookline.tenancy.TenantId;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
class TenantRepository {

    private final DSLContext dsl;

    TenantRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Tenant> find(TenantId id) {
        return dsl.selectFrom(TENANT).where(TENANT.ID.eq(id.value())).fetchOptional(TenantRepository::toTenant);
    }

    Optional<Tenant> findForUpdate(TenantId id) {
        return dsl.selectFrom(TENANT)
                .where(TENANT.ID.eq(id.value()))
                .forUpdate()
                .fetchOptional(TenantRepository::toTenant);
    }

    Optional<Tenant> findByAdministrationCode(String code) {
        return dsl.selectFrom(TENANT)
                .where(TENANT.ADMINISTRATION_CODE.eq(code))
                .fetchOptional(TenantRepository::toTenant);
    }

    boolean administrationCodeTaken(String code, TenantId except) {
        return dsl.fetchExists(TENANT, TENANT.ADMINISTRATION_CODE.eq(code).and(TENANT.ID.ne(except.value())));
    }

    Optional<List<String>> notificationEmails(TenantId id) {
        return dsl.select(TENANT.NOTIFICATION_EMAILS)
                .from(TENANT)
                .where(TENANT.ID.eq(id.value()))
                .fetchOptional(row -> List.of(row.value1()));
    }

    /** Replaces the addresses; false when the tenant does not exist. */
    boolean setNotificationEmails(TenantId id, List<String> emails) {
        return dsl.update(TENANT)
                        .set(TENANT.NOTIFICATION_EMAILS, emails.toArray(String[]::new))
                        .set(TENANT.UPDATED_AT, org.jooq.impl.DSL.currentOffsetDateTime())
                        .where(TENANT.ID.eq(id.value()))
                        .execute()
                == 1;
    }

    void insert(Tenant tenant) {
        dsl.executeInsert(toRecord(tenant));
    }

    void update(Tenant tenant) {
        dsl.update(TENANT)
                .set(toRecord(tenant))
                .where(TENANT.ID.eq(tenant.id().value()))
                .execute();
    }

    private TenantRecord toRecord(Tenant tenant) {
        return new TenantRecord()
                .setId(tenant.id().value())
                .setName(tenant.name())
                .setAdministrationCode(tenant.administrationCode())
                .setRateLimit(tenant.rateLimit().limit())
                .setRateWindowSeconds(tenant.rateLimit().windowSeconds())
                .setRateCooldownSeconds(tenant.rateLimit().cooldownSeconds())
                .setWebhookLimit(tenant.webhookLimit())
                .setCreatedAt(tenant.createdAt())
                .setUpdatedAt(tenant.updatedAt());
    }

    private static Tenant toTenant(TenantRecord r) {
        return new Tenant(
                new TenantId(r.getId()),
                r.getName(),
                r.getAdministrationCode(),
                new Tenant.RateLimit(r.getRateLimit(), r.getRateWindowSeconds(), r.getRateCooldownSeconds()),
                r.getWebhookLimit(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
