package io.hookline.api.order;

import io.hookline.domain.commerce.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "Money received for an order: in its currency, at most the amount due")
public record PaymentRequest(
        @NotNull Money amount,

        @Schema(example = "PSP-8842120", nullable = true) @Size(max = 100) @Nullable
        String reference) {}
