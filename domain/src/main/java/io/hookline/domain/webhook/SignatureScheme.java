package io.hookline.domain.webhook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a delivery proves it came from Hookline (`docs/delivery.md`, "The request"). */
public enum SignatureScheme {
    /** Standard Webhooks: {@code webhook-signature: v1,<base64 HMAC-SHA256>}. */
    STANDARD("standard"),
    /** Standard Webhooks plus the raw secret in {@code X-Secret}, for receivers that cannot compute an HMAC. */
    X_SECRET("x-secret"),
    /** Standard Webhooks plus {@code MessageHash: hex SHA-1(secret + body)}. */
    MESSAGE_HASH("message-hash");

    private final String value;

    SignatureScheme(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    @JsonCreator
    public static SignatureScheme fromValue(String value) {
        for (SignatureScheme scheme : values()) {
            if (scheme.value.equals(value)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unknown signature scheme " + value);
    }
}
