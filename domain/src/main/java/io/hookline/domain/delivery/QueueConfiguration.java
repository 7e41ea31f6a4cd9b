package io.hookline.domain.delivery;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

    /** The time due dates, leases and deadlines are computed from in Java; a test may bring its own. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Wake-ups after commit: this node's workers directly, the others through one coalesced NOTIFY. */
    @Bean
    WorkerWakeUps workerWakeUps(javax.sql.DataSource dataSource) {
        return new WorkerWakeUps(dataSource);
    }
}
