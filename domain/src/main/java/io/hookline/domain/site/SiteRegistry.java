package io.hookline.domain.site;

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
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's sites. Every change is stamped by the tenant's change clock and emits its catalog
 * event ({@code site.created|updated|deleted}) in the same transaction, with the site as the
 * event's site. Deleting a site deletes its users too, each with its own
 * {@code site.user.deleted}, before the {@code site.deleted}.
 */
@Service
public class SiteRegistry {

    private final SiteRepository sites;
    private final SiteUserRepository users;
    private final SiteUserEvents userEvents;
    private final ChangeClock clock;
    private final CommerceEvents events;

    SiteRegistry(
            SiteRepository sites,
            SiteUserRepository users,
            SiteUserEvents userEvents,
            ChangeClock clock,
            CommerceEvents events) {
        this.sites = sites;
        this.users = users;
        this.userEvents = userEvents;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    public Site create(TenantId tenant, SiteChanges changes) {
        validate(changes)
                .required("code", changes.code())
                .required("name", changes.name())
                .check();
        String code = Objects.requireNonNull(changes.code());
        String name = Objects.requireNonNull(changes.name());
        OffsetDateTime now = clock.stamp(tenant);
        if (sites.codeTaken(tenant, code, null)) {
            throw codeTaken(code);
        }
        Site site = new Site(Ids.next(IdPrefix.SITE), code, name, changes.url(), changes.defaultCurrency(), now, now);
        sites.insert(tenant, site);
        events.emit(tenant, "site.created", data(site), site.id());
        return site;
    }

    @Transactional(readOnly = true)
    public Site get(TenantId tenant, String id) {
        return sites.find(tenant, id).orElseThrow(() -> new DomainException.NotFound("site", id));
    }

    /** The site, if the tenant has one with this id (for references from other resources). */
    @Transactional(readOnly = true)
    public java.util.Optional<Site> find(TenantId tenant, String id) {
        return sites.find(tenant, id);
    }

    @Transactional(readOnly = true)
    public Page<Site> list(TenantId tenant, SyncFilter filter, PageRequest page) {
        return SyncPosition.page(
                page, (after, limit) -> sites.list(tenant, filter, after, limit), Site::updatedAt, Site::id);
    }

    @Transactional
    public Site update(TenantId tenant, String id, SiteChanges changes) {
        validate(changes).check();
        OffsetDateTime now = clock.stamp(tenant);
        Site current = get(tenant, id);
        String code = changes.code() == null ? current.code() : changes.code();
        if (!code.equals(current.code()) && sites.codeTaken(tenant, code, id)) {
            throw codeTaken(code);
        }
        Site updated = new Site(
                id,
                code,
                changes.name() == null ? current.name() : changes.name(),
                changes.url() == null ? current.url() : changes.url(),
                changes.defaultCurrency() == null ? current.defaultCurrency() : changes.defaultCurrency(),
                current.createdAt(),
                now);
        if (Unchanged.same(current, updated)) {
            return current;
        }
        sites.update(tenant, updated);
        events.emit(tenant, "site.updated", data(updated), id);
        return updated;
    }

    /**
     * Deletes a site and, first, its users: one {@code site.user.deleted} per user, then the
     * {@code site.deleted}, all in this one transaction.
     */
    @Transactional
    public void delete(TenantId tenant, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        Site current = get(tenant, id);
        for (SiteUser user : users.all(tenant, id)) {
            userEvents.deleted(tenant, current, user, now);
        }
        users.deleteAll(tenant, id);
        sites.delete(tenant, id);
        events.emit(tenant, "site.deleted", events.deleted(id, current.code(), "siteCode", now), id);
    }

    /** The site as the API returns it, plus its code under the name consumers expect. */
    private ObjectNode data(Site site) {
        return events.data(site, "siteCode", site.code());
    }

    private static DomainException.Conflict codeTaken(String code) {
        return new DomainException.Conflict(
                DomainException.ConflictCode.CODE_TAKEN, "another site of this tenant has code " + code);
    }

    private static Fields validate(SiteChanges changes) {
        Fields fields = new Fields()
                .code("code", changes.code())
                .text("name", changes.name(), 200)
                .currency("defaultCurrency", changes.defaultCurrency());
        if (changes.url() != null && !isWebUrl(changes.url())) {
            fields.error("url", "must be an absolute http or https URL of at most 2048 characters");
        }
        return fields;
    }

    private static boolean isWebUrl(@Nullable String url) {
        if (url == null || url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
