package io.hookline.domain.customer;

import org.jspecify.annotations.Nullable;

/** Fields to create a customer with, or to change (null = keep). */
public record CustomerChanges(
        @Nullable String code,
        @Nullable String name,
        @Nullable String email) {}
