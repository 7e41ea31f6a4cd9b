package io.hookline.domain.site;

import static io.hookline.domain.jooq.Tables.SITE_USER;

import io.hookline.domain.jooq.tables.records.SiteUserRecord;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.TenantId;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class SiteUserRepository {

    private final DSLContext dsl;

    SiteUserRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<SiteUser> find(TenantId tenant, String siteId, String id) {
        return dsl.selectFrom(SITE_USER)
                .where(SITE_USER.TENANT_ID.eq(tenant.value()), SITE_USER.SITE_ID.eq(siteId), SITE_USER.ID.eq(id))
                .fetchOptional(SiteUserRepository::toUser);
    }

    /** Whether another user of the site has this e-mail address, in any letter case. */
    boolean emailTaken(TenantId tenant, String siteId, String email, @Nullable String except) {
        Condition condition = SITE_USER
                .TENANT_ID
                .eq(tenant.value())
                .and(SITE_USER.SITE_ID.eq(siteId))
                .and(DSL.lower(SITE_USER.EMAIL).eq(DSL.lower(DSL.val(email))));
        return dsl.fetchExists(SITE_USER, except == null ? condition : condition.and(SITE_USER.ID.ne(except)));
    }

    void insert(TenantId tenant, SiteUser user) {
        dsl.insertInto(SITE_USER)
                .set(SITE_USER.ID, user.id())
                .set(SITE_USER.TENANT_ID, tenant.value())
                .set(SITE_USER.SITE_ID, user.siteId())
                .set(SITE_USER.EMAIL, user.email())
                .set(SITE_USER.NAME, user.name())
                .set(SITE_USER.STATUS, user.status().value())
                .set(SITE_USER.APPROVED_AT, user.approvedAt())
                .set(SITE_USER.CREATED_AT, user.createdAt())
                .set(SITE_USER.UPDATED_AT, user.updatedAt())
                .execute();
    }

    void update(TenantId tenant, SiteUser user) {
        dsl.update(SITE_USER)
                .set(SITE_USER.EMAIL, user.email())
                .set(SITE_USER.NAME, user.name())
                .set(SITE_USER.STATUS, user.status().value())
                .set(SITE_USER.APPROVED_AT, user.approvedAt())
                .set(SITE_USER.UPDATED_AT, user.updatedAt())
                .where(
                        SITE_USER.TENANT_ID.eq(tenant.value()),
                        SITE_USER.SITE_ID.eq(user.siteId()),
                        SITE_USER.ID.eq(user.id()))
                .execute();
    }

    void delete(TenantId tenant, String siteId, String id) {
        dsl.deleteFrom(SITE_USER)
                .where(SITE_USER.TENANT_ID.eq(tenant.value()), SITE_USER.SITE_ID.eq(siteId), SITE_USER.ID.eq(id))
                .execute();
    }

    /** Every user of a site, in id order (creation order). */
    List<SiteUser> all(TenantId tenant, String siteId) {
        return dsl.selectFrom(SITE_USER)
                .where(SITE_USER.TENANT_ID.eq(tenant.value()), SITE_USER.SITE_ID.eq(siteId))
                .orderBy(SITE_USER.ID)
                .fetch(SiteUserRepository::toUser);
    }

    void deleteAll(TenantId tenant, String siteId) {
        dsl.deleteFrom(SITE_USER)
                .where(SITE_USER.TENANT_ID.eq(tenant.value()), SITE_USER.SITE_ID.eq(siteId))
                .execute();
    }

    /** A site's users in (updated_at, id) order, after {@code after}, as the filter says. */
    List<SiteUser> list(TenantId tenant, String siteId, SyncFilter filter, @Nullable SyncPosition after, int limit) {
        return dsl.selectFrom(SITE_USER)
                .where(SITE_USER.TENANT_ID.eq(tenant.value()), SITE_USER.SITE_ID.eq(siteId))
                .and(filter.condition(SITE_USER.CREATED_AT, SITE_USER.UPDATED_AT, SITE_USER.ID, after))
                .orderBy(SITE_USER.UPDATED_AT, SITE_USER.ID)
                .limit(limit)
                .fetch(SiteUserRepository::toUser);
    }

    private static SiteUser toUser(SiteUserRecord r) {
        return new SiteUser(
                r.getId(),
                r.getSiteId(),
                r.getEmail(),
                r.getName(),
                SiteUserStatus.fromValue(r.getStatus()),
                r.getApprovedAt(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
