package io.hookline.api.dev;

import io.hookline.api.security.ConditionalOnDevMode;
import io.hookline.api.security.DevKeys;
import io.hookline.api.security.Scopes;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.Timestamps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /dev/tokens} and the JWKS behind it; present only in dev mode. */
@RestController
@io.swagger.v3.oas.annotations.Hidden
@ConditionalOnDevMode
@Tag(name = "Dev mode", description = "Only on the embedded default: tokens signed by the node's own key")
class DevTokenController {

    static final String DEV_SUBJECT = "usr_dev";

    private final JwtEncoder encoder;
    private final DevKeys keys;
    private final DemoTenant demo;
    private final TenantRegistry tenants;

    DevTokenController(JwtEncoder encoder, DevKeys keys, DemoTenant demo, TenantRegistry tenants) {
        this.encoder = encoder;
        this.keys = keys;
        this.demo = demo;
        this.tenants = tenants;
    }

    @PostMapping(path = "/dev/tokens", consumes = "application/json", produces = "application/json")
    @Operation(operationId = "createDevToken", summary = "Mint a token (dev mode only)")
    DevTokenResponse token(@Valid @RequestBody(required = false) @Nullable DevTokenRequest request) {
        DevTokenRequest given = request == null ? new DevTokenRequest(null, null, null) : request;
        TenantId tenant = given.tenantId() == null ? demo.id() : TenantId.parse(given.tenantId());
        if (tenant == null || tenants.lookup(tenant).isEmpty()) {
            throw new DomainException.Invalid("tenantId", "is not an existing tenant");
        }
        List<String> scopes = given.scopes() == null ? Scopes.TENANT_SCOPES : given.scopes();
        for (int i = 0; i < scopes.size(); i++) {
            if (!Scopes.ALL.contains(scopes.get(i))) {
                throw new DomainException.Invalid(
                        "scopes[" + i + "]", "is not one of " + String.join(", ", Scopes.ALL));
            }
        }
        OffsetDateTime now = Timestamps.now();
        OffsetDateTime expires = now.plus(Duration.ofSeconds(given.ttlSeconds() == null ? 3600 : given.ttlSeconds()))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(DevKeys.ISSUER)
                .audience(List.of(DevKeys.AUDIENCE))
                .subject(DEV_SUBJECT)
                .issuedAt(now.toInstant())
                .notBefore(now.toInstant())
                .expiresAt(expires.toInstant())
                .id(UUID.randomUUID().toString())
                .claim("tenants", List.of(tenant.value()))
                .claim("scope", String.join(" ", scopes))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId(keys.signingKey().getKeyID())
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new DevTokenResponse(token, tenant.value(), expires);
    }

    @GetMapping(path = "/dev/jwks.json", produces = "application/json")
    @Operation(operationId = "getDevJwks", summary = "The public key dev tokens are signed with")
    Map<String, Object> jwks() {
        return new com.nimbusds.jose.jwk.JWKSet(keys.publicKey()).toJSONObject();
    }
}
