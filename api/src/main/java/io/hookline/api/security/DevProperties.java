package io.hookline.api.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hookline.dev.*}: dev mode, in which the node mints its own {@code platform:admin}
 * tokens. {@code enabled} is read by {@link DevMode} before the context exists (through the
 * environment, as an {@code EnvironmentPostProcessor} must) and is declared here so that it has
 * metadata and documentation like every other key; {@code keyFile} is bound from this record.
 *
 * @param enabled {@code true} or {@code false} forces dev mode on or off; unset, it is on only on
 *     the embedded default (no datasource URL and no identity provider). {@code true} beside an
 *     identity provider refuses to start
 * @param keyFile where dev mode keeps its token-signing key, so tokens stay valid across restarts;
 *     unset, a new key per start (the embedded default keeps it in {@code .hookline/})
 */
@ConfigurationProperties("hookline.dev")
public record DevProperties(
        @Nullable Boolean enabled, @Nullable String keyFile) {}
