package io.hookline.domain.site;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a site user may use the site yet: {@code pending} until approved, then {@code approved}. */
public enum SiteUserStatus {
    PENDING("pending"),
    APPROVED("approved");

    private final String value;

    SiteUserStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static SiteUserStatus fromValue(String value) {
        for (SiteUserStatus status : values()) {
            if (status.value.equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown site user status " + value);
    }
}
