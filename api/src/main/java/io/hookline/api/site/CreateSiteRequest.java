package io.hookline.api.site;

import io.hookline.domain.site.SiteChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A new site; code is unique within the tenant")
public record CreateSiteRequest(
        @Schema(example = "WEBSHOP") @NotBlank @Size(max = 64)
        String code,

        @Schema(example = "Acme Webshop") @NotBlank @Size(max = 200)
        String name,

        @Schema(
                description = "The storefront's address, an absolute http or https URL",
                example = "https://shop.acme.example",
                nullable = true)
        @Size(max = 2048)
        @Nullable
        String url,

        @Schema(
                description = "ISO 4217 currency the site sells in",
                example = "EUR",
                nullable = true,
                maxLength = 3,
                pattern = "^[A-Z]{3}$")
        @Nullable
        String defaultCurrency) {

    SiteChanges toChanges() {
        return new SiteChanges(code, name, url, defaultCurrency);
    }
}
