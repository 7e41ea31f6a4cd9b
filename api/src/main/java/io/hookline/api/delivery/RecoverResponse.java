package io.hookline.api.delivery;

/** How many failed deliveries were queued again. */
public record RecoverResponse(int recovered) {}
