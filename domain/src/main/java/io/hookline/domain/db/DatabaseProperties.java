package io.hookline.domain.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hookline.db.*}: the PostgreSQL roles transactions run as. Both are created by the
 * migrations (no {@code BYPASSRLS}); the login only needs to be a member of them.
 *
 * @param runtimeRole the role of every API transaction: not a superuser, not the tables' owner,
 *     bound by row-level security to the caller's tenant
 * @param workerRole the role of the delivery worker's transactions, which reach every tenant
 *     through a policy of its own
 */
@ConfigurationProperties("hookline.db")
public record DatabaseProperties(
        @DefaultValue("hookline_app") String runtimeRole,
        @DefaultValue("hookline_worker") String workerRole) {}
