package io.hookline.domain.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a delivery proves it came from Hookline (SPEC §7). */
public enum SignatureScheme {
    /** Standard Webhooks: {@code webhook-signature: v1,<base64 HMAC-SHA256>}. */
    @JsonProperty("standard")
    STANDARD("standard"),
    /** Standard Webhooks plus the raw secret in {@code X-Secret}, for receivers that cannot compute an HMAC. */
    @JsonProperty("x-secret")
    X_SECRET("x-secret"),
    /** Standard Webhooks plus {@code MessageHash: hex SHA-1(secret + body)}. */
    @JsonProperty("message-hash")
    MESSAGE_HASH("message-hash");

    private final String value;

    SignatureScheme(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static SignatureScheme fromValue(String value) {
        for (SignatureScheme scheme : values()) {
            if (scheme.value.equals(value)) {
                return scheme;
            }
        }
        throw new IllegalArgumentException("unknown signature scheme " + value);
    }
}
