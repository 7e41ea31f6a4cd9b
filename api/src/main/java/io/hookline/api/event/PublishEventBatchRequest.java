package io.hookline.api.event;

import io.hookline.tenancy.IdPrefix;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

@Schema(description = "1 to 100 events, each published as POST /v1/events would publish it")
public record PublishEventBatchRequest(
        @ArraySchema(minItems = 1, maxItems = 100)
        @NotNull
        @Size(min = 1, max = 100, message = "must hold 1 to 100 events")
        List<@Nullable Item> events) {

    @Schema(
            name = "PublishEventBatchItem",
            description = "An event of a catalog type; data must match the type's JSON Schema")
    public record Item(
            @Schema(example = "order.placed") @NotBlank @Size(max = 100)
            String type,

            @Schema(description = "The event's data, as the type's schema describes it (GET /v1/event-types)") @NotNull
            Map<String, Object> data,

            @Schema(example = "site_01JD3Q7ZK8M5W2X9R4T6Y1B0S1", nullable = true, maxLength = 31)
            @Pattern(regexp = IdPrefix.SITE_ID_PATTERN, message = "must be a site id (site_…)")
            @Nullable
            String siteId,

            @Schema(
                    description = "What the Idempotency-Key header is for a single publish: the same key with"
                            + " the same event within 24 h returns the first event (200), with a different"
                            + " event it is refused (422)",
                    example = "order-SO-1001-placed",
                    nullable = true)
            @Size(min = 1, max = 255, message = "must be 1 to 255 characters")
            @Nullable
            String idempotencyKey) {}
}
