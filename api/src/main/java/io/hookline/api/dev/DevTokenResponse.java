package io.hookline.api.dev;

import java.time.OffsetDateTime;

/** A dev token and what it is for. */
public record DevTokenResponse(String token, String tenantId, OffsetDateTime expiresAt) {}
