package io.hookline.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Counting attempts and deliveries, adding counts up, and a batch's rows. */
class DeliveryCountsTests {

    @Test
    void attemptsAreCountedByClassAndTheSuccessRateIsSucceededOverAllRoundedToFourDecimals() {
        DeliveryCounts counts = new DeliveryCounts();
        for (int i = 0; i < 10; i++) {
            counts.countAttempt(AttemptClass.SUCCEEDED, 12L);
        }
        counts.countAttempt(AttemptClass.TIMEOUT, 1_000L).countAttempt(AttemptClass.HTTP_4XX, 40L);
        counts.countFinished(DeliveryStatus.SUCCEEDED).countFinished(DeliveryStatus.FAILED);

        assertThat(counts.attempts()).isEqualTo(12);
        assertThat(counts.attempts(AttemptClass.SUCCEEDED)).isEqualTo(10);
        assertThat(counts.attempts(AttemptClass.TIMEOUT)).isEqualTo(1);
        assertThat(counts.attempts(AttemptClass.HTTP_4XX)).isEqualTo(1);
        assertThat(counts.attempts(AttemptClass.CONNECTION)).isZero();
        assertThat(counts.successRate()).isEqualTo(0.8333);
        assertThat(counts.deliveriesSucceeded()).isEqualTo(1);
        assertThat(counts.deliveriesFailed()).isEqualTo(1);
        assertThat(counts.latency().total()).isEqualTo(12);
        assertThat(counts.latency().percentile(50)).isEqualTo(12);
        assertThat(counts.latency().percentile(99))
                .isEqualTo(LatencyHistogram.representative(LatencyHistogram.bin(1_000)));
    }

    @Test
    void noAttemptsMeanNoSuccessRateAndNoLatency() {
        DeliveryCounts counts = new DeliveryCounts().countFinished(DeliveryStatus.FAILED);

        assertThat(counts.successRate()).isNull();
        assertThat(counts.latency().percentile(50)).isNull();
        assertThat(counts.isEmpty()).isFalse();
        assertThat(new DeliveryCounts().isEmpty()).isTrue();
    }

    @Test
    void anAttemptWithoutADurationCountsButStaysOutOfTheHistogram() {
        DeliveryCounts counts = new DeliveryCounts().countAttempt(AttemptClass.OTHER, null);

        assertThat(counts.attempts(AttemptClass.OTHER)).isEqualTo(1);
        assertThat(counts.latency().total()).isZero();
        assertThat(counts.successRate()).isEqualTo(0.0);
    }

    @Test
    void addingCountsSumsEveryFigureAndTheHistograms() {
        DeliveryCounts a = new DeliveryCounts()
                .countAttempt(AttemptClass.SUCCEEDED, 5L)
                .countAttempt(AttemptClass.HTTP_5XX, 9L)
                .countFinished(DeliveryStatus.SUCCEEDED);
        DeliveryCounts b = new DeliveryCounts()
                .countAttempt(AttemptClass.CONNECTION, 2L)
                .countAttempt(AttemptClass.SUCCEEDED, 300L)
                .countFinished(DeliveryStatus.FAILED);
        DeliveryCounts expected = new DeliveryCounts()
                .countAttempt(AttemptClass.SUCCEEDED, 5L)
                .countAttempt(AttemptClass.HTTP_5XX, 9L)
                .countAttempt(AttemptClass.CONNECTION, 2L)
                .countAttempt(AttemptClass.SUCCEEDED, 300L)
                .countFinished(DeliveryStatus.SUCCEEDED)
                .countFinished(DeliveryStatus.FAILED);

        assertThat(a.add(b)).isEqualTo(expected);
        assertThat(a.successRate()).isEqualTo(0.5);
        assertThat(a.latency().percentile(50)).isEqualTo(5);
        assertThat(a.latency().percentile(95)).isEqualTo(LatencyHistogram.representative(LatencyHistogram.bin(300)));
    }

    @Test
    void onlyAFinalStatusFinishesADelivery() {
        assertThatThrownBy(() -> new DeliveryCounts().countFinished(DeliveryStatus.PENDING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a delivery finishes succeeded or failed, not PENDING");
    }

    @Test
    void aTallyHasOneRowPerWebhookAndHourInTenantWebhookHourOrder() {
        OffsetDateTime nine = OffsetDateTime.of(2026, 12, 1, 9, 59, 59, 0, ZoneOffset.UTC);
        OffsetDateTime ten = nine.plusSeconds(1);
        OffsetDateTime tenInParis =
                ten.withOffsetSameInstant(ZoneOffset.ofHours(1)).plusMinutes(30);
        StatsTally tally = new StatsTally()
                .attempt("ten_B", "wh_1", ten, AttemptClass.SUCCEEDED, 3L)
                .attempt("ten_A", "wh_2", nine, AttemptClass.HTTP_5XX, 4L)
                .attempt("ten_A", "wh_2", ten, AttemptClass.SUCCEEDED, 5L)
                .finished("ten_A", "wh_2", tenInParis, DeliveryStatus.SUCCEEDED)
                .attempt("ten_A", "wh_1", ten, AttemptClass.TIMEOUT, 6L);

        assertThat(tally.rows().keySet())
                .containsExactly(
                        new StatsTally.Key("ten_A", "wh_1", ten.toInstant()),
                        new StatsTally.Key("ten_A", "wh_2", nine.toInstant().minusSeconds(3_599)),
                        new StatsTally.Key("ten_A", "wh_2", ten.toInstant()),
                        new StatsTally.Key("ten_B", "wh_1", ten.toInstant()));
        DeliveryCounts tenOClock = java.util.Objects.requireNonNull(
                tally.rows().get(new StatsTally.Key("ten_A", "wh_2", ten.toInstant())));
        assertThat(tenOClock.attempts()).isEqualTo(1);
        assertThat(tenOClock.deliveriesSucceeded()).isEqualTo(1);
        assertThat(new StatsTally().isEmpty()).isTrue();
    }
}
