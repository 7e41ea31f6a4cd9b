package io.hookline.domain.item;

import io.hookline.domain.commerce.CommerceEvents;
import io.hookline.domain.commerce.Fields;
import io.hookline.domain.commerce.Money;
import io.hookline.domain.commerce.Unchanged;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.sync.ChangeClock;
import io.hookline.domain.sync.SyncFilter;
import io.hookline.domain.sync.SyncPosition;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's items. Every change emits {@code item.created|updated|deleted} in its transaction,
 * and an update that takes an item from not low to low (stock below its threshold, both set)
 * also emits {@code inventory.low} — once per crossing, not again while it stays low.
 */
@Service
public class ItemRegistry {

    private final ItemRepository items;
    private final ChangeClock clock;
    private final CommerceEvents events;

    ItemRegistry(ItemRepository items, ChangeClock clock, CommerceEvents events) {
        this.items = items;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public Item create(TenantId tenant, ItemChanges changes) {
        validate(changes)
                .required("code", changes.code())
                .required("name", changes.name())
                .required("price", changes.price())
                .check();
        String code = Objects.requireNonNull(changes.code());
        OffsetDateTime now = clock.stamp(tenant);
        if (items.codeTaken(tenant, code, null)) {
            throw codeTaken(code);
        }
        Item item = new Item(
                Ids.next(IdPrefix.ITEM),
                code,
                Objects.requireNonNull(changes.name()),
                changes.description(),
                normal(Objects.requireNonNull(changes.price())),
                changes.stock(),
                changes.lowStockThreshold(),
                now,
                now);
        items.insert(tenant, item);
        events.emit(tenant, "item.created", data(item));
        return item;
    }

    @Transactional(readOnly = true)
    public Item get(TenantId tenant, String id) {
        return items.find(tenant, id).orElseThrow(() -> new DomainException.NotFound("item", id));
    }

    /** The tenant's items among {@code ids}; ids of no item (or another tenant's) are left out. */
    @Transactional(readOnly = true)
    public List<Item> find(TenantId tenant, Collection<String> ids) {
        return items.findAll(tenant, ids);
    }

    @Transactional(readOnly = true)
    public Page<Item> list(TenantId tenant, SyncFilter filter, PageRequest page) {
        return SyncPosition.page(
                page, (after, limit) -> items.list(tenant, filter, after, limit), Item::updatedAt, Item::id);
    }

    @Transactional
    public Item update(TenantId tenant, String id, ItemChanges changes) {
        validate(changes).check();
        OffsetDateTime now = clock.stamp(tenant);
        Item current = get(tenant, id);
        String code = changes.code() == null ? current.code() : changes.code();
        if (!code.equals(current.code()) && items.codeTaken(tenant, code, id)) {
            throw codeTaken(code);
        }
        Item updated = new Item(
                id,
                code,
                changes.name() == null ? current.name() : changes.name(),
                changes.description() == null ? current.description() : changes.description(),
                changes.price() == null ? current.price() : normal(changes.price()),
                changes.stock() == null ? current.stock() : changes.stock(),
                changes.lowStockThreshold() == null ? current.lowStockThreshold() : changes.lowStockThreshold(),
                current.createdAt(),
                now);
        if (Unchanged.same(current, updated)) {
            return current;
        }
        items.update(tenant, updated);
        events.emit(tenant, "item.updated", data(updated));
        if (updated.low() && !current.low()) {
            events.emit(
                    tenant,
                    "inventory.low",
                    events.data(new InventoryLow(
                            updated.id(),
                            updated.code(),
                            updated.name(),
                            Objects.requireNonNull(updated.stock()),
                            Objects.requireNonNull(updated.lowStockThreshold()))));
        }
        return updated;
    }

    @Transactional
    public void delete(TenantId tenant, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        Item current = get(tenant, id);
        items.delete(tenant, id);
        events.emit(tenant, "item.deleted", events.deleted(current.id(), current.code(), "itemCode", now));
    }

    /** What {@code inventory.low} carries: the item's id, code and name, and the stock that fell below the threshold. */
    private record InventoryLow(String itemId, String itemCode, String name, int stock, int lowStockThreshold) {}

    private ObjectNode data(Item item) {
        return events.data(item, "itemCode", item.code());
    }

    private static Money normal(Money price) {
        return Money.of(price.value(), price.currencyCode());
    }

    private static DomainException.Conflict codeTaken(String code) {
        return new DomainException.Conflict(
                DomainException.ConflictCode.CODE_TAKEN, "another item of this tenant has code " + code);
    }

    private static Fields validate(ItemChanges changes) {
        return new Fields()
                .code("code", changes.code())
                .text("name", changes.name(), 200)
                .text("description", changes.description(), 2000)
                .money("price", changes.price(), false)
                .notNegative("stock", changes.stock())
                .notNegative("lowStockThreshold", changes.lowStockThreshold());
    }
}
