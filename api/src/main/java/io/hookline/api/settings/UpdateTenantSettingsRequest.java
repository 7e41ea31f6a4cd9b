package io.hookline.api.settings;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "A partial change of the tenant's settings: fields left out keep their value")
public record UpdateTenantSettingsRequest(
        @ArraySchema(
                arraySchema =
                        @Schema(
                                description = "Replaces every address: at most 10, each a plain e-mail address"
                                        + " (local@domain.tld, no display name), each once; [] = nobody"),
                schema = @Schema(example = "ops@acme.example", maxLength = 254),
                maxItems = 10)
        @Nullable
        List<@NotNull String> notificationEmails) {}
