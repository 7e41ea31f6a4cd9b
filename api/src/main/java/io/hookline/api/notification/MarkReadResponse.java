package io.hookline.api.notification;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "What the caller has still not read")
public record MarkReadResponse(long unreadCount) {}
