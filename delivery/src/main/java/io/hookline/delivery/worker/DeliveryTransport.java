package io.hookline.delivery.worker;

import io.hookline.delivery.http.WebhookHttpClient;
import io.hookline.delivery.queue.AmqpPublisher;
import io.hookline.delivery.queue.KafkaPublisher;
import io.hookline.delivery.queue.SendOrder;
import io.hookline.domain.delivery.Claim;
import io.hookline.domain.webhook.Destination;
import io.hookline.domain.webhook.WebhookDestinationChanged;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.tenancy.TenantId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries one signed delivery to where its webhook points — an HTTPS POST, a Kafka record or an
 * AMQP message — and reports the outcome in one shape, so signing, the log, retries, disabling
 * and statistics stay the same for every kind of destination. A broker's acknowledgement is the
 * queue destinations' 2xx.
 */
@Component
class DeliveryTransport {

    private final WebhookHttpClient http;
    private final KafkaPublisher kafka;
    private final AmqpPublisher amqp;
    private final WebhookRegistry webhooks;
    private final JsonMapper json;
    private static final int PARSED_KEPT = 1_000;

    private final SendOrder order = new SendOrder();

    /**
     * Destinations by their stored text, parsed once: every claimed delivery is asked for its
     * destination twice (its turn on the claiming loop, then its send), and a node sees few
     * distinct ones.
     */
    private final ConcurrentHashMap<String, Destination> parsed = new ConcurrentHashMap<>();

    DeliveryTransport(
            WebhookHttpClient http,
            KafkaPublisher kafka,
            AmqpPublisher amqp,
            WebhookRegistry webhooks,
            JsonMapper json) {
        this.http = http;
        this.kafka = kafka;
        this.amqp = amqp;
        this.webhooks = webhooks;
        this.json = json;
    }

    /**
     * The delivery's place in its webhook's order, to be taken by the claiming loop in the
     * claim's order: a Kafka webhook's records are handed to the producer in that order (see
     * {@link SendOrder}); other destinations keep none, their requests go out side by side.
     */
    SendOrder.Turn turn(Claim claim) {
        return destination(claim) instanceof Destination.Kafka ? order.take(claim.webhookId()) : SendOrder.Turn.ANY;
    }

    WebhookHttpClient.Outcome send(Claim claim, Map<String, String> headers, String body, SendOrder.Turn turn) {
        return switch (destination(claim)) {
            case Destination.Https https -> http.post(claim.url(), headers, body, claim.timeoutSeconds());
            case Destination.Kafka topic ->
                kafka.publish(
                        claim.webhookId(),
                        topic,
                        password(claim),
                        switch (topic.key()) {
                            case TENANT -> claim.tenantId();
                            case EVENT_TYPE -> claim.eventType();
                            case WEBHOOK -> claim.webhookId();
                        },
                        headers,
                        body,
                        claim.timeoutSeconds(),
                        turn);
            case Destination.Amqp exchange ->
                amqp.publish(claim.webhookId(), exchange, password(claim), headers, body, claim.timeoutSeconds());
        };
    }

    private Destination destination(Claim claim) {
        String stored = claim.destinationJson();
        Destination known = parsed.get(stored);
        if (known == null) {
            known = json.readValue(stored, Destination.class);
            if (parsed.size() >= PARSED_KEPT) {
                parsed.clear();
            }
            parsed.put(stored, known);
        }
        return known;
    }

    /** The webhook changed or went: what this node keeps open for it is closed. */
    @EventListener
    void on(WebhookDestinationChanged changed) {
        kafka.evict(changed.webhookId().value());
        amqp.evict(changed.webhookId().value());
    }

    private @org.jspecify.annotations.Nullable String password(Claim claim) {
        return webhooks.openDestinationSecret(
                new TenantId(claim.tenantId()),
                new WebhookId(claim.webhookId()),
                claim.destinationSecretCiphertext(),
                claim.destinationSecretKeyId());
    }
}
