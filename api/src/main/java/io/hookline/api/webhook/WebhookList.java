package io.hookline.api.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "A page of webhooks")
public record WebhookList(
        List<WebhookResponse> data,

        @Schema(description = "Opaque cursor of the next page; null on the last page", nullable = true) @Nullable
        String nextCursor,

        @Schema(
                description = "How many webhooks this tenant may have; creating one more answers 409"
                        + " webhook-limit-reached",
                example = "3")
        int webhookLimit) {}
