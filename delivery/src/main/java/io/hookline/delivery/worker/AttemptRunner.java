package io.hookline.delivery.worker;

import io.hookline.delivery.http.LoggedText;
import io.hookline.delivery.http.WebhookHttpClient;
import io.hookline.delivery.queue.SendOrder;
import io.hookline.delivery.signing.Signatures;
import io.hookline.domain.delivery.AttemptHeaders;
import io.hookline.domain.delivery.Claim;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.domain.delivery.DeliveryStatus;
import io.hookline.domain.webhook.CredentialHeaders;
import io.hookline.domain.webhook.WebhookRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one attempt of one claimed delivery: builds the signed request, posts it with no
 * transaction open, and settles the result in a short transaction of its own.
 */
@Component
class AttemptRunner {

    private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
    static final String USER_AGENT = "Hookline-Webhooks/0.1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DeliveryQueue queue;
    private final DeliveryTransport transport;
    private final OpenedSecrets openedSecrets;
    private final Settler settler;
    private final WorkerTransactions transactions;
    private final DeliveryProperties properties;
    private final RetrySchedule retries;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Timer latency;
    private final org.springframework.core.env.Environment environment;

    AttemptRunner(
            DeliveryQueue queue,
            DeliveryTransport transport,
            WebhookRegistry webhooks,
            Settler settler,
            WorkerTransactions transactions,
            DeliveryProperties properties,
            JsonMapper json,
            MeterRegistry meters,
            org.springframework.core.env.Environment environment) {
        this.environment = environment;
        this.queue = queue;
        this.transport = transport;
        this.openedSecrets = new OpenedSecrets(webhooks);
        this.settler = settler;
        this.transactions = transactions;
        this.properties = properties;
        this.retries = new RetrySchedule(properties.retrySchedule());
        this.json = json;
        this.meters = meters;
        this.latency = Timer.builder("hookline.delivery.latency")
                .description("Time from sending a delivery request to its response")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** Runs {@code work} in a transaction as the delivery worker (cross-tenant role). */
    <T> T inWorkerTransaction(java.util.function.Supplier<T> work) {
        return transactions.inWorker(work);
    }

    AttemptResult attempt(Claim claim, SendOrder.Turn turn) {
        return attempt(claim, false, turn);
    }

    /**
     * Makes the attempt. A {@code finalAttempt} (the test endpoint's) is never retried, so a test
     * row cannot linger in the queue, least of all under a disabled webhook.
     */
    AttemptResult attempt(Claim claim, boolean finalAttempt) {
        return attempt(claim, finalAttempt, SendOrder.Turn.ANY);
    }

    /** Makes the attempt, handing a Kafka record over in {@code turn} (see {@link DeliveryTransport#turn}). */
    private AttemptResult attempt(Claim claim, boolean finalAttempt, SendOrder.Turn turn) {
        String deliveryId = claim.deliveryId();
        String eventId = claim.eventId();
        String eventType = claim.eventType();
        int attempt = claim.attempt();
        long leaseToken = claim.leaseToken();
        boolean async = claim.asyncAcknowledgement();
        String scheme = claim.signatureScheme();
        int maxAttempts = finalAttempt ? attempt : claim.maxAttempts();

        String body = claim.body();
        if (async) {
            String token = newAckToken();
            boolean stillOurs = inWorkerTransaction(() -> queue.setAckToken(deliveryId, leaseToken, hash(token)));
            if (!stillOurs) {
                return new AttemptResult(false, null, 0, "superseded by another worker");
            }
            body = withAckLink(body, publicUrl() + "/acks/" + token);
        }

        OffsetDateTime now = queue.now();
        WebhookRegistry.SigningSecrets secrets = openedSecrets.of(claim, now);

        long timestamp = now.toEpochSecond();
        // most webhooks add no headers of their own: no JSON to parse then
        Map<String, String> headers = claim.headersJson().equals("{}")
                ? new LinkedHashMap<>()
                : new LinkedHashMap<>(json.readValue(claim.headersJson(), HEADERS));
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("webhook-id", eventId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", Signatures.standard(secrets.all(), eventId, timestamp, body));
        headers.put("X-Event-Id", eventId);
        headers.put("X-Event-Type", eventType);
        headers.put("X-Administration-Code", claim.administrationCode());
        String triggeredBy = claim.triggeredBy();
        if (triggeredBy != null) {
            headers.put("X-TriggeredBy-Id", triggeredBy);
        }
        headers.put("X-Delivery-Attempt", Integer.toString(attempt));
        Map<String, String> logged = CredentialHeaders.masked(headers);
        if (scheme.equals("x-secret")) {
            headers.put("X-Secret", secrets.single());
            logged.put("X-Secret", CredentialHeaders.MASK);
        } else if (scheme.equals("message-hash")) {
            headers.put("MessageHash", Signatures.messageHash(secrets.single(), body));
            logged.put("MessageHash", headers.get("MessageHash"));
        }

        OffsetDateTime startedAt = queue.now();
        WebhookHttpClient.Outcome outcome = transport.send(claim, headers, body, turn);
        if (outcome.interrupted()) {
            // The node is stopping and cut the request short: not the receiver's failure. Hand
            // the delivery back as it was, for this or another node to send again.
            settler.submit(Settler.Item.release(claim, startedAt, outcome, queue.now()))
                    .join();
            return new AttemptResult(false, null, outcome.durationMillis(), outcome.error());
        }
        latency.record(outcome.durationMillis(), TimeUnit.MILLISECONDS);

        Settlement settlement = judge(outcome, async, attempt, maxAttempts);
        meters.counter("hookline.delivery.attempts", "outcome", settlement.outcome())
                .increment();
        Settler.Kind kind = settlement.success()
                ? Settler.Kind.SUCCESS
                : settlement.gone() ? Settler.Kind.GONE : Settler.Kind.FAILURE;
        boolean applied = settler.submit(new Settler.Item(
                        claim,
                        startedAt,
                        outcome,
                        // the log keeps only what it cannot derive from the delivery when read
                        json.writeValueAsString(
                                AttemptHeaders.toStore(logged, eventId, eventType, triggeredBy, attempt)),
                        outcome.status() == null ? null : json.writeValueAsString(outcome.headers()),
                        reason(outcome.body()),
                        settlement.status(),
                        settlement.nextAttemptAt(),
                        kind,
                        new java.util.concurrent.CompletableFuture<>()))
                .join();
        if (!applied) {
            log.info(
                    "delivery {} was taken over by another worker; its attempt {} result is dropped",
                    deliveryId,
                    attempt);
        }
        return new AttemptResult(settlement.success(), outcome.status(), outcome.durationMillis(), outcome.error());
    }

    /** Status, next attempt and outcome label for the metrics. */
    private record Settlement(
            DeliveryStatus status,
            @Nullable OffsetDateTime nextAttemptAt,
            String outcome,
            boolean success,
            boolean gone) {}

    private Settlement judge(WebhookHttpClient.Outcome outcome, boolean async, int attempt, int maxAttempts) {
        Integer status = outcome.status();
        if (outcome.acknowledged()) {
            // a queue destination's broker took the message: there is no 202 to wait on
            return new Settlement(DeliveryStatus.SUCCEEDED, null, "succeeded", true, false);
        }
        if (status != null && status >= 200 && status < 300) {
            if (async && status == 202) {
                // next_attempt_at of a waiting delivery is when its acknowledgement is overdue
                return new Settlement(
                        DeliveryStatus.WAITING,
                        queue.now().plus(properties.acknowledgementTimeout()),
                        "waiting",
                        true,
                        false);
            }
            return new Settlement(DeliveryStatus.SUCCEEDED, null, "succeeded", true, false);
        }
        if (status != null && status == 410) {
            return new Settlement(DeliveryStatus.FAILED, null, "gone", false, true);
        }
        if (attempt >= maxAttempts) {
            return new Settlement(DeliveryStatus.FAILED, null, "failed", false, false);
        }
        Duration retryAfter = status != null && (status == 429 || status == 503) ? retryAfter(outcome.headers()) : null;
        Duration delay = retries.delayBefore(attempt + 1, retryAfter);
        return new Settlement(DeliveryStatus.PENDING, queue.now().plus(delay), "retrying", false, false);
    }

    /** A {@code Retry-After} of seconds or an HTTP date, if present and sane (at most a day). */
    static @Nullable Duration retryAfter(Map<String, String> headers) {
        String value = headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("Retry-After"))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (value == null) {
            return null;
        }
        try {
            Duration delay = value.trim().chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(value.trim()))
                    : Duration.between(
                            ZonedDateTime.now(),
                            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
            return delay.isNegative() || delay.compareTo(Duration.ofDays(1)) > 0 ? null : delay;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The receiver's JSON {@code reason}, kept in the log. */
    private @Nullable String reason(@Nullable String body) {
        if (body == null || body.isBlank() || body.charAt(0) != '{') {
            return null;
        }
        try {
            JsonNode node = json.readTree(body).get("reason");
            if (node == null || !node.isString()) {
                return null;
            }
            return LoggedText.of(node.asString(), 1000);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String publicUrl() {
        String configured = properties.publicUrl();
        if (!configured.isBlank()) {
            return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        }
        return "http://localhost:" + environment.getProperty("local.server.port", "8080");
    }

    static String withAckLink(String envelope, String link) {
        int end = envelope.lastIndexOf('}');
        return envelope.substring(0, end) + ",\"meta\":{\"link\":\"" + link + "\"}}";
    }

    private static String newAckToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
