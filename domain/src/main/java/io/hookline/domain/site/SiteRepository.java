package io.hookline.domain.site;

import static io.hookline.domain.jooq.Tables.SITE;

import io.hookline.domain.jooq.tables.records.SiteRecord;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.TenantId;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class SiteRepository {

    private final DSLContext dsl;

    SiteRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Site> find(TenantId tenant, String id) {
        return dsl.selectFrom(SITE)
                .where(SITE.TENANT_ID.eq(tenant.value()), SITE.ID.eq(id))
                .fetchOptional(SiteRepository::toSite);
    }

    boolean codeTaken(TenantId tenant, String code, @Nullable String except) {
        Condition condition = SITE.TENANT_ID.eq(tenant.value()).and(SITE.CODE.eq(code));
        return dsl.fetchExists(SITE, except == null ? condition : condition.and(SITE.ID.ne(except)));
    }

    void insert(TenantId tenant, Site site) {
        dsl.insertInto(SITE)
                .set(SITE.ID, site.id())
                .set(SITE.TENANT_ID, tenant.value())
                .set(SITE.CODE, site.code())
                .set(SITE.NAME, site.name())
                .set(SITE.URL, site.url())
                .set(SITE.DEFAULT_CURRENCY, site.defaultCurrency())
                .set(SITE.CREATED_AT, site.createdAt())
                .set(SITE.UPDATED_AT, site.updatedAt())
                .execute();
    }

    void update(TenantId tenant, Site site) {
        dsl.update(SITE)
                .set(SITE.CODE, site.code())
                .set(SITE.NAME, site.name())
                .set(SITE.URL, site.url())
                .set(SITE.DEFAULT_CURRENCY, site.defaultCurrency())
                .set(SITE.UPDATED_AT, site.updatedAt())
                .where(SITE.TENANT_ID.eq(tenant.value()), SITE.ID.eq(site.id()))
                .execute();
    }

    void delete(TenantId tenant, String id) {
        dsl.deleteFrom(SITE)
                .where(SITE.TENANT_ID.eq(tenant.value()), SITE.ID.eq(id))
                .execute();
    }

    /** In (updated_at, id) order, after {@code after}, as the filter says. */
    List<Site> list(TenantId tenant, SyncFilter filter, @Nullable SyncPosition after, int limit) {
        return dsl.selectFrom(SITE)
                .where(SITE.TENANT_ID.eq(tenant.value()))
                .and(filter.condition(SITE.CREATED_AT, SITE.UPDATED_AT, SITE.ID, after))
                .orderBy(SITE.UPDATED_AT, SITE.ID)
                .limit(limit)
                .fetch(SiteRepository::toSite);
    }

    private static Site toSite(SiteRecord r) {
        return new Site(
                r.getId(),
                r.getCode(),
                r.getName(),
                r.getUrl(),
                r.getDefaultCurrency(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
