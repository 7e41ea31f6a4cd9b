package io.hookline.domain.site;

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

/**
 * The users of a tenant's sites. An e-mail address is one user per site (in any letter case).
 * A user created {@code pending} emits {@code site.user.created} and
 * {@code site.user.approval_requested}, and becomes {@code approved} only through
 * {@link #approve}; one created {@code approved} emits only {@code site.user.created}. Another
 * site's or tenant's user is not found, like a missing one.
 */
@Service
public class SiteUserRegistry {

    private final SiteRepository sites;
    private final SiteUserRepository users;
    private final SiteUserEvents events;
    private final ChangeClock clock;

    SiteUserRegistry(SiteRepository sites, SiteUserRepository users, SiteUserEvents events, ChangeClock clock) {
        this.sites = sites;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public SiteUser create(TenantId tenant, String siteId, SiteUserChanges changes) {
        validate(changes)
                .required("email", changes.email())
                .required("name", changes.name())
                .check();
        String email = Objects.requireNonNull(changes.email());
        String name = Objects.requireNonNull(changes.name());
        OffsetDateTime now = clock.stamp(tenant);
        Site site = site(tenant, siteId);
        if (users.emailTaken(tenant, siteId, email, null)) {
            throw emailTaken(email);
        }
        SiteUserStatus status = changes.status() == null ? SiteUserStatus.PENDING : changes.status();
        SiteUser user = new SiteUser(
                Ids.next(IdPrefix.SITE_USER),
                siteId,
                email,
                name,
                status,
                status == SiteUserStatus.APPROVED ? now : null,
                now,
                now);
        users.insert(tenant, user);
        events.emit(tenant, "site.user.created", site, user);
        if (status == SiteUserStatus.PENDING) {
            events.emit(tenant, "site.user.approval_requested", site, user);
        }
        return user;
    }

    @Transactional(readOnly = true)
    public SiteUser get(TenantId tenant, String siteId, String id) {
        site(tenant, siteId);
        return user(tenant, siteId, id);
    }

    @Transactional(readOnly = true)
    public Page<SiteUser> list(TenantId tenant, String siteId, SyncFilter filter, PageRequest page) {
        site(tenant, siteId);
        return SyncPosition.page(
                page,
                (after, limit) -> users.list(tenant, siteId, filter, after, limit),
                SiteUser::updatedAt,
                SiteUser::id);
    }

    /** Changes a user's e-mail address or name; {@code changes.status()} is ignored (see {@link #approve}). */
    @Transactional
    public SiteUser update(TenantId tenant, String siteId, String id, SiteUserChanges changes) {
        validate(changes).check();
        OffsetDateTime now = clock.stamp(tenant);
        Site site = site(tenant, siteId);
        SiteUser current = user(tenant, siteId, id);
        String email = changes.email() == null ? current.email() : changes.email();
        if (changes.email() != null && users.emailTaken(tenant, siteId, email, id)) {
            throw emailTaken(email);
        }
        SiteUser updated = new SiteUser(
                id,
                siteId,
                email,
                changes.name() == null ? current.name() : changes.name(),
                current.status(),
                current.approvedAt(),
                current.createdAt(),
                now);
        if (Unchanged.same(current, updated)) {
            return current;
        }
        users.update(tenant, updated);
        events.emit(tenant, "site.user.updated", site, updated);
        return updated;
    }

    /** Approves a pending user; approving one that is already approved is a conflict. */
    @Transactional
    public SiteUser approve(TenantId tenant, String siteId, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        Site site = site(tenant, siteId);
        SiteUser current = user(tenant, siteId, id);
        if (current.status() != SiteUserStatus.PENDING) {
            throw new DomainException.Conflict(
                    DomainException.ConflictCode.INVALID_TRANSITION,
                    "site user " + id + " is " + current.status().value() + ", not pending");
        }
        SiteUser approved = new SiteUser(
                id, siteId, current.email(), current.name(), SiteUserStatus.APPROVED, now, current.createdAt(), now);
        users.update(tenant, approved);
        events.emit(tenant, "site.user.updated", site, approved);
        return approved;
    }

    @Transactional
    public void delete(TenantId tenant, String siteId, String id) {
        OffsetDateTime now = clock.stamp(tenant);
        Site site = site(tenant, siteId);
        SiteUser current = user(tenant, siteId, id);
        users.delete(tenant, siteId, id);
        events.deleted(tenant, site, current, now);
    }

    private Site site(TenantId tenant, String siteId) {
        return sites.find(tenant, siteId).orElseThrow(() -> new DomainException.NotFound("site", siteId));
    }

    private SiteUser user(TenantId tenant, String siteId, String id) {
        return users.find(tenant, siteId, id).orElseThrow(() -> new DomainException.NotFound("site user", id));
    }

    private static DomainException.Conflict emailTaken(String email) {
        return new DomainException.Conflict(
                DomainException.ConflictCode.EMAIL_TAKEN, "another user of this site has e-mail address " + email);
    }

    private static Fields validate(SiteUserChanges changes) {
        return new Fields().email("email", changes.email()).text("name", changes.name(), 200);
    }
}
