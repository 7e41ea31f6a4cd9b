package io.hookline.api.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import io.hookline.api.portal.PortalSettings;
import io.hookline.api.problem.ProblemType;
import io.hookline.api.problem.Problems;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.tenancy.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** How long a verified token is remembered at most (see {@link VerifiedTokenCache}). */
    static final Duration VERIFIED_TOKENS_KEPT = Duration.ofMinutes(5);

    static final int VERIFIED_TOKENS_CAPACITY = 10_000;

    /**
     * The tenant admin portal's pages are public: they hold no data, and sign the admin in to
     * call {@code /v1} with a bearer token like any other client. They get a strict
     * Content-Security-Policy, and no referrer leaves them (the sign-in callback's URL carries
     * the authorization code until the page drops it).
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain portal(HttpSecurity http, PortalSettings portal) throws Exception {
        http.securityMatcher("/portal", "/portal/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .authorizeHttpRequests(authorize -> authorize.anyRequest().permitAll())
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives(portal.contentSecurityPolicy()))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    /**
     * No observation (timer, span) around each of Spring Security's filters, authentications and
     * authorizations: with a meter registry present they would wrap every filter of every request
     * (Micrometer alone took about 5 % of the processor samples of a small publish, see
     * docs/performance.md). Requests are still timed
     * as a whole ({@code http.server.requests}, tagged with their status, so refusals show as 401
     * and 403 there).
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            JwtDecoder decoder,
            Problems problems,
            TenantRegistry tenants,
            RateLimiter limiter,
            RateLimitSettings settings,
            @Value("${server.port:8080}") String serverPort,
            @Value("${management.server.port:}") String managementPort)
            throws Exception {
        AnonymousRateLimitFilter anonymousLimit = new AnonymousRateLimitFilter(limiter, settings, problems);
        AuthenticationEntryPoint entryPoint = entryPoint(problems, anonymousLimit);
        boolean privateManagementPort = separatePort(serverPort, managementPort);
        AccessDeniedHandler denied = accessDenied(problems);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .authorizeHttpRequests(authorize -> {
                    if (!privateManagementPort) {
                        // the metrics name tenants' traffic and the platform's load: an operator's, not the public's
                        authorize
                                .requestMatchers("/actuator/prometheus", "/actuator/prometheus/**")
                                .hasAuthority("SCOPE_" + Scopes.PLATFORM_ADMIN);
                    }
                    authorize
                            .requestMatchers("/v1/**")
                            .authenticated()
                            .anyRequest()
                            .permitAll();
                })
                .oauth2ResourceServer(resource -> resource.jwt(jwt -> jwt.decoder(decoder))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .addFilterBefore(anonymousLimit, BearerTokenAuthenticationFilter.class)
                .addFilterAfter(
                        new TenantScopeFilter(tenants, limiter, problems), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * With {@code management.server.port} set to a port of its own, the actuator is served only
     * there (the API port answers 404 for it): that port is the operator's private one, reached
     * from the cluster's scraper and not published, so it needs no token.
     */
    private static boolean separatePort(String serverPort, String managementPort) {
        String management = managementPort.trim();
        // 0 is a random port of its own, never the server's
        return !management.isEmpty()
                && !management.equals("-1")
                && (management.equals("0") || !management.equals(serverPort.trim()));
    }

    /**
     * 401 as a problem, with the {@code WWW-Authenticate: Bearer …} header RFC 6750 asks for —
     * or 429 once the address has spent its anonymous budget on refused requests.
     */
    private static AuthenticationEntryPoint entryPoint(Problems problems, AnonymousRateLimitFilter anonymous) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            if (!anonymous.spendForRefused(request, response)) {
                return;
            }
            bearer.commence(request, response, exception);
            problems.write(request, response, ProblemType.UNAUTHORIZED, describe(exception));
        };
    }

    private static AccessDeniedHandler accessDenied(Problems problems) {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            bearer.handle(request, response, exception);
            problems.write(
                    request,
                    response,
                    ProblemType.INSUFFICIENT_SCOPE,
                    "the token does not carry the scope this operation needs");
        };
    }

    private static String describe(AuthenticationException exception) {
        String message = exception.getMessage();
        if (message == null
                || exception instanceof InsufficientAuthenticationException
                || exception instanceof AuthenticationCredentialsNotFoundException) {
            return "send a bearer token: Authorization: Bearer <JWT>";
        }
        return "the bearer token was refused: " + message;
    }

    @Bean
    @ConditionalOnDevMode
    DevKeys devKeys(DevProperties properties) {
        String keyFile = properties.keyFile();
        return new DevKeys(keyFile == null || keyFile.isBlank() ? null : java.nio.file.Path.of(keyFile));
    }

    @Bean
    @ConditionalOnDevMode
    JwtEncoder devJwtEncoder(DevKeys keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(keys.signingKey())));
    }

    /**
     * In dev mode, tokens signed by the node's own key; otherwise tokens of the configured
     * identity provider. Either way the issuer, the {@code hookline-api} audience, {@code exp}
     * and {@code nbf} are checked, and only RS256/ES256 signatures are accepted (so {@code alg:
     * none} and HMAC tricks are refused). A token that passed is remembered for up to five minutes
     * ({@link VerifiedTokenCache}), its expiry checked again on every use.
     */
    @Bean
    JwtDecoder jwtDecoder(
            ObjectProvider<DevKeys> devKeys,
            SecurityProperties security,
            @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri,
            @Value("${spring.security.oauth2.resourceserver.jwt.jwk-set-uri:}") String jwkSetUri,
            @Value("${spring.security.oauth2.resourceserver.jwt.audiences:hookline-api}") List<String> audiences)
            throws Exception {
        DevKeys dev = devKeys.getIfAvailable();
        @Nullable String given = security.issuer();
        String configuredIssuer = given == null ? "" : given.trim();
        if (!configuredIssuer.isEmpty() && !issuerUri.isBlank() && !configuredIssuer.equals(issuerUri.trim())) {
            throw new IllegalStateException("hookline.security.issuer (" + configuredIssuer
                    + ") differs from spring.security.oauth2.resourceserver.jwt.issuer-uri (" + issuerUri.trim()
                    + "): tokens carry one issuer; set only issuer-uri, or both to the same value");
        }
        NimbusJwtDecoder decoder;
        String issuer;
        if (dev != null) {
            decoder = NimbusJwtDecoder.withPublicKey(dev.publicKey().toRSAPublicKey())
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            issuer = DevKeys.ISSUER;
        } else if (!jwkSetUri.isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                    .jwsAlgorithms(algorithms -> {
                        algorithms.add(SignatureAlgorithm.RS256);
                        algorithms.add(SignatureAlgorithm.ES256);
                    })
                    .build();
            issuer = !configuredIssuer.isEmpty() ? configuredIssuer : issuerUri.trim();
            if (issuer.isEmpty()) {
                throw new IllegalStateException("hookline.security.issuer is required with"
                        + " spring.security.oauth2.resourceserver.jwt.jwk-set-uri: set it to the iss your identity"
                        + " provider puts in its tokens (or configure issuer-uri instead), so tokens of any other"
                        + " issuer trusted with the same keys are refused");
            }
        } else if (!issuerUri.isBlank()) {
            decoder = NimbusJwtDecoder.withIssuerLocation(issuerUri)
                    .jwsAlgorithms(algorithms -> {
                        algorithms.add(SignatureAlgorithm.RS256);
                        algorithms.add(SignatureAlgorithm.ES256);
                    })
                    .build();
            issuer = issuerUri;
        } else {
            throw new IllegalStateException(
                    "no identity provider configured: set spring.security.oauth2.resourceserver.jwt.issuer-uri or"
                            + " .jwk-set-uri (or run on the embedded default, where dev mode issues its own tokens)");
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator());
        validators.add(new JwtIssuerValidator(issuer));
        validators.add(new JwtClaimValidator<List<String>>(
                "aud", aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return new VerifiedTokenCache(
                decoder,
                new JwtTimestampValidator(),
                VERIFIED_TOKENS_KEPT,
                VERIFIED_TOKENS_CAPACITY,
                Clock.systemUTC());
    }
}
