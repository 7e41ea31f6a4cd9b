package io.hookline.api.site;

import io.hookline.domain.site.SiteUser;
import io.hookline.domain.site.SiteUserStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

@Schema(description = "A user of a site")
public record SiteUserResponse(
        @Schema(example = "siu_01JD3Q7ZK8M5W2X9R4T6Y1B0V1") String id,
        @Schema(example = "site_01JD3Q7ZK8M5W2X9R4T6Y1B0S1") String siteId,
        @Schema(example = "jane.doe@example.com") String email,
        @Schema(example = "Jane Doe") String name,
        SiteUserStatus status,

        @Schema(description = "When the user was approved; null while pending", nullable = true) @Nullable
        OffsetDateTime approvedAt,

        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static SiteUserResponse of(SiteUser user) {
        return new SiteUserResponse(
                user.id(),
                user.siteId(),
                user.email(),
                user.name(),
                user.status(),
                user.approvedAt(),
                user.createdAt(),
                user.updatedAt());
    }
}
