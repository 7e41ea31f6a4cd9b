package io.hookline.api.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hookline.security.*}.
 *
 * @param issuer the {@code iss} every token must carry. Required when the identity provider is
 *     given by {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} alone (a key set
 *     says nothing about who issues tokens, and without it any issuer trusted with those keys
 *     would be accepted); with {@code issuer-uri} the issuer is that URI, and this, if set, must
 *     equal it.
 */
@ConfigurationProperties("hookline.security")
public record SecurityProperties(@Nullable String issuer) {}
