package io.hookline.tenancy.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedStoreCircuitTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SharedStoreCircuit circuit = new SharedStoreCircuit(Duration.ofSeconds(5), now::get);

    @Test
    void afterAFailureNoCallAsksTheStoreUntilTheIntervalHasPassed() {
        assertThat(circuit.allowsCall()).isTrue();

        circuit.failed(new IllegalStateException("connection refused"));
        now.addAndGet(Duration.ofMillis(4_999).toNanos());

        assertThat(circuit.allowsCall()).isFalse();
        assertThat(circuit.available()).isFalse();
    }

    @Test
    void onceTheIntervalHasPassedExactlyOneCallTriesTheStore() {
        circuit.failed(new IllegalStateException("connection refused"));
        now.addAndGet(Duration.ofSeconds(5).toNanos());

        assertThat(circuit.allowsCall()).isTrue();
        assertThat(circuit.allowsCall()).isFalse();
    }

    @Test
    void aFailedTrialWaitsAnotherIntervalAndASuccessfulOneClosesTheCircuit() {
        circuit.failed(new IllegalStateException("connection refused"));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(circuit.allowsCall()).isTrue();
        circuit.failed(new IllegalStateException("still refused"));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(circuit.allowsCall()).isFalse();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(circuit.allowsCall()).isTrue();

        circuit.succeeded();

        assertThat(circuit.available()).isTrue();
        assertThat(circuit.allowsCall()).isTrue();
        assertThat(circuit.allowsCall()).isTrue();
    }
}
