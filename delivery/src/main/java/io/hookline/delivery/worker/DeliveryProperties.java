package io.hookline.delivery.worker;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hookline.delivery.*}.
 *
 * @param enabled whether this node runs the delivery worker's loop; off, it claims, sends and sweeps nothing on its
 *     own (retention still runs)
 * @param retrySchedule delay before attempt n (the first is "0s": at once)
 * @param disableAfterFailures consecutive failed attempts, with no success between, that disable a webhook
 * @param concurrency requests in flight per node
 * @param perWebhookInFlight requests in flight per webhook across the cluster, so one slow endpoint cannot take every
 *     worker (32 of the node's 256: a receiver that wants fewer gets a throttle, not a slower platform)
 * @param batchSize deliveries claimed per claim transaction
 * @param lease how long a claim is owned; longer than the 30 s maximum request timeout
 * @param publicUrl base URL receivers use for the async acknowledgement link; empty = this node's
 *     {@code http://localhost:<port>}, right only for local use
 * @param acknowledgementTimeout how long a {@code waiting} delivery (answered 202 with
 *     {@code asyncAcknowledgement}) waits for its acknowledgement before that counts as a failed attempt
 * @param sweepInterval how often a node looks for expired leases and overdue acknowledgements
 */
@ConfigurationProperties("hookline.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean enabled,

        @DefaultValue({"0s", "5s", "5m", "30m", "2h", "5h", "10h", "10h", "14h", "20h"})
        List<Duration> retrySchedule,

        @DefaultValue("100") int disableAfterFailures,
        @DefaultValue("256") int concurrency,
        @DefaultValue("32") int perWebhookInFlight,
        @DefaultValue("200") int batchSize,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("") String publicUrl,
        @DefaultValue("24h") Duration acknowledgementTimeout,
        @DefaultValue("1s") Duration sweepInterval) {}
