package io.hookline.domain.webhook;

import io.hookline.domain.catalog.EventCatalog;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.network.OutboundAddressPolicy;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.problem.DomainException.FieldError;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.Timestamps;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and removes a tenant's webhooks, and owns their secrets. Every method takes
 * the tenant first and touches only that tenant's rows; another tenant's webhook is reported
 * as missing.
 */
@Service
public class WebhookRegistry {

    /** The longest grace a rotated-out secret may keep signing deliveries: 7 days. */
    public static final Duration MAX_GRACE = Duration.ofDays(7);

    /** The highest per-webhook rate limit, deliveries per second. */
    public static final int MAX_RATE_LIMIT = 10_000;

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    private static final Pattern PROPERTY_PATH = Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+){0,15}");
    private static final int MAX_HEADERS = 20;
    private static final int MAX_FILTER_VALUES = 100;
    /** Headers Hookline sets itself; a webhook may not override them. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host",
            "content-type",
            "content-length",
            "content-encoding",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "upgrade",
            "te",
            "trailer",
            "expect",
            "user-agent",
            "authorization-hookline",
            "webhook-id",
            "webhook-timestamp",
            "webhook-signature",
            "x-event-id",
            "x-event-type",
            "x-administration-code",
            "x-triggeredby-id",
            "x-delivery-attempt",
            "x-secret",
            "messagehash");

    private final WebhookRepository webhooks;
    private final DeliveryQueue deliveries;
    private final EventCatalog catalog;
    private final OutboundAddressPolicy addressPolicy;
    private final SecretCipher cipher;
    private final ApplicationEventPublisher events;

    WebhookRegistry(
            WebhookRepository webhooks,
            DeliveryQueue deliveries,
            EventCatalog catalog,
            OutboundAddressPolicy addressPolicy,
            SecretCipher cipher,
            ApplicationEventPublisher events) {
        this.events = events;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.catalog = catalog;
        this.addressPolicy = addressPolicy;
        this.cipher = cipher;
    }

    /** A new webhook and its secret, which is shown this once. */
    public record CreatedWebhook(Webhook webhook, String secret) {}

    /** The webhook after a rotation and its new secret, shown this once. */
    public record RotatedSecret(Webhook webhook, String secret) {}

    @Transactional
    public CreatedWebhook create(TenantId tenant, WebhookSettings requested) {
        WebhookSettings settings = withAddress(requested);
        String destinationSecret = givenSecret(settings);
        validate(
                settings,
                unresolvedMasks(CredentialHeaders.resolve(settings.headers(), Map.of())),
                destinationSecret != null);
        int limit = webhooks.lockTenantAndReadLimit(tenant);
        if (webhooks.count(tenant) >= limit) {
            throw new DomainException.Conflict(
                    DomainException.ConflictCode.WEBHOOK_LIMIT_REACHED,
                    "this tenant already has " + limit + " webhook" + (limit == 1 ? "" : "s")
                            + ", its limit; delete one or ask for a higher limit");
        }
        WebhookId id = WebhookId.next();
        String secret = WebhookSecrets.generate();
        OffsetDateTime now = Timestamps.now();
        webhooks.insert(
                tenant,
                id,
                settings,
                cipher.seal(secret, aad(tenant, id)),
                destinationSecret == null ? null : cipher.seal(destinationSecret, destinationAad(tenant, id)),
                now);
        return new CreatedWebhook(get(tenant, id), secret);
    }

    @Transactional(readOnly = true)
    public Webhook get(TenantId tenant, WebhookId id) {
        return webhooks.find(tenant, id).orElseThrow(() -> notFound(id));
    }

    @Transactional(readOnly = true)
    public Page<Webhook> list(TenantId tenant, PageRequest page) {
        List<Webhook> fetched = webhooks.list(tenant, page.afterId(), page.limit() + 1);
        return Page.of(fetched, page.limit(), webhook -> List.of(webhook.id().value()));
    }

    /**
     * Applies a partial change; {@code enabled: true} also clears the failure streak and the
     * disable reason. A credential header sent back as {@link CredentialHeaders#MASK} keeps its
     * stored value. Without {@code secretsScope} (the caller's {@code webhooks:secrets}), a change
     * that would send a secret somewhere new is refused: the URL, headers or scheme of an
     * {@code x-secret} webhook (whose deliveries carry the raw secret), a switch to
     * {@code x-secret}, and a new URL for stored credential headers.
     */
    @Transactional
    public Webhook update(TenantId tenant, WebhookId id, WebhookPatch patch, boolean secretsScope) {
        var record = webhooks.findRecordForUpdate(tenant, id).orElseThrow(() -> notFound(id));
        Webhook current = webhooks.toWebhook(record);
        CredentialHeaders.Resolved headers = patch.headers() == null
                ? new CredentialHeaders.Resolved(current.headers(), List.of())
                : CredentialHeaders.resolve(patch.headers(), current.headers());
        WebhookSettings settings = withAddress(patch.applyTo(current, headers.headers()));
        String destinationSecret = givenSecret(settings);
        boolean sameKind =
                settings.destination().kind().equals(current.destination().kind());
        // a password left out (or sent back masked) stays while the destination keeps its kind
        boolean keepsStoredSecret = destinationSecret == null && sameKind && current.destinationSecretSet();
        if (!secretsScope) {
            checkSecretsStayPut(current, settings);
            if (keepsStoredSecret
                    && !settings.destination()
                            .hosts()
                            .equals(current.destination().hosts())) {
                throw new DomainException.Forbidden("moving a destination with a stored password to other brokers"
                        + " needs the webhooks:secrets scope, or the password sent again with the new address");
            }
        }
        validate(settings, unresolvedMasks(headers), destinationSecret != null || keepsStoredSecret);
        if (destinationSecret != null) {
            WebhookRepository.setDestinationSecret(record, cipher.seal(destinationSecret, destinationAad(tenant, id)));
        } else if (!keepsStoredSecret) {
            WebhookRepository.setDestinationSecret(record, null);
        }
        if (Boolean.TRUE.equals(patch.enabled())) {
            record.setConsecutiveFailures(0).setFailingSince(null).setDisabledReason(null);
        }
        boolean wasEnabled = current.enabled();
        webhooks.update(record, settings, Timestamps.now());
        if (!Objects.equals(current.rateLimit(), settings.rateLimit())) {
            // the backlog was spaced for the old limit: due now, to be spaced for the new one
            deliveries.rethrottle(tenant, id.value());
        }
        if (!settings.destination().equals(current.destination()) || destinationSecret != null) {
            events.publishEvent(new WebhookDestinationChanged(id));
        }
        if (wasEnabled != settings.enabled()) {
            if (settings.enabled()) {
                deliveries.resume(tenant, id.value());
            } else {
                deliveries.park(tenant, id.value());
            }
        }
        return webhooks.toWebhook(record);
    }

    @Transactional
    public void delete(TenantId tenant, WebhookId id) {
        // the deliveries before the webhook row: the worker's settlement locks them in that
        // order too (deliveries, then the webhook's failure streak). An unknown webhook has none,
        // and its 404 rolls the transaction back.
        deliveries.deleteOfWebhook(tenant, id.value());
        if (!webhooks.delete(tenant, id)) {
            throw notFound(id);
        }
        events.publishEvent(new WebhookDestinationChanged(id));
    }

    /**
     * Replaces the secret. With a grace period the old secret keeps signing deliveries beside
     * the new one until it ends (receivers can switch over without losing a delivery); a grace
     * of zero drops it at once. Only one old secret is kept: rotating again during a grace
     * ends the older one's grace.
     */
    @Transactional
    public RotatedSecret rotateSecret(TenantId tenant, WebhookId id, Duration grace) {
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            throw new DomainException.Invalid("graceSeconds", "must be between 0 and " + MAX_GRACE.toSeconds());
        }
        var record = webhooks.findRecordForUpdate(tenant, id).orElseThrow(() -> notFound(id));
        String secret = WebhookSecrets.generate();
        SecretCipher.Sealed sealed = cipher.seal(secret, aad(tenant, id));
        OffsetDateTime now = Timestamps.now();
        if (grace.isZero()) {
            record.setPreviousSecretCiphertext(null)
                    .setPreviousSecretKeyId(null)
                    .setPreviousSecretExpiresAt(null);
        } else {
            record.setPreviousSecretCiphertext(record.getSecretCiphertext())
                    .setPreviousSecretKeyId(record.getSecretKeyId())
                    .setPreviousSecretExpiresAt(now.plus(grace));
        }
        record.setSecretCiphertext(sealed.ciphertext())
                .setSecretKeyId(sealed.keyId())
                .setUpdatedAt(now);
        record.update();
        return new RotatedSecret(webhooks.toWebhook(record), secret);
    }

    /**
     * The sites and filters of the tenant's enabled webhooks that subscribe to {@code type}, for
     * fan-out; joins the caller's transaction.
     */
    @Transactional(readOnly = true)
    public List<WebhookRoute> routes(TenantId tenant, String type) {
        return webhooks.routes(tenant, type);
    }

    /**
     * The secrets a delivery made now must be signed with: the current one, and the previous
     * one while its grace lasts.
     */
    @Transactional(readOnly = true)
    public SigningSecrets signingSecrets(TenantId tenant, WebhookId id) {
        var record = webhooks.findRecord(tenant, id).orElseThrow(() -> notFound(id));
        return openSecrets(
                tenant,
                id,
                record.getSecretCiphertext(),
                record.getSecretKeyId(),
                record.getPreviousSecretCiphertext(),
                record.getPreviousSecretKeyId(),
                record.getPreviousSecretExpiresAt());
    }

    /**
     * The signing secrets of a webhook row already read by the caller (the delivery worker
     * reads them with its claim): the current one, and the previous one while its grace lasts.
     */
    public SigningSecrets openSecrets(
            TenantId tenant,
            WebhookId id,
            byte[] current,
            String currentKeyId,
            byte @Nullable [] previous,
            @Nullable String previousKeyId,
            @Nullable OffsetDateTime graceEnds) {
        String aad = aad(tenant, id);
        String opened = cipher.open(new SecretCipher.Sealed(current, currentKeyId), aad);
        if (previous != null && previousKeyId != null && graceEnds != null && graceEnds.isAfter(Timestamps.now())) {
            return new SigningSecrets(opened, cipher.open(new SecretCipher.Sealed(previous, previousKeyId), aad));
        }
        return new SigningSecrets(opened, null);
    }

    /**
     * The secrets in force for one delivery. The Standard Webhooks signature carries one
     * signature per secret, so a receiver verifying with either passes; {@code X-Secret} and
     * {@code MessageHash} can carry only one, and switching it the moment the rotation happens
     * would fail every receiver that has not yet been given the new secret. They keep the
     * previous secret until the grace ends, the expiry the rotate response told the tenant.
     */
    public record SigningSecrets(String current, @Nullable String previous) {

        /** Every secret to sign {@code webhook-signature} with: the current one, then the previous one. */
        public List<String> all() {
            return previous == null ? List.of(current) : List.of(current, previous);
        }

        /** The one secret that {@code X-Secret} and {@code MessageHash} use: the previous one during a grace. */
        public String single() {
            return previous == null ? current : previous;
        }
    }

    /**
     * The broker password of a queue destination, from the row the worker read with its claim;
     * null when the destination has none.
     */
    public @Nullable String openDestinationSecret(
            TenantId tenant, WebhookId id, byte @Nullable [] ciphertext, @Nullable String keyId) {
        if (ciphertext == null || keyId == null) {
            return null;
        }
        return cipher.open(new SecretCipher.Sealed(ciphertext, keyId), destinationAad(tenant, id));
    }

    /** A queue destination's webhook keeps a readable address without credentials as its url. */
    private static WebhookSettings withAddress(WebhookSettings s) {
        Destination destination = s.destination();
        String password = s.destinationSecret();
        if (destination instanceof Destination.Amqp amqp) {
            try {
                Destination.Amqp.Split split = Destination.Amqp.split(amqp.uri());
                destination = new Destination.Amqp(split.uri(), amqp.exchange(), amqp.routingKey());
                if (split.password() != null && !split.password().equals(CredentialHeaders.MASK)) {
                    password = split.password();
                }
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                throw new DomainException.Invalid("destination.uri", "is not a valid amqp:// or amqps:// URI");
            }
        }
        String url;
        try {
            url = destination.address(s.url());
        } catch (IllegalArgumentException e) {
            throw new DomainException.Invalid("destination.uri", "is not a valid amqp:// or amqps:// URI");
        }
        return new WebhookSettings(
                s.name(),
                url,
                s.events(),
                s.sites(),
                s.filters(),
                s.enabled(),
                s.headers(),
                s.timeoutSeconds(),
                s.retry(),
                s.asyncAcknowledgement(),
                s.signatureScheme(),
                s.rateLimit(),
                destination,
                password);
    }

    /** The password sent with this change; null when none was, or it was sent back masked. */
    private static @Nullable String givenSecret(WebhookSettings settings) {
        String secret = settings.destinationSecret();
        return secret == null || secret.equals(CredentialHeaders.MASK) ? null : secret;
    }

    private static String destinationAad(TenantId tenant, WebhookId id) {
        return "webhook-destination:" + tenant.value() + ":" + id.value();
    }

    private static String aad(TenantId tenant, WebhookId id) {
        return "webhook-secret:" + tenant.value() + ":" + id.value();
    }

    private static DomainException.NotFound notFound(WebhookId id) {
        return new DomainException.NotFound("webhook", id.value());
    }

    /** See {@link #update}: what a token without {@code webhooks:secrets} may not change. */
    private static void checkSecretsStayPut(Webhook current, WebhookSettings settings) {
        boolean urlChanged = !settings.url().equals(current.url());
        boolean endpointChanged = urlChanged
                || !settings.headers().equals(current.headers())
                || settings.signatureScheme() != current.signatureScheme();
        boolean carriesSecret = current.signatureScheme() == SignatureScheme.X_SECRET
                || settings.signatureScheme() == SignatureScheme.X_SECRET;
        if (carriesSecret && endpointChanged) {
            throw new DomainException.Forbidden("changing the url, headers or signatureScheme of an x-secret webhook,"
                    + " or switching one to x-secret, needs the webhooks:secrets scope:"
                    + " its deliveries carry the signing secret itself");
        }
        if (urlChanged && CredentialHeaders.keepsStoredCredential(settings.headers(), current.headers())) {
            throw new DomainException.Forbidden("moving a webhook with credential headers to a new url needs the"
                    + " webhooks:secrets scope, or the headers' values sent again with the new url");
        }
    }

    private static List<FieldError> unresolvedMasks(CredentialHeaders.Resolved headers) {
        return headers.unresolved().stream()
                .map(name -> new FieldError(
                        "headers." + name,
                        "is " + CredentialHeaders.MASK + ", which keeps a stored value, but this webhook has none"
                                + " under this name; send the real value"))
                .toList();
    }

    private void validate(WebhookSettings settings, List<FieldError> found, boolean hasDestinationSecret) {
        List<FieldError> errors = new ArrayList<>(found);
        if (settings.destination() instanceof Destination.Https) {
            for (String reason : addressPolicy.checkUrl(settings.url())) {
                errors.add(new FieldError("url", reason));
            }
        } else {
            validateDestination(settings, hasDestinationSecret, errors);
        }
        if (settings.events().isEmpty()) {
            errors.add(new FieldError("events", "must name at least one event type"));
        }
        Set<String> events = new HashSet<>();
        for (int i = 0; i < settings.events().size(); i++) {
            String event = settings.events().get(i);
            if (!catalog.contains(event)) {
                errors.add(new FieldError(
                        "events[" + i + "]", "'" + event + "' is not in the event catalog (GET /v1/event-types)"));
            } else if (!events.add(event)) {
                errors.add(new FieldError("events[" + i + "]", "'" + event + "' is listed twice"));
            }
        }
        for (int i = 0; i < settings.sites().size(); i++) {
            if (!Ids.isValid(IdPrefix.SITE, settings.sites().get(i))) {
                errors.add(new FieldError("sites[" + i + "]", "must be a site id (site_…)"));
            }
        }
        validateFilters(settings.filters(), events, errors);
        validateHeaders(settings.headers(), errors);
        if (settings.name().isBlank() || settings.name().length() > 200) {
            errors.add(new FieldError("name", "must be 1 to 200 characters"));
        }
        if (settings.timeoutSeconds() < 1 || settings.timeoutSeconds() > 30) {
            errors.add(new FieldError("timeoutSeconds", "must be between 1 and 30"));
        }
        if (settings.retry().maxAttempts() < 1 || settings.retry().maxAttempts() > 10) {
            errors.add(new FieldError("retry.maxAttempts", "must be between 1 and 10"));
        }
        Integer rateLimit = settings.rateLimit();
        if (rateLimit != null && (rateLimit < 1 || rateLimit > MAX_RATE_LIMIT)) {
            errors.add(new FieldError("rateLimit", "must be between 1 and " + MAX_RATE_LIMIT));
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
    }

    private static final Pattern KAFKA_TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
    private static final Pattern AMQP_NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,255}");
    private static final Set<String> SASL_MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    /** A queue destination's own rules; its brokers pass the outbound-address policy as a URL's host does. */
    private void validateDestination(WebhookSettings settings, boolean hasSecret, List<FieldError> errors) {
        if (settings.asyncAcknowledgement()) {
            errors.add(new FieldError(
                    "asyncAcknowledgement", "applies to https destinations only: a broker acknowledges at once"));
        }
        String secret = settings.destinationSecret();
        if (secret != null && secret.length() > 1024) {
            errors.add(new FieldError("destination", "password must be at most 1024 characters"));
        }
        switch (settings.destination()) {
            case Destination.Https https -> {}
            case Destination.Kafka kafka -> {
                List<String> servers = kafka.servers();
                if (servers.isEmpty()
                        || servers.size() > 10
                        || kafka.bootstrapServers().length() > 1000) {
                    errors.add(new FieldError("destination.bootstrapServers", "must list 1 to 10 host:port pairs"));
                }
                for (String server : servers) {
                    String port = server.substring(server.lastIndexOf(':') + 1);
                    if (!server.contains(":") || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
                        errors.add(new FieldError("destination.bootstrapServers", "'" + server + "' is not host:port"));
                        continue;
                    }
                    String problem = addressPolicy.checkHost(Destination.Kafka.hostOf(server));
                    if (problem != null) {
                        errors.add(new FieldError("destination.bootstrapServers", "'" + server + "' " + problem));
                    }
                }
                if (!KAFKA_TOPIC.matcher(kafka.topic()).matches()) {
                    errors.add(new FieldError("destination.topic", "must be 1 to 249 of A-Z a-z 0-9 . _ -"));
                }
                Destination.KafkaSecurity security = kafka.security();
                if (security.sasl()) {
                    if (security.saslMechanism() == null || !SASL_MECHANISMS.contains(security.saslMechanism())) {
                        errors.add(new FieldError(
                                "destination.security.saslMechanism", "must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"));
                    }
                    if (security.username() == null || security.username().isBlank()) {
                        errors.add(new FieldError("destination.security.username", "is needed for SASL"));
                    }
                    if (!hasSecret) {
                        errors.add(new FieldError("destination.security.password", "is needed for SASL"));
                    }
                }
            }
            case Destination.Amqp amqp -> {
                java.net.URI uri = java.net.URI.create(amqp.uri());
                if (uri.getScheme() == null || !uri.getScheme().matches("amqps?")) {
                    errors.add(new FieldError("destination.uri", "must be an amqp:// or amqps:// URI"));
                }
                if (uri.getHost() == null) {
                    errors.add(new FieldError("destination.uri", "must name a host"));
                } else {
                    String problem = addressPolicy.checkHost(uri.getHost());
                    if (problem != null) {
                        errors.add(new FieldError("destination.uri", problem));
                    }
                }
                if (!AMQP_NAME.matcher(amqp.exchange()).matches()) {
                    errors.add(new FieldError("destination.exchange", "must be 1 to 255 of A-Z a-z 0-9 . _ : / -"));
                }
                if (amqp.routingKey().length() > 255) {
                    errors.add(new FieldError("destination.routingKey", "must be at most 255 characters"));
                }
            }
        }
    }

    private static void validateFilters(List<WebhookFilter> filters, Set<String> events, List<FieldError> errors) {
        for (int i = 0; i < filters.size(); i++) {
            WebhookFilter filter = filters.get(i);
            String at = "filters[" + i + "]";
            if (!events.contains(filter.event())) {
                errors.add(
                        new FieldError(at + ".event", "'" + filter.event() + "' is not one of this webhook's events"));
            }
            if (!PROPERTY_PATH.matcher(filter.property()).matches()) {
                errors.add(new FieldError(at + ".property", "must be a dotted path into the event, e.g. data.total"));
            }
            int count = filter.values().size();
            if (filter.operator().single() && count != 1) {
                errors.add(new FieldError(
                        at + ".values",
                        "must hold exactly one value for " + filter.operator().value()));
            } else if (count < 1 || count > MAX_FILTER_VALUES) {
                errors.add(new FieldError(at + ".values", "must hold 1 to " + MAX_FILTER_VALUES + " values"));
            }
        }
    }

    private static void validateHeaders(Map<String, String> headers, List<FieldError> errors) {
        if (headers.size() > MAX_HEADERS) {
            errors.add(new FieldError("headers", "at most " + MAX_HEADERS + " headers"));
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey();
            String at = "headers." + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                errors.add(new FieldError(at, "is not a valid HTTP header name"));
            } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                errors.add(new FieldError(at, "is set by Hookline and cannot be overridden"));
            }
            @Nullable String value = header.getValue();
            if (value == null
                    || value.length() > 1024
                    || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                errors.add(new FieldError(at, "value must be at most 1024 printable characters"));
            }
        }
    }
}
