package io.hookline.tenancy.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where buckets live: this node's memory, or a store every node shares. */
public interface RateLimitStore {

    /** The bucket under {@code key}, created with {@code configuration} on first use. */
    Bucket bucket(String key, BucketConfiguration configuration);
}
