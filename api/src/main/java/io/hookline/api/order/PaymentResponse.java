package io.hookline.api.order;

import io.hookline.domain.commerce.Money;
import io.hookline.domain.order.Payment;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

@Schema(description = "A payment received for an order")
public record PaymentResponse(
        @Schema(example = "pay_01JD3Q7ZK8M5W2X9R4T6Y1B0Y1") String id,
        String orderId,
        Money amount,
        @Schema(nullable = true) @Nullable String reference,
        OffsetDateTime receivedAt) {

    static PaymentResponse of(Payment payment) {
        return new PaymentResponse(
                payment.id(), payment.orderId(), payment.amount(), payment.reference(), payment.receivedAt());
    }
}
