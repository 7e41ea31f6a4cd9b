package io.hookline.delivery.worker;

import io.hookline.domain.delivery.Claim;
import io.hookline.domain.delivery.Deferral;
import io.hookline.domain.delivery.DeliveryQueue;
import io.hookline.tenancy.ratelimit.RateLimiter;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Each webhook's own rate limit ({@code rateLimit} deliveries per second): a Bucket4j bucket per
 * webhook in the store the API's rate limits use (Redis, shared by every node, when
 * {@code hookline.ratelimit.store=redis}; else this node's memory). A claimed delivery that finds
 * no token is not sent: it goes back to the queue, due when a token is (see
 * {@link DeliveryQueue#defer}), with no attempt counted, so a throttled backlog holds no lease,
 * no connection and no worker while it waits, and other webhooks' deliveries pass it by.
 */
@Component
class DeliveryThrottle {

    /** What to send now, and what to hand back for later. */
    record Split(List<Claim> send, List<Deferral> deferred) {}

    private final RateLimiter limiter;
    private final DeliveryQueue queue;

    DeliveryThrottle(RateLimiter limiter, DeliveryQueue queue) {
        this.limiter = limiter;
        this.queue = queue;
    }

    Split split(List<Claim> claimed) {
        if (claimed.stream().allMatch(claim -> claim.rateLimit() == null)) {
            return new Split(claimed, List.of());
        }
        List<Claim> send = new ArrayList<>();
        List<Deferral> deferred = new ArrayList<>();
        // once a webhook is out of tokens, the rest of its batch waits too, without asking again
        Map<String, OffsetDateTime> outOfTokens = new HashMap<>();
        OffsetDateTime now = queue.now();
        for (Claim claim : claimed) {
            Integer rate = claim.rateLimit();
            if (rate == null) {
                send.add(claim);
                continue;
            }
            OffsetDateTime until = outOfTokens.get(claim.webhookId());
            if (until == null) {
                long wait = limiter.tryThrottle("webhook:" + claim.webhookId(), rate);
                if (wait == 0) {
                    send.add(claim);
                    continue;
                }
                until = now.plusNanos(wait);
                outOfTokens.put(claim.webhookId(), until);
            }
            deferred.add(new Deferral(claim, until));
        }
        return new Split(send, deferred);
    }
}
