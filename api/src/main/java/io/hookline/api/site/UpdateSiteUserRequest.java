package io.hookline.api.site;

import io.hookline.domain.site.SiteUserChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(
        description = "A partial change of a site user: fields left out keep their value."
                + " The status changes only through POST …/approve")
public record UpdateSiteUserRequest(
        @Size(min = 1, max = 320) @Nullable String email,
        @Size(min = 1, max = 200) @Nullable String name) {

    SiteUserChanges toChanges() {
        return SiteUserChanges.of(email, name);
    }
}
