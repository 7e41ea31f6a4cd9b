package io.hookline.domain.webhook;

import static io.hookline.domain.jooq.Tables.TENANT;
import static io.hookline.domain.jooq.Tables.WEBHOOK;

import io.hookline.domain.db.FixedStatement;
import io.hookline.domain.jooq.tables.records.WebhookRecord;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class WebhookRepository {

    private static final TypeReference<List<WebhookFilter>> FILTERS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    /** What fan-out reads of the subscribed webhooks (see {@link #routes}). */
    private static final String ROUTES = """
            select id, sites, filters::text, destination->>'type' = 'kafka' from webhook
             where tenant_id = ? and enabled and events @> array[?]::varchar[]
             order by id""";

    private static final int PARSED_FILTERS_KEPT = 1_000;

    private final DSLContext dsl;
    private final JsonMapper json;

    /** Filter lists by their stored text: few distinct ones, and most are empty. */
    private final ConcurrentHashMap<String, List<WebhookFilter>> parsedFilters = new ConcurrentHashMap<>();

    WebhookRepository(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    /** Locks the tenant's row so concurrent creates of one tenant are counted one at a time. */
    int lockTenantAndReadLimit(TenantId tenant) {
        Integer limit = dsl.select(TENANT.WEBHOOK_LIMIT)
                .from(TENANT)
                .where(TENANT.ID.eq(tenant.value()))
                .forUpdate()
                .fetchOne(TENANT.WEBHOOK_LIMIT);
        if (limit == null) {
            throw new IllegalStateException("tenant " + tenant + " does not exist");
        }
        return limit;
    }

    int count(TenantId tenant) {
        return dsl.fetchCount(WEBHOOK, WEBHOOK.TENANT_ID.eq(tenant.value()));
    }

    Optional<Webhook> find(TenantId tenant, WebhookId id) {
        return dsl.selectFrom(WEBHOOK)
                .where(WEBHOOK.TENANT_ID.eq(tenant.value()), WEBHOOK.ID.eq(id.value()))
                .fetchOptional(this::toWebhook);
    }

    Optional<WebhookRecord> findRecord(TenantId tenant, WebhookId id) {
        return dsl.selectFrom(WEBHOOK)
                .where(WEBHOOK.TENANT_ID.eq(tenant.value()), WEBHOOK.ID.eq(id.value()))
                .fetchOptional();
    }

    Optional<WebhookRecord> findRecordForUpdate(TenantId tenant, WebhookId id) {
        return dsl.selectFrom(WEBHOOK)
                .where(WEBHOOK.TENANT_ID.eq(tenant.value()), WEBHOOK.ID.eq(id.value()))
                .forUpdate()
                .fetchOptional();
    }

    /**
     * What fan-out needs of the tenant's enabled webhooks that subscribe to {@code type}, in id
     * order. Every publish asks, so it reads four columns with a fixed statement (through JDBC, see {@link FixedStatement}) instead of
     * mapping whole webhooks (their secrets, destinations and headers), and parses each distinct
     * filter list once.
     */
    List<WebhookRoute> routes(TenantId tenant, String type) {
        return FixedStatement.query(
                dsl,
                ROUTES,
                FixedStatement.Binder.values(tenant.value(), type),
                row -> new WebhookRoute(
                        new WebhookId(row.getString(1)),
                        List.of((String[]) row.getArray(2).getArray()),
                        filters(row.getString(3)),
                        row.getBoolean(4)));
    }

    private List<WebhookFilter> filters(String stored) {
        if (stored.equals("[]")) {
            return List.of();
        }
        List<WebhookFilter> known = parsedFilters.get(stored);
        if (known == null) {
            known = List.copyOf(json.readValue(stored, FILTERS));
            if (parsedFilters.size() >= PARSED_FILTERS_KEPT) {
                parsedFilters.clear();
            }
            parsedFilters.put(stored, known);
        }
        return known;
    }

    /** Up to {@code limit} webhooks with ids after {@code afterId}, in id (creation) order. */
    List<Webhook> list(TenantId tenant, @Nullable String afterId, int limit) {
        Condition condition = WEBHOOK.TENANT_ID.eq(tenant.value());
        if (afterId != null) {
            condition = condition.and(WEBHOOK.ID.gt(afterId));
        }
        return dsl.selectFrom(WEBHOOK)
                .where(condition)
                .orderBy(WEBHOOK.ID)
                .limit(limit)
                .fetch(this::toWebhook);
    }

    void insert(
            TenantId tenant,
            WebhookId id,
            WebhookSettings settings,
            SecretCipher.Sealed secret,
            SecretCipher.@Nullable Sealed destinationSecret,
            OffsetDateTime now) {
        WebhookRecord record = dsl.newRecord(WEBHOOK)
                .setId(id.value())
                .setTenantId(tenant.value())
                .setSecretCiphertext(secret.ciphertext())
                .setSecretKeyId(secret.keyId())
                .setConsecutiveFailures(0)
                .setCreatedAt(now);
        apply(record, settings, now);
        setDestinationSecret(record, destinationSecret);
        record.insert();
    }

    void update(WebhookRecord record, WebhookSettings settings, OffsetDateTime now) {
        apply(record, settings, now);
        record.update();
    }

    static void setDestinationSecret(WebhookRecord record, SecretCipher.@Nullable Sealed sealed) {
        record.setDestinationSecretCiphertext(sealed == null ? null : sealed.ciphertext())
                .setDestinationSecretKeyId(sealed == null ? null : sealed.keyId());
    }

    Destination destination(WebhookRecord r) {
        return json.readValue(r.getDestination().data(), Destination.class);
    }

    boolean delete(TenantId tenant, WebhookId id) {
        return dsl.deleteFrom(WEBHOOK)
                        .where(WEBHOOK.TENANT_ID.eq(tenant.value()), WEBHOOK.ID.eq(id.value()))
                        .execute()
                == 1;
    }

    Webhook toWebhook(WebhookRecord r) {
        return new Webhook(
                new WebhookId(r.getId()),
                new TenantId(r.getTenantId()),
                r.getName(),
                r.getUrl(),
                Arrays.asList(r.getEvents()),
                Arrays.asList(r.getSites()),
                json.readValue(r.getFilters().data(), FILTERS),
                r.getEnabled(),
                json.readValue(r.getHeaders().data(), HEADERS),
                r.getTimeoutSeconds(),
                new Webhook.Retry(r.getRetryEnabled(), r.getRetryMaxAttempts()),
                r.getAsyncAcknowledgement(),
                SignatureScheme.fromValue(r.getSignatureScheme()),
                r.getRateLimit(),
                destination(r),
                r.getDestinationSecretCiphertext() != null,
                r.getDisabledReason(),
                r.getConsecutiveFailures(),
                r.getPreviousSecretExpiresAt(),
                r.getCreatedAt(),
                r.getUpdatedAt());
    }

    private void apply(WebhookRecord record, WebhookSettings settings, OffsetDateTime now) {
        record.setName(settings.name())
                .setUrl(settings.url())
                .setEvents(settings.events().toArray(String[]::new))
                .setSites(settings.sites().toArray(String[]::new))
                .setFilters(JSONB.valueOf(json.writeValueAsString(settings.filters())))
                .setEnabled(settings.enabled())
                .setHeaders(JSONB.valueOf(json.writeValueAsString(settings.headers())))
                .setTimeoutSeconds(settings.timeoutSeconds())
                .setRetryEnabled(settings.retry().enabled())
                .setRetryMaxAttempts(settings.retry().maxAttempts())
                .setAsyncAcknowledgement(settings.asyncAcknowledgement())
                .setSignatureScheme(settings.signatureScheme().value())
                .setRateLimit(settings.rateLimit())
                .setDestination(
                        JSONB.valueOf(json.writerFor(Destination.class).writeValueAsString(settings.destination())))
                .setUpdatedAt(now);
    }
}
