package io.hookline.delivery.worker;

import io.hookline.domain.delivery.Claim;
import io.hookline.domain.webhook.WebhookId;
import io.hookline.domain.webhook.WebhookRegistry;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The signing secrets of the webhooks this node delivers to, opened once per sealed value
 * instead of once per attempt (AES-GCM, about a twentieth of the worker's processor time in the
 * benchmark's profile). The key is the sealed bytes themselves, so a rotation or a new
 * encryption key is a new entry and never serves a stale secret; the previous secret's grace is
 * checked at every use. Bounded: past {@link #MAX_ENTRIES} webhooks the whole map is dropped
 * and filled again as deliveries go out. The plain secrets stay in this node's memory only,
 * where every attempt had them anyway.
 */
final class OpenedSecrets {

    static final int MAX_ENTRIES = 10_000;

    private record Opened(
            String current,
            @Nullable String previous,
            @Nullable OffsetDateTime graceEnds) {}

    private final WebhookRegistry webhooks;
    private final Map<String, Opened> opened = new ConcurrentHashMap<>();

    OpenedSecrets(WebhookRegistry webhooks) {
        this.webhooks = webhooks;
    }

    /** The secrets in force for the claim's webhook at {@code now}. */
    WebhookRegistry.SigningSecrets of(Claim claim, OffsetDateTime now) {
        Base64.Encoder base64 = Base64.getEncoder();
        byte[] previousCiphertext = claim.previousSecretCiphertext();
        String key = claim.webhookId()
                + '|'
                + claim.secretKeyId()
                + '|'
                + base64.encodeToString(claim.secretCiphertext())
                + '|'
                + claim.previousSecretKeyId()
                + '|'
                + (previousCiphertext == null ? "" : base64.encodeToString(previousCiphertext))
                + '|'
                + claim.previousSecretExpiresAt();
        Opened entry = opened.get(key);
        if (entry == null) {
            // opened with the grace treated as running; whether it still runs is decided below, per use
            WebhookRegistry.SigningSecrets secrets = webhooks.openSecrets(
                    new TenantId(claim.tenantId()),
                    new WebhookId(claim.webhookId()),
                    claim.secretCiphertext(),
                    claim.secretKeyId(),
                    previousCiphertext,
                    claim.previousSecretKeyId(),
                    claim.previousSecretExpiresAt() == null ? null : OffsetDateTime.MAX);
            entry = new Opened(secrets.current(), secrets.previous(), claim.previousSecretExpiresAt());
            if (opened.size() >= MAX_ENTRIES) {
                opened.clear();
            }
            opened.put(key, entry);
        }
        OffsetDateTime graceEnds = entry.graceEnds();
        boolean inGrace = entry.previous() != null && graceEnds != null && graceEnds.isAfter(now);
        return new WebhookRegistry.SigningSecrets(entry.current(), inGrace ? entry.previous() : null);
    }
}
