package io.hookline.domain.item;

import static io.hookline.domain.jooq.Tables.ITEM;

import io.hookline.domain.commerce.Money;
import io.hookline.domain.jooq.tables.records.ItemRecord;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class ItemRepository {

    private final DSLContext dsl;

    ItemRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Item> find(TenantId tenant, String id) {
        return dsl.selectFrom(ITEM)
                .where(ITEM.TENANT_ID.eq(tenant.value()), ITEM.ID.eq(id))
                .fetchOptional(ItemRepository::toItem);
    }

    List<Item> findAll(TenantId tenant, Collection<String> ids) {
        return dsl.selectFrom(ITEM)
                .where(ITEM.TENANT_ID.eq(tenant.value()), ITEM.ID.in(ids))
                .fetch(ItemRepository::toItem);
    }

    boolean codeTaken(TenantId tenant, String code, @Nullable String except) {
        Condition condition = ITEM.TENANT_ID.eq(tenant.value()).and(ITEM.CODE.eq(code));
        return dsl.fetchExists(ITEM, except == null ? condition : condition.and(ITEM.ID.ne(except)));
    }

    void insert(TenantId tenant, Item item) {
        ItemRecord record = dsl.newRecord(ITEM);
        fill(record, item);
        record.setId(item.id());
        record.setTenantId(tenant.value());
        record.setCreatedAt(item.createdAt());
        record.insert();
    }

    void update(TenantId tenant, Item item) {
        ItemRecord record = dsl.newRecord(ITEM);
        fill(record, item);
        dsl.update(ITEM)
                .set(record)
                .where(ITEM.TENANT_ID.eq(tenant.value()), ITEM.ID.eq(item.id()))
                .execute();
    }

    void delete(TenantId tenant, String id) {
        dsl.deleteFrom(ITEM)
                .where(ITEM.TENANT_ID.eq(tenant.value()), ITEM.ID.eq(id))
                .execute();
    }

    List<Item> list(TenantId tenant, SyncFilter filter, @Nullable SyncPosition after, int limit) {
        return dsl.selectFrom(ITEM)
                .where(ITEM.TENANT_ID.eq(tenant.value()))
                .and(filter.condition(ITEM.CREATED_AT, ITEM.UPDATED_AT, ITEM.ID, after))
                .orderBy(ITEM.UPDATED_AT, ITEM.ID)
                .limit(limit)
                .fetch(ItemRepository::toItem);
    }

    private static void fill(ItemRecord record, Item item) {
        record.setCode(item.code());
        record.setName(item.name());
        record.setDescription(item.description());
        record.setPriceAmount(item.price().value());
        record.setPriceCurrency(item.price().currencyCode());
        record.setStock(item.stock());
        record.setLowStockThreshold(item.lowStockThreshold());
        record.setUpdatedAt(item.updatedAt());
    }

    private static Item toItem(ItemRecord r) {
        return new Item(
                r.getId(),
                r.getCode(),
                r.getName(),
                r.getDescription(),
                Money.of(r.getPriceAmount(), r.getPriceCurrency()),
                r.getStock(),
                r.getLowStockThreshold(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }
}
