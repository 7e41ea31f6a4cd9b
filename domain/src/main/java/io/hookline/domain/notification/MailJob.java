package io.hookline.domain.notification;

import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A notification's e-mail, claimed for sending: the notice, its tenant, the tenant's addresses as
 * they are now, and which try this is (1 for the first).
 */
public record MailJob(
        String notificationId,
        String tenantId,
        String tenantName,
        String administrationCode,
        List<String> recipients,
        NotificationKind kind,
        String webhookId,
        String webhookName,
        String detail,
        @Nullable String deliveryId,
        int occurrences,
        OffsetDateTime createdAt,
        int attempt) {}
