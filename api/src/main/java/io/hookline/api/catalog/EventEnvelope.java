package io.hookline.api.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

@Schema(description = "The body every delivery carries")
public record EventEnvelope(
        @Schema(example = "evt_01JD3Q7ZK8M5W2X9R4T6Y1B0NC") String id,
        @Schema(example = "order.placed") String type,
        OffsetDateTime timestamp,
        String tenantId,
        @Schema(example = "ACME01") String administrationCode,
        @Schema(nullable = true) @Nullable String siteId,

        @Schema(nullable = true, example = "usr_01JD3Q7ZK8M5W2X9R4T6Y1B0NC") @Nullable
        String triggeredBy,

        Map<String, Object> data) {}
