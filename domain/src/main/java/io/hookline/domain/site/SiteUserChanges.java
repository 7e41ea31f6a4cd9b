package io.hookline.domain.site;

import org.jspecify.annotations.Nullable;

/**
 * Fields to create a site user with, or to change (null = keep). {@code status} counts only on
 * create (absent = {@code pending}); afterwards a user changes status only by being approved.
 */
public record SiteUserChanges(
        @Nullable String email,
        @Nullable String name,
        @Nullable SiteUserStatus status) {

    public static SiteUserChanges of(@Nullable String email, @Nullable String name) {
        return new SiteUserChanges(email, name, null);
    }
}
