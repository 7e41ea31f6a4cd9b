package io.hookline.api.site;

import io.hookline.domain.site.Site;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

@Schema(description = "A storefront site")
public record SiteResponse(
        @Schema(example = "site_01JD3Q7ZK8M5W2X9R4T6Y1B0S1") String id,
        @Schema(example = "WEBSHOP") String code,
        @Schema(example = "Acme Webshop") String name,

        @Schema(example = "https://shop.acme.example", nullable = true) @Nullable
        String url,

        @Schema(example = "EUR", nullable = true) @Nullable String defaultCurrency,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static SiteResponse of(Site site) {
        return new SiteResponse(
                site.id(),
                site.code(),
                site.name(),
                site.url(),
                site.defaultCurrency(),
                site.createdAt(),
                site.updatedAt());
    }
}
