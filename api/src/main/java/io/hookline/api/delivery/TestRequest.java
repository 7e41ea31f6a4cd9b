package io.hookline.api.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "What the test sends; no body, or no eventType, sends webhook.test")
public record TestRequest(
        @Schema(
                description = "Any event type of the catalog; the delivery carries that type's sample data"
                        + " (GET /v1/event-types/{name}/sample) and \"test\": true in the envelope",
                example = "order.placed",
                nullable = true)
        @Size(max = 100)
        @Nullable
        String eventType) {}
