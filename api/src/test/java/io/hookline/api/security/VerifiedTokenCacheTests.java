package io.hookline.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The cache of verified tokens in front of the real Nimbus verifier (a real RSA key, real
 * signatures), on a clock the test moves: a token is verified once while it is in use, but one
 * that expired, one altered in a byte and one remembered too long are all checked again.
 */
class VerifiedTokenCacheTests {

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-06T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger verifications = new AtomicInteger();
    private NimbusJwtEncoder encoder;
    private VerifiedTokenCache cache;

    @BeforeEach
    void setUp() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        encoder = new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        nimbus.setJwtValidator(timestamps());
        JwtDecoder counting = token -> {
            verifications.incrementAndGet();
            return nimbus.decode(token);
        };
        cache = new VerifiedTokenCache(counting, timestamps(), Duration.ofMinutes(5), 3, clock);
    }

    private JwtTimestampValidator timestamps() {
        JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
        validator.setClock(clock);
        return validator;
    }

    private String token(String subject, Duration lifetime) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .audience(List.of("hookline-api"))
                .build();
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(SignatureAlgorithm.RS256).keyId("k1").build(), claims))
                .getTokenValue();
    }

    @Test
    void aTokenInUseIsVerifiedOnceAndAnsweredTheSameClaims() {
        String token = token("svc_a", Duration.ofHours(1));

        Jwt first = cache.decode(token);
        Jwt again = cache.decode(token);
        cache.decode(token);

        assertThat(verifications).hasValue(1);
        assertThat(again.getSubject()).isEqualTo("svc_a");
        assertThat(again.getClaims()).isEqualTo(first.getClaims());
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        String token = token("svc_a", Duration.ofMinutes(2));
        cache.decode(token);

        clock.advance(Duration.ofMinutes(1));
        assertThat(cache.decode(token).getSubject()).isEqualTo("svc_a");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenAlteredInOneByteIsVerifiedAndRefusedEvenWhileTheOriginalIsRemembered() {
        String token = token("svc_a", Duration.ofHours(1));
        cache.decode(token);
        int dot = token.lastIndexOf('.');
        char last = token.charAt(dot + 5);
        String altered = token.substring(0, dot + 5) + (last == 'A' ? 'B' : 'A') + token.substring(dot + 6);

        assertThatThrownBy(() -> cache.decode(altered)).isInstanceOf(JwtException.class);
        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aTokenIsVerifiedAgainAfterTheLongestItMayBeRemembered() {
        String token = token("svc_a", Duration.ofHours(1));
        cache.decode(token);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        cache.decode(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void memoryStaysBoundedWhateverNumberOfTokensArrive() {
        for (int i = 0; i < 10; i++) {
            cache.decode(token("svc_" + i, Duration.ofHours(1)));
            assertThat(cache.size()).isLessThanOrEqualTo(3);
        }
        String refused = token("svc_x", Duration.ofHours(1)) + "x";
        int before = cache.size();
        assertThatThrownBy(() -> cache.decode(refused)).isInstanceOf(JwtException.class);
        assertThat(cache.size()).isEqualTo(before);
    }
}
