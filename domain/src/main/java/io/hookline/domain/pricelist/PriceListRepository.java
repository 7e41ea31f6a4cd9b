package io.hookline.domain.pricelist;

import static io.hookline.domain.jooq.Tables.PRICE_LIST;

import io.hookline.domain.jooq.tables.records.PriceListRecord;
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
class PriceListRepository {

    private final DSLContext dsl;

    PriceListRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<PriceList> find(TenantId tenant, String id) {
        return dsl.selectFrom(PRICE_LIST)
                .where(PRICE_LIST.TENANT_ID.eq(tenant.value()), PRICE_LIST.ID.eq(id))
                .fetchOptional(PriceListRepository::toPriceList);
    }

    boolean codeTaken(TenantId tenant, String code, @Nullable String except) {
        Condition condition = PRICE_LIST.TENANT_ID.eq(tenant.value()).and(PRICE_LIST.CODE.eq(code));
        return dsl.fetchExists(PRICE_LIST, except == null ? condition : condition.and(PRICE_LIST.ID.ne(except)));
    }

    void insert(TenantId tenant, PriceList priceList) {
        dsl.insertInto(PRICE_LIST)
                .set(PRICE_LIST.ID, priceList.id())
                .set(PRICE_LIST.TENANT_ID, tenant.value())
                .set(PRICE_LIST.CODE, priceList.code())
                .set(PRICE_LIST.NAME, priceList.name())
                .set(PRICE_LIST.CURRENCY, priceList.currency())
                .set(PRICE_LIST.CREATED_AT, priceList.createdAt())
                .set(PRICE_LIST.UPDATED_AT, priceList.updatedAt())
                .execute();
    }

    void update(TenantId tenant, PriceList priceList) {
        dsl.update(PRICE_LIST)
                .set(PRICE_LIST.CODE, priceList.code())
                .set(PRICE_LIST.NAME, priceList.name())
                .set(PRICE_LIST.CURRENCY, priceList.currency())
                .set(PRICE_LIST.UPDATED_AT, priceList.updatedAt())
                .where(PRICE_LIST.TENANT_ID.eq(tenant.value()), PRICE_LIST.ID.eq(priceList.id()))
                .execute();
    }

    void delete(TenantId tenant, String id) {
        dsl.deleteFrom(PRICE_LIST)
                .where(PRICE_LIST.TENANT_ID.eq(tenant.value()), PRICE_LIST.ID.eq(id))
                .execute();
    }

    /** In (updated_at, id) order, after {@code after}, as the filter says. */
    List<PriceList> list(TenantId tenant, SyncFilter filter, @Nullable SyncPosition after, int limit) {
        return dsl.selectFrom(PRICE_LIST)
                .where(PRICE_LIST.TENANT_ID.eq(tenant.value()))
                .and(filter.condition(PRICE_LIST.CREATED_AT, PRICE_LIST.UPDATED_AT, PRICE_LIST.ID, after))
                .orderBy(PRICE_LIST.UPDATED_AT, PRICE_LIST.ID)
                .limit(limit)
                .fetch(PriceListRepository::toPriceList);
    }

    private static PriceList toPriceList(PriceListRecord r) {
        return new PriceList(r.getId(), r.getCode(), r.getName(), r.getCurrency(), r.getCreatedAt(), r.getUpdatedAt());
    }
}
