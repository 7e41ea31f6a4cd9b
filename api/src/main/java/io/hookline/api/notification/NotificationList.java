package io.hookline.api.notification;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "A page of the tenant's notifications, newest first, and how many the caller has not read")
public record NotificationList(
        List<NotificationResponse> data,

        @Schema(description = "Opaque cursor of the next page; null on the last page", nullable = true) @Nullable
        String nextCursor,

        @Schema(description = "The caller's unread notifications, all pages together")
        long unreadCount) {}
