package io.hookline.domain.tenant;

import io.hookline.domain.problem.DomainException;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.Timestamps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates and changes tenants, and answers per request which tenant exists with which limits.
 * That answer is cached for a few seconds: it is read on every API call, and a changed limit
 * taking a moment to apply on other nodes is harmless.
 */
@Service
public class TenantRegistry {

    private static final Pattern ADMINISTRATION_CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,31}");
    private static final Duration CACHE_TTL = Duration.ofSeconds(5);
    /** The most addresses a tenant's notifications are e-mailed to. */
    public static final int MAX_NOTIFICATION_EMAILS = 10;
    /** A dot-atom local part, {@code @}, and a host name of at least two labels ending in letters. */
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

    private final TenantRepository tenants;
    private final TransactionTemplate readOnly;
    private final ConcurrentHashMap<TenantId, Cached> cache = new ConcurrentHashMap<>();

    TenantRegistry(TenantRepository tenants, PlatformTransactionManager transactions) {
        this.tenants = tenants;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    private record Cached(@Nullable Tenant tenant, long expiresAtNanos) {}

    @Transactional
    public Tenant create(TenantChanges changes) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        String name = changes.name();
        String code = changes.administrationCode();
        if (name == null) {
            errors.add(new DomainException.FieldError("name", "is required"));
        }
        if (code == null) {
            errors.add(new DomainException.FieldError("administrationCode", "is required"));
        }
        validate(changes, errors);
        if (name == null || code == null || !errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        TenantId id = TenantId.next();
        if (tenants.administrationCodeTaken(code, id)) {
            throw codeTaken(code);
        }
        var now = Timestamps.now();
        Tenant.RateLimit rateLimit = changes.rateLimit();
        Integer webhookLimit = changes.webhookLimit();
        Tenant tenant = new Tenant(
                id,
                name,
                code,
                rateLimit == null ? Tenant.RateLimit.DEFAULT : rateLimit,
                webhookLimit == null ? Tenant.DEFAULT_WEBHOOK_LIMIT : webhookLimit,
                now,
                now);
        try {
            tenants.insert(tenant);
        } catch (DuplicateKeyException e) {
            throw codeTaken(code);
        }
        return tenant;
    }

    private static DomainException.Conflict codeTaken(String code) {
        return new DomainException.Conflict(
                DomainException.ConflictCode.ADMINISTRATION_CODE_TAKEN,
                "administrationCode " + code + " belongs to another tenant");
    }

    @Transactional(readOnly = true)
    public Tenant get(TenantId id) {
        return tenants.find(id).orElseThrow(() -> new DomainException.NotFound("tenant", id.value()));
    }

    @Transactional
    public Tenant update(TenantId id, TenantChanges changes) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        validate(changes, errors);
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        Tenant current =
                tenants.findForUpdate(id).orElseThrow(() -> new DomainException.NotFound("tenant", id.value()));
        String code =
                changes.administrationCode() == null ? current.administrationCode() : changes.administrationCode();
        if (!code.equals(current.administrationCode()) && tenants.administrationCodeTaken(code, id)) {
            throw codeTaken(code);
        }
        Tenant updated = new Tenant(
                id,
                changes.name() == null ? current.name() : changes.name(),
                code,
                changes.rateLimit() == null ? current.rateLimit() : changes.rateLimit(),
                changes.webhookLimit() == null ? current.webhookLimit() : changes.webhookLimit(),
                current.createdAt(),
                Timestamps.now());
        tenants.update(updated);
        cache.remove(id);
        return updated;
    }

    /** Where the tenant's notifications are e-mailed (possibly none). */
    @Transactional(readOnly = true)
    public List<String> notificationEmails(TenantId id) {
        return tenants.notificationEmails(id).orElseThrow(() -> new DomainException.NotFound("tenant", id.value()));
    }

    /**
     * Replaces where the tenant's notifications are e-mailed: at most {@value #MAX_NOTIFICATION_EMAILS}
     * addresses, each once, each a plain {@code local@domain.tld} address (no display name, no
     * spaces or line breaks, which could not be put in a mail header safely); an empty list turns
     * e-mail off. Refused as a whole with one error per bad entry.
     */
    @Transactional
    public List<String> updateNotificationEmails(TenantId id, List<String> emails) {
        List<DomainException.FieldError> errors = new ArrayList<>();
        if (emails.size() > MAX_NOTIFICATION_EMAILS) {
            errors.add(new DomainException.FieldError(
                    "notificationEmails", "must list at most " + MAX_NOTIFICATION_EMAILS + " addresses"));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < emails.size(); i++) {
            String email = emails.get(i);
            String field = "notificationEmails[" + i + "]";
            if (!isEmailAddress(email)) {
                errors.add(new DomainException.FieldError(field, "must be an e-mail address such as ops@example.com"));
            } else if (!seen.add(email.toLowerCase(java.util.Locale.ROOT))) {
                errors.add(new DomainException.FieldError(field, "is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
        if (!tenants.setNotificationEmails(id, emails)) {
            throw new DomainException.NotFound("tenant", id.value());
        }
        return List.copyOf(emails);
    }

    static boolean isEmailAddress(String email) {
        if (email.length() > 254) {
            return false;
        }
        int at = email.lastIndexOf('@');
        return at > 0 && at <= 64 && EMAIL.matcher(email).matches();
    }

    /** The tenant, if it exists; served from a short-lived cache because every request asks. */
    public Optional<Tenant> lookup(TenantId id) {
        long now = System.nanoTime();
        Cached cached = cache.get(id);
        if (cached == null || cached.expiresAtNanos() - now < 0) {
            Tenant found = readOnly.execute(status -> tenants.find(id).orElse(null));
            cached = new Cached(found, now + CACHE_TTL.toNanos());
            if (cache.size() > 100_000) {
                cache.clear();
            }
            cache.put(id, cached);
        }
        return Optional.ofNullable(cached.tenant());
    }

    /** The tenant with this administration code, if any (used to seed the dev tenant once). */
    @Transactional(readOnly = true)
    public Optional<Tenant> findByAdministrationCode(String code) {
        return tenants.findByAdministrationCode(code);
    }

    private static void validate(TenantChanges changes, List<DomainException.FieldError> errors) {
        if (changes.name() != null
                && (changes.name().isBlank() || changes.name().length() > 200)) {
            errors.add(new DomainException.FieldError("name", "must be 1 to 200 characters"));
        }
        if (changes.administrationCode() != null
                && !ADMINISTRATION_CODE.matcher(changes.administrationCode()).matches()) {
            errors.add(new DomainException.FieldError(
                    "administrationCode", "must be 2 to 32 upper-case letters, digits, '-' or '_', e.g. ACME01"));
        }
        Tenant.RateLimit rate = changes.rateLimit();
        if (rate != null) {
            if (rate.limit() < 1 || rate.limit() > 100_000) {
                errors.add(new DomainException.FieldError("rateLimit.limit", "must be between 1 and 100000"));
            }
            if (rate.windowSeconds() < 1 || rate.windowSeconds() > 86_400) {
                errors.add(new DomainException.FieldError("rateLimit.windowSeconds", "must be between 1 and 86400"));
            }
            if (rate.cooldownSeconds() < 0 || rate.cooldownSeconds() > 86_400) {
                errors.add(new DomainException.FieldError("rateLimit.cooldownSeconds", "must be between 0 and 86400"));
            }
        }
        if (changes.webhookLimit() != null && (changes.webhookLimit() < 0 || changes.webhookLimit() > 1000)) {
            errors.add(new DomainException.FieldError("webhookLimit", "must be between 0 and 1000"));
        }
    }
}
