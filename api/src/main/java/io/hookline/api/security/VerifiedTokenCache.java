package io.hookline.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Remembers tokens the identity provider's keys already verified, so a client that sends the
 * same token with every request (they all do, until it expires) pays for parsing it and checking
 * its RS256/ES256 signature once rather than on every call: about 9 % of the processor samples
 * of a small {@code POST /v1/events} went there (see docs/performance.md).
 *
 * <p>Only a token that passed every check is remembered, keyed by its whole text (signature
 * included), so a token altered in any byte is verified afresh and refused. A remembered token
 * is checked again for {@code exp} and {@code nbf} on every use and forgotten after {@code
 * keep} at most, which also bounds how long a key the provider withdrew from its JWKS keeps
 * working for tokens it signed earlier. At most {@code capacity} tokens are kept; when full the
 * cache is emptied and refills with the tokens in use, so memory stays bounded whatever a client
 * sends (refused tokens never enter it).
 */
final class VerifiedTokenCache implements JwtDecoder {

    private record Verified(Jwt jwt, Instant forgetAt) {}

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> timestamps;
    private final Duration keep;
    private final int capacity;
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(
            JwtDecoder verifier, OAuth2TokenValidator<Jwt> timestamps, Duration keep, int capacity, Clock clock) {
        this.verifier = verifier;
        this.timestamps = timestamps;
        this.keep = keep;
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.forgetAt())) {
                var result = timestamps.validate(known.jwt());
                if (result.hasErrors()) {
                    verified.remove(token);
                    @Nullable
                    String description = result.getErrors().iterator().next().getDescription();
                    throw new JwtValidationException(
                            description != null ? description : "the token is not valid now", result.getErrors());
                }
                return known.jwt();
            }
            verified.remove(token);
        }
        Jwt jwt = verifier.decode(token); // throws for a token that fails any check: never remembered
        if (verified.size() >= capacity) {
            verified.clear();
        }
        verified.put(token, new Verified(jwt, forgetAt(jwt, now)));
        return jwt;
    }

    private Instant forgetAt(Jwt jwt, Instant now) {
        Instant latest = now.plus(keep);
        @Nullable Instant expires = jwt.getExpiresAt();
        return expires != null && expires.isBefore(latest) ? expires : latest;
    }

    int size() {
        return verified.size();
    }
}
