package io.hookline.domain.webhook;

import io.hookline.domain.network.OutboundAddressPolicy;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    WebhookConfiguration.WebhookProperties.class,
    WebhookConfiguration.SecretsProperties.class
})
class WebhookConfiguration {

    /**
     * {@code hookline.webhooks.*}: which webhook URLs are accepted.
     *
     * @param allowHttp accept {@code http://} URLs as well as {@code https://} (for local receivers; off in production)
     * @param allowedNetworks CIDR blocks let through the SSRF guard although they are private or reserved (a
     *     receiver inside your own network); none by default
     */
    @ConfigurationProperties("hookline.webhooks")
    record WebhookProperties(boolean allowHttp, @Nullable List<String> allowedNetworks) {}

    /**
     * {@code hookline.secrets.*}: the keys that encrypt webhook secrets at rest.
     *
     * @param encryptionKey base64 of 32 random bytes (AES-256-GCM) that encrypts new secrets and derives the cursor
     *     key; required, except on the embedded default, which keeps one in its folder
     * @param previousKeys earlier encryption keys that still open the rows they encrypted, for rotation
     */
    @ConfigurationProperties("hookline.secrets")
    record SecretsProperties(
            @Nullable String encryptionKey, @Nullable List<String> previousKeys) {}

    @Bean
    OutboundAddressPolicy outboundAddressPolicy(WebhookProperties properties) {
        return new OutboundAddressPolicy(
                properties.allowHttp(),
                properties.allowedNetworks() == null ? List.of() : properties.allowedNetworks(),
                OutboundAddressPolicy.systemResolver());
    }

    @Bean
    SecretCipher secretCipher(SecretsProperties properties) {
        String key = properties.encryptionKey();
        if (key == null || key.isBlank()) {
            throw new IllegalStateException(
                    "hookline.secrets.encryption-key is required outside the embedded dev mode: set it (or"
                            + " HOOKLINE_SECRETS_ENCRYPTIONKEY) to base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        return new SecretCipher(key, properties.previousKeys() == null ? List.of() : properties.previousKeys());
    }
}
