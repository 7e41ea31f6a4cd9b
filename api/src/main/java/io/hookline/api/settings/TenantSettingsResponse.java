package io.hookline.api.settings;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

@Schema(description = "The calling tenant's settings")
public record TenantSettingsResponse(
        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Where the tenant's notifications (webhook disabled, delivery exhausted,"
                                        + " webhook recovered) are e-mailed; empty = nobody"),
                schema = @Schema(example = "ops@acme.example"),
                maxItems = 10)
        List<String> notificationEmails) {}
