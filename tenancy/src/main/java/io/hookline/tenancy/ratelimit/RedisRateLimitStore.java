package io.hookline.tenancy.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Buckets in Redis, shared by every node, updated with compare-and-swap so concurrent nodes
 * never both spend the last token. Keys expire once their bucket would be full again.
 *
 * <p>Redis being down must cost a caller at most {@code timeout}, never Lettuce's defaults (a
 * minute, with commands queued while it reconnects): every command and every connect is bounded
 * by {@code timeout}, commands fail at once while disconnected, and the connection is opened on
 * first use — not when the node starts — and opened again by the next call after it broke.
 * Failures surface as exceptions; falling back is the {@link RateLimiter}'s job.
 */
public final class RedisRateLimitStore implements RateLimitStore, AutoCloseable {

    private record Session(StatefulRedisConnection<String, byte[]> connection, ProxyManager<String> buckets) {}

    private final RedisClient client;
    private final String keyPrefix;
    private final Duration timeout;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile @Nullable Session session;

    public RedisRateLimitStore(RedisURI uri, Duration timeout, String keyPrefix) {
        this.keyPrefix = keyPrefix;
        this.timeout = timeout;
        RedisURI bounded = RedisURI.builder(uri).withTimeout(timeout).build();
        this.client = RedisClient.create(bounded);
        client.setOptions(ClientOptions.builder()
                // A broken connection is replaced by the next call, not re-dialled in the
                // background with a back-off of up to 30 s that would keep Redis unused after
                // it is back.
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.builder().fixedTimeout(timeout).build())
                .build());
    }

    @Override
    public Bucket bucket(String key, BucketConfiguration configuration) {
        return session().buckets().builder().build(keyPrefix + key, () -> configuration);
    }

    /** Asks Redis whether it answers; throws when it does not within the timeout. */
    public void ping() {
        session().connection().sync().ping();
    }

    private Session session() {
        Session current = session;
        if (current != null && current.connection().isOpen()) {
            return current;
        }
        // Callers that find another one connecting fall back at once rather than queue behind
        // a connect that may take the whole timeout.
        if (!connecting.tryLock()) {
            throw new RedisConnectionException("another call is connecting to Redis");
        }
        try {
            current = session;
            if (current != null && current.connection().isOpen()) {
                return current;
            }
            if (current != null) {
                current.connection().closeAsync();
            }
            StatefulRedisConnection<String, byte[]> connection =
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            ProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                    .requestTimeout(timeout)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                    .build();
            Session opened = new Session(connection, buckets);
            session = opened;
            return opened;
        } finally {
            connecting.unlock();
        }
    }

    @Override
    public void close() {
        Session current = session;
        if (current != null) {
            current.connection().close();
        }
        client.shutdown();
    }
}
