package io.hookline.api.site;

import io.hookline.domain.site.SiteUserChanges;
import io.hookline.domain.site.SiteUserStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A new user of the site; the e-mail address is unique within the site")
public record CreateSiteUserRequest(
        @Schema(example = "jane.doe@example.com") @NotBlank @Size(max = 320)
        String email,

        @Schema(example = "Jane Doe") @NotBlank @Size(max = 200)
        String name,

        @Schema(
                description = "pending (the default) awaits POST …/approve and emits site.user.approval_requested;"
                        + " approved creates the user already approved",
                defaultValue = "pending")
        @Nullable
        SiteUserStatus status) {

    SiteUserChanges toChanges() {
        return new SiteUserChanges(email, name, status);
    }
}
