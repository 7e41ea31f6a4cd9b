package io.hookline.api.security;

import io.hookline.tenancy.ratelimit.InMemoryRateLimitStore;
import io.hookline.tenancy.ratelimit.RateLimiter;
import io.hookline.tenancy.ratelimit.RedisRateLimitStore;
import io.hookline.tenancy.ratelimit.SharedStoreCircuit;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    @ConditionalOnProperty(name = "hookline.ratelimit.store", havingValue = "memory", matchIfMissing = true)
    RateLimiter rateLimiter() {
        return new RateLimiter(new InMemoryRateLimitStore());
    }

    /**
     * Buckets in Redis, shared by every node; while Redis does not answer, this node's own
     * buckets (same policies), so an outage loosens the limit to one budget per node instead of
     * failing or slowing calls.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "hookline.ratelimit.store", havingValue = "redis")
    static class Redis {

        @Bean(destroyMethod = "close")
        RedisRateLimitStore redisRateLimitStore(
                @Value("${spring.data.redis.host:127.0.0.1}") String host,
                @Value("${spring.data.redis.port:6379}") int port,
                @Value("${spring.data.redis.password:}") String password,
                @Value("${spring.data.redis.timeout:500ms}") Duration timeout) {
            RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port);
            if (!password.isEmpty()) {
                uri.withPassword(password.toCharArray());
            }
            return new RedisRateLimitStore(uri.build(), timeout, "hookline:ratelimit:");
        }

        @Bean
        SharedStoreCircuit redisCircuit(RateLimitSettings settings) {
            return new SharedStoreCircuit(settings.redisRetryInterval());
        }

        @Bean
        RateLimiter rateLimiter(RedisRateLimitStore redis, SharedStoreCircuit circuit) {
            return RateLimiter.withFallback(redis, new InMemoryRateLimitStore(), circuit);
        }

        /**
         * The {@code redis} health component. Down means limits are per node for now; it is not
         * part of readiness, since the node serves every call meanwhile.
         */
        @Bean
        HealthIndicator redisHealthIndicator(RedisRateLimitStore redis, SharedStoreCircuit circuit) {
            return () -> {
                if (circuit.allowsCall()) {
                    try {
                        redis.ping();
                        circuit.succeeded();
                        return Health.up().build();
                    } catch (RuntimeException unavailable) {
                        circuit.failed(unavailable);
                    }
                }
                return Health.down()
                        .withDetail("rateLimits", "per node, in memory, until Redis answers")
                        .build();
            };
        }
    }
}
