package io.hookline.api.site;

import io.hookline.domain.site.SiteChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A partial change of a site: fields left out keep their value")
public record UpdateSiteRequest(
        @Size(min = 1, max = 64) @Nullable String code,
        @Size(min = 1, max = 200) @Nullable String name,
        @Size(max = 2048) @Nullable String url,

        @Schema(description = "ISO 4217 currency the site sells in", maxLength = 3, pattern = "^[A-Z]{3}$") @Nullable
        String defaultCurrency) {

    SiteChanges toChanges() {
        return new SiteChanges(code, name, url, defaultCurrency);
    }
}
