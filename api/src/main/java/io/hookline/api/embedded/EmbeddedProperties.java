package io.hookline.api.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hookline.embedded.*}: the embedded PostgreSQL started when no
 * {@code spring.datasource.url} is set. {@code dir} is read by {@link EmbeddedDefaultEnvironment}
 * before the context exists (through the environment, as an {@code EnvironmentPostProcessor}
 * must, with the same default) and is declared here so that it has metadata and documentation;
 * inside the context it is bound from this record.
 *
 * @param dir the folder of the embedded database's data, the local secrets key and the dev
 *     signing key; relative paths start from the working directory
 * @param active set by the node itself when it started the embedded database; not a setting
 */
@ConfigurationProperties("hookline.embedded")
public record EmbeddedProperties(
        @DefaultValue(".hookline") String dir,
        @DefaultValue("false") boolean active) {}
