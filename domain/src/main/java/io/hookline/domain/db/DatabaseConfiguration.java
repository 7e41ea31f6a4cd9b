package io.hookline.domain.db;

import io.hookline.tenancy.db.TenantScopedTransactionManager;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    /**
     * Every transaction runs as {@code hookline.db.runtime-role} (default {@code hookline_app},
     * created by the migrations): not a superuser, not the tables' owner, bound by row-level
     * security. The login user only needs to be a member of that role.
     */
    @Bean
    TenantScopedTransactionManager transactionManager(DataSource dataSource, DatabaseProperties properties) {
        return new TenantScopedTransactionManager(dataSource, properties.runtimeRole(), properties.workerRole());
    }
}
