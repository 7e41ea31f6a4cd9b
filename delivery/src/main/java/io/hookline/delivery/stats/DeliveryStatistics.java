package io.hookline.delivery.stats;

import static io.hookline.domain.jooq.Tables.DELIVERY_STATS;

import io.hookline.domain.delivery.DeliveryCounts;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.tenancy.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads a webhook's or a tenant's delivery statistics from {@code delivery_stats}: at most one
 * row per webhook and hour of the window (720 for 30 days), added up into the window's buckets
 * and totals in memory. Latency percentiles come from adding the hours' histograms, so they are
 * percentiles of the window's attempts, not averages of hourly ones.
 */
@Service
public class DeliveryStatistics {

    private final DSLContext dsl;
    private final WebhookRegistry webhooks;
    private final Clock clock;

    DeliveryStatistics(DSLContext dsl, WebhookRegistry webhooks, Clock clock) {
        this.dsl = dsl;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** One webhook's statistics; 404 for a webhook the tenant does not have. */
    @Transactional(readOnly = true)
    public StatsReport webhook(TenantId tenant, WebhookId webhook, StatsWindow window) {
        webhooks.get(tenant, webhook);
        return report(tenant, webhook.value(), window);
    }

    /** The tenant's whole traffic: every webhook's, deleted ones' included until retention removes them. */
    @Transactional(readOnly = true)
    public StatsReport tenant(TenantId tenant, StatsWindow window) {
        return report(tenant, null, window);
    }

    private StatsReport report(TenantId tenant, @Nullable String webhookId, StatsWindow window) {
        Instant until = window.until(clock.instant());
        Instant from = until.minus(window.bucket().multipliedBy(window.buckets()));
        List<DeliveryCounts> buckets = new ArrayList<>(window.buckets());
        for (int i = 0; i < window.buckets(); i++) {
            buckets.add(new DeliveryCounts());
        }
        Condition condition = DELIVERY_STATS
                .TENANT_ID
                .eq(tenant.value())
                .and(DELIVERY_STATS.BUCKET_START.ge(utc(from)))
                .and(DELIVERY_STATS.BUCKET_START.lt(utc(until)));
        if (webhookId != null) {
            condition = condition.and(DELIVERY_STATS.WEBHOOK_ID.eq(webhookId));
        }
        long bucketSeconds = window.bucket().toSeconds();
        for (Record row : dsl.selectFrom(DELIVERY_STATS).where(condition).fetch()) {
            Instant hour = row.get(DELIVERY_STATS.BUCKET_START).toInstant();
            int index = (int) ((hour.getEpochSecond() - from.getEpochSecond()) / bucketSeconds);
            buckets.get(index).add(counts(row));
        }
        DeliveryCounts totals = new DeliveryCounts();
        List<StatsReport.Bucket> listed = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            totals.add(buckets.get(i));
            listed.add(new StatsReport.Bucket(utc(from.plus(window.bucket().multipliedBy(i))), buckets.get(i)));
        }
        return new StatsReport(window, utc(from), utc(until), webhookId, totals, listed);
    }

    private static DeliveryCounts counts(Record row) {
        Long[] histogram = row.get(DELIVERY_STATS.LATENCY_HISTOGRAM);
        long[] bins = new long[histogram.length];
        for (int i = 0; i < bins.length; i++) {
            bins[i] = histogram[i];
        }
        return DeliveryCounts.of(
                row.get(DELIVERY_STATS.ATTEMPTS_SUCCEEDED),
                row.get(DELIVERY_STATS.ATTEMPTS_TIMEOUT),
                row.get(DELIVERY_STATS.ATTEMPTS_CONNECTION),
                row.get(DELIVERY_STATS.ATTEMPTS_4XX),
                row.get(DELIVERY_STATS.ATTEMPTS_5XX),
                row.get(DELIVERY_STATS.ATTEMPTS_OTHER),
                row.get(DELIVERY_STATS.DELIVERIES_SUCCEEDED),
                row.get(DELIVERY_STATS.DELIVERIES_FAILED),
                bins);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
