package io.hookline.domain.webhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for which header names carry credentials, used by every place that shows headers:
 * the webhook responses, the attempt a worker logs, and the delivery log read back. Their values
 * are write-only: a tenant who could read them back, or find them in an attempt log kept for 30
 * days, would hold the receiver's credentials without ever having been given them.
 */
public final class CredentialHeaders {

    /** What is shown instead of a credential value, and what a client sends back to keep it. */
    public static final String MASK = "********";

    /*
     * Substrings, so X-Api-Key, X-Auth-Token, Proxy-Authorization and Set-Cookie-like names are
     * all covered; "auth" already matches Authorization, and "cookie" is matched as a substring
     * too because a session cookie under any name is a credential.
     */
    private static final List<String> WORDS = List.of("auth", "cookie", "secret", "token", "key", "password");

    private CredentialHeaders() {}

    /** Whether a header of this name holds a credential (case-insensitive). */
    public static boolean isCredential(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return WORDS.stream().anyMatch(lower::contains);
    }

    /** The headers as they may be shown: credential values replaced by {@link #MASK}, order kept. */
    public static Map<String, String> masked(Map<String, String> headers) {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((name, value) -> shown.put(name, isCredential(name) ? MASK : value));
        return shown;
    }

    /**
     * The headers to store when a client sends {@code requested}: a credential header sent back
     * as {@link #MASK} keeps the value stored under that name (names compare case-insensitively,
     * as HTTP does). A masked header with nothing stored to keep is named in {@code unresolved}.
     */
    static Resolved resolve(Map<String, String> requested, Map<String, String> stored) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> unresolved = new java.util.ArrayList<>();
        requested.forEach((name, value) -> {
            if (MASK.equals(value) && isCredential(name)) {
                @Nullable String kept = storedValue(stored, name);
                if (kept == null) {
                    unresolved.add(name);
                    headers.put(name, value);
                } else {
                    headers.put(name, kept);
                }
            } else {
                headers.put(name, value);
            }
        });
        return new Resolved(headers, List.copyOf(unresolved));
    }

    /**
     * Whether {@code headers} still carries a credential value taken from {@code stored}: sent
     * to a new URL, it would hand the receiver's credential to whoever chose that URL.
     */
    static boolean keepsStoredCredential(Map<String, String> headers, Map<String, String> stored) {
        return headers.entrySet().stream()
                .anyMatch(header -> isCredential(header.getKey())
                        && header.getValue().equals(storedValue(stored, header.getKey())));
    }

    private static @Nullable String storedValue(Map<String, String> stored, String name) {
        return stored.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** The headers to store, and the masked names that had no stored value to keep. */
    record Resolved(Map<String, String> headers, List<String> unresolved) {}
}
