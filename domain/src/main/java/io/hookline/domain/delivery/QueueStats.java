package io.hookline.domain.delivery;

/** Deliveries due now and not claimed, and how long the oldest of them has waited. */
public record QueueStats(long depth, double oldestDueSeconds) {}
