package io.hookline.domain.db;

import io.hookline.tenancy.db.TenantScopedTransactionManager;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /**
     * Every transaction runs as {@code hookline.db.runtime-role} (default {@code hookline_app},
     * created by the migrations): not a superuser, not the tables' owner, bound by row-level
     * security. The login user only needs to be a member of that role.
     */
    @Bean
    TenantScopedTransactionManager transactionManager(
            DataSource dataSource,
            @Value("${hookline.db.runtime-role:hookline_app}") String runtimeRole,
            @Value("${hookline.db.worker-role:hookline_worker}") String workerRole) {
        return new TenantScopedTransactionManager(dataSource, runtimeRole, workerRole);
    }
}
