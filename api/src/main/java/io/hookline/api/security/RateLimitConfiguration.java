package io.hookline.api.security;

import io.hookline.tenancy.ratelimit.InMemoryRateLimitStore;
import io.hookline.tenancy.ratelimit.RateLimitStore;
import io.hookline.tenancy.ratelimit.RateLimiter;
import io.hookline.tenancy.ratelimit.RedisRateLimitStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    RateLimitStore rateLimitStore(
            RateLimitSettings settings,
            @Value("${spring.data.redis.host:127.0.0.1}") String host,
            @Value("${spring.data.redis.port:6379}") int port,
            @Value("${spring.data.redis.password:}") String password) {
        return switch (settings.store()) {
            case "memory" -> new InMemoryRateLimitStore();
            case "redis" -> {
                RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port);
                if (!password.isEmpty()) {
                    uri.withPassword(password.toCharArray());
                }
                yield new RedisRateLimitStore(RedisClient.create(uri.build()), "hookline:ratelimit:");
            }
            default ->
                throw new IllegalStateException(
                        "hookline.ratelimit.store must be memory or redis, not " + settings.store());
        };
    }

    @Bean
    RateLimiter rateLimiter(RateLimitStore store) {
        return new RateLimiter(store);
    }
}
