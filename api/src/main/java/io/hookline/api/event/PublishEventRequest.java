package io.hookline.api.event;

import io.hookline.tenancy.IdPrefix;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

@Schema(description = "An event of a catalog type; data must match the type's JSON Schema")
public record PublishEventRequest(
        @Schema(example = "order.placed") @NotBlank @Size(max = 100)
        String type,

        @Schema(description = "The event's data, as the type's schema describes it (GET /v1/event-types)") @NotNull
        Map<String, Object> data,

        @Schema(example = "site_01JD3Q7ZK8M5W2X9R4T6Y1B0S1", nullable = true, maxLength = 31)
        @Pattern(regexp = IdPrefix.SITE_ID_PATTERN, message = "must be a site id (site_…)")
        @Nullable
        String siteId) {}
