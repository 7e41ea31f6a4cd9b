package io.hookline.api.dev;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "What the dev token should allow; every field is optional.")
public record DevTokenRequest(
        @Schema(
                description = "Tenant the token is for (default: the demo tenant)",
                example = "ten_01JD3Q7ZK8M5W2X9R4T6Y1B0NC")
        @Nullable
        String tenantId,

        @Schema(description = "Scopes (default: every tenant scope, i.e. all but platform:admin)") @Nullable
        List<String> scopes,

        @Schema(description = "Lifetime in seconds (default 3600)", example = "3600") @Min(1) @Max(86400) @Nullable
        Integer ttlSeconds) {}
