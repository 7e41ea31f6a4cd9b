package io.hookline.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code hookline.dev.*}: dev mode, on by default only on the embedded default. */
@ConfigurationProperties("hookline.dev")
public record SecurityProperties(boolean enabled) {}
