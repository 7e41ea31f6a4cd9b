package io.hookline.api.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookline.api.support.ApiClient;
import io.hookline.api.support.ApiClient.TestTenant;
import io.hookline.api.support.RunningApp;
import io.hookline.domain.testing.HostileReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Receivers that misbehave at the byte level, against a real node: each attempt ends within
 * the webhook's timeout, is recorded once with what can be stored, and the delivery reaches a
 * final state on its schedule — never a loop of sends at every lease.
 */
class HostileReceiverTests {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final RunningApp app = RunningApp.sharedWithDelivery();
    private final ApiClient api = app.client();

    private String webhook(TestTenant tenant, String url, int timeoutSeconds, int maxAttempts) {
        return api.webhook(
                tenant,
                url,
                Map.of("timeoutSeconds", timeoutSeconds, "retry", Map.of("enabled", true, "maxAttempts", maxAttempts)));
    }

    private void publish(TestTenant tenant) {
        api.publishSample(tenant, "order.placed");
    }

    private JsonNode finalDelivery(TestTenant tenant, String webhookId) {
        return api.finalDelivery(tenant, webhookId, DEADLINE);
    }

    @Test
    void aBodyWithNulAndInvalidUtf8IsRecordedWithReplacementCharactersAndTheDeliverySucceedsOnce() {
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.binaryBody())) {
            TestTenant tenant = api.newTenant();
            String webhookId = webhook(tenant, receiver.url("/nul"), 5, 3);
            publish(tenant);

            JsonNode delivery = finalDelivery(tenant, webhookId);

            assertThat(delivery.get("status").asString()).isEqualTo("succeeded");
            assertThat(delivery.get("attempts")).hasSize(1);
            JsonNode attempt = delivery.get("attempts").get(0);
            assertThat(attempt.get("responseStatus").asInt()).isEqualTo(200);
            assertThat(attempt.get("responseBody").asString())
                    .isEqualTo("ok\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD(\uFFFDend");
            assertThat(receiver.arrivals()).hasSize(1);
        }
    }

    @Test
    void aReceiverTricklingAByteEvery300msIsCutOffAtTheWebhooksTimeoutAndRetriedOnSchedule() {
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.trickle(Duration.ofMillis(300)))) {
            TestTenant tenant = api.newTenant();
            String webhookId = webhook(tenant, receiver.url("/trickle"), 1, 2);
            publish(tenant);

            JsonNode delivery = finalDelivery(tenant, webhookId);

            assertThat(delivery.get("status").asString()).isEqualTo("failed");
            assertThat(delivery.get("attempts")).hasSize(2);
            for (JsonNode attempt : delivery.get("attempts")) {
                assertThat(attempt.get("error").asString()).isEqualTo("no complete response within 1 s");
                assertThat(attempt.get("responseStatus").isNull()).isTrue();
                assertThat(attempt.get("durationMs").asInt()).isBetween(900, 2_000);
            }
            assertThat(receiver.arrivals()).hasSize(2);
        }
    }

    @Test
    void aReceiverThatNeverAnswersEndsEachAttemptAtTheTimeout() {
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.silent())) {
            TestTenant tenant = api.newTenant();
            String webhookId = webhook(tenant, receiver.url("/silent"), 1, 1);
            publish(tenant);

            JsonNode delivery = finalDelivery(tenant, webhookId);

            assertThat(delivery.get("status").asString()).isEqualTo("failed");
            JsonNode attempt = delivery.get("attempts").get(0);
            assertThat(attempt.get("error").asString()).isEqualTo("no complete response within 1 s");
            assertThat(attempt.get("durationMs").asInt()).isBetween(900, 2_000);
        }
    }

    @Test
    void aConnectionResetInTheMiddleOfTheBodyIsAFailedAttemptThatIsRetried() {
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.resetMidBody())) {
            TestTenant tenant = api.newTenant();
            String webhookId = webhook(tenant, receiver.url("/reset"), 5, 3);
            publish(tenant);

            JsonNode delivery = finalDelivery(tenant, webhookId);

            assertThat(delivery.get("status").asString()).isEqualTo("failed");
            assertThat(delivery.get("attempts")).hasSize(3);
            assertThat(delivery.get("attempts").get(0).get("error").asString()).startsWith("connection failed: ");
            assertThat(receiver.arrivals()).hasSize(3);
        }
    }

    @Test
    void aMegabyteOfResponseHeadersIsAFailedAttemptNotAnOutOfMemory() {
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.hugeHeader(1 << 20))) {
            TestTenant tenant = api.newTenant();
            String webhookId = webhook(tenant, receiver.url("/huge"), 5, 1);
            publish(tenant);

            JsonNode delivery = finalDelivery(tenant, webhookId);

            assertThat(delivery.get("status").asString()).isEqualTo("failed");
            assertThat(delivery.get("attempts").get(0).get("error").asString())
                    .isEqualTo("response headers over the limit (100 headers, 8192 bytes a line)");
        }
    }

    @Test
    void aRetryAfterOfAYearIsIgnoredAndTheScheduleApplies() {
        String inAYear = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusYears(1));
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.status(503, "Retry-After: 31536000"))) {
            TestTenant tenant = api.newTenant();
            String webhookId = webhook(tenant, receiver.url("/later"), 5, 3);
            Instant published = Instant.now();
            publish(tenant);

            // the second answer names an HTTP date a year ahead: ignored too
            Awaitility.await().atMost(DEADLINE).until(() -> !receiver.arrivals().isEmpty());
            receiver.behave(HostileReceiver.status(503, "Retry-After: " + inAYear));
            JsonNode delivery = finalDelivery(tenant, webhookId);

            assertThat(delivery.get("status").asString()).isEqualTo("failed");
            assertThat(delivery.get("attempts")).hasSize(3);
            assertThat(Duration.between(published, receiver.arrivals().get(2).at()))
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aResponseBodyOverTheCapIsKeptAs4KiBOfWholeCharacters() {
        byte[] body = "€".repeat(3000).getBytes(StandardCharsets.UTF_8);
        try (HostileReceiver receiver = new HostileReceiver(HostileReceiver.raw(500, "text/plain", body))) {
            TestTenant tenant = api.newTenant();
            String webhookId = webhook(tenant, receiver.url("/big"), 5, 1);
            publish(tenant);

            JsonNode attempt = finalDelivery(tenant, webhookId).get("attempts").get(0);

            assertThat(attempt.get("responseStatus").asInt()).isEqualTo(500);
            assertThat(attempt.get("responseBody").asString()).isEqualTo("€".repeat(1365));
        }
    }
}
