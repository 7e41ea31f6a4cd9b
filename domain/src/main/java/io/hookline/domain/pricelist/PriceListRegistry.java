package io.hookline.domain.pricelist;

import io.hookline.domain.commerce.CommerceEvents;
import io.hookline.domain.commerce.Fields;
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
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's price lists. Every change is stamped by the tenant's change clock and emits its
 * catalog event ({@code pricelist.created|updated|deleted}) in the same transaction.
 */
@Service
public class PriceListRegistry {

    private final PriceListRepository priceLists;
    private final ChangeClock clock;
    private final CommerceEvents events;

    PriceListRegistry(PriceListRepository priceLists, ChangeClock clock, CommerceEvents events) {
        this.priceLists = priceLists;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public PriceList create(TenantId tenant, PriceListChanges changes) {
        validate(changes)
                .required("code", changes.code())
                .required("name", changes.name())
                .required("currency", changes.currency())
                .check();
        String code = Objects.requireNonNull(changes.code());
        OffsetDateTime now = clock.stamp(tenant);
        if (priceLists.codeTaken(tenant, code, null)) {
            throw codeTaken(code);
        }
        PriceList priceList = new PriceList(
                Ids.next(IdPrefix.PRICE_LIST),
                code,
                Objects.requireNonNull(changes.name()),
                Objects.requireNonNull(changes.currency()),
                now,
                now);
        priceLists.insert(tenant, priceList);
        events.emit(tenant, "pricelist.created", data(priceList));
        return priceList;
    }

    @Transactional(readOnly = true)
    public PriceList get(TenantId tenant, String id) {
        return priceLists.find(tenant, id).orElseThrow(() -> new DomainException.NotFound("price list", id));
    }

    @Transactional(readOnly = true)
    public Page<PriceList> list(TenantId tenant, SyncFilter filter, PageRequest page) {
        return SyncPosition.page(
                page,
                (after, limit) -> priceLists.list(tenant, filter, after, limit),
                PriceList::updatedAt,
                PriceList::id);
    }

    @Transactional
    public PriceList update(TenantId tenant, String id, PriceListChanges changes) {
        validate(changes).check();
        OffsetDateTime now = clock.stamp(tenant);
        PriceList current = get(tenant, id);
        String code = changes.code() == null ? current.code() : changes.code();
        if (!code.equals(current.code()) && priceLists.codeTaken(tenant, code, id)) {
            throw codeTaken(code);
        }
        PriceList updated = new PriceList(
                id,
                code,
                changes.name() == null ? current.name() : changes.name(),
                changes.currency() == null ? current.currency() : changes.currency(),
                current.createdAt(),
                now);
        if (Unchanged.same(current, updated)) {
            return current;
        }
        priceLists.update(tenant, updated);
        events.emit(tenant, "pricelist.updated", data(updated));
        return updated;
    }

    @Transactional
    public void delete(TenantId tenant, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        PriceList current = get(tenant, id);
        priceLists.delete(tenant, id);
        events.emit(tenant, "pricelist.deleted", events.deleted(current.id(), current.code(), "priceListCode", now));
    }

    /** The price list as the API returns it, plus its code under the name consumers expect. */
    private ObjectNode data(PriceList priceList) {
        return events.data(priceList, "priceListCode", priceList.code());
    }

    private static DomainException.Conflict codeTaken(String code) {
        return new DomainException.Conflict(
                DomainException.ConflictCode.CODE_TAKEN, "another price list of this tenant has code " + code);
    }

    private static Fields validate(PriceListChanges changes) {
        return new Fields()
                .code("code", changes.code())
                .text("name", changes.name(), 200)
                .currency("currency", changes.currency());
    }
}
