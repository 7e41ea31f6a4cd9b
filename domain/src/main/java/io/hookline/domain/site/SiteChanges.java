package io.hookline.domain.site;

import org.jspecify.annotations.Nullable;

/** Fields to create a site with, or to change (null = keep). */
public record SiteChanges(
        @Nullable String code,
        @Nullable String name,
        @Nullable String url,
        @Nullable String defaultCurrency) {}
