package io.hookline.domain.site;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** A user of one site as the API returns it (and as its events carry it, plus the site's code). */
public record SiteUser(
        String id,
        String siteId,
        String email,
        String name,
        SiteUserStatus status,
        @Nullable OffsetDateTime approvedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
