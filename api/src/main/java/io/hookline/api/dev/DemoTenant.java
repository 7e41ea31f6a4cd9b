package io.hookline.api.dev;

import io.hookline.api.embedded.EmbeddedProperties;
import io.hookline.api.security.ConditionalOnDevMode;
import io.hookline.domain.tenant.TenantChanges;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.tenancy.TenantId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Dev mode's demo tenant ({@code DEMO01}), created on first start and found again afterwards,
 * and the lines printed at start-up that say how to get going.
 */
@Component
@ConditionalOnDevMode
class DemoTenant {

    static final String CODE = "DEMO01";
    private static final Logger log = LoggerFactory.getLogger("hookline");

    private final TenantRegistry tenants;
    private final Environment environment;
    private final EmbeddedProperties embedded;
    private volatile @Nullable TenantId id;

    DemoTenant(TenantRegistry tenants, Environment environment, EmbeddedProperties embedded) {
        this.tenants = tenants;
        this.environment = environment;
        this.embedded = embedded;
    }

    TenantId id() {
        TenantId known = id;
        if (known == null) {
            synchronized (this) {
                known = id;
                if (known == null) {
                    known = tenants.findByAdministrationCode(CODE)
                            .orElseGet(() -> tenants.create(new TenantChanges("Demo tenant", CODE, null, null)))
                            .id();
                    id = known;
                }
            }
        }
        return known;
    }

    @EventListener(ApplicationReadyEvent.class)
    void greet() {
        TenantId tenant = id();
        String base = "http://localhost:" + environment.getProperty("local.server.port", "8080");
        String where = embedded.active()
                ? "embedded PostgreSQL, data in "
                        + java.nio.file.Path.of(embedded.dir()).toAbsolutePath()
                : "configured database";
        log.info("""

                Hookline is running at {} (dev mode, {})
                  Get a token:  curl -s -X POST {}/dev/tokens -H 'Content-Type: application/json' -d '{}'
                  Then call:    curl -H "Authorization: Bearer $TOKEN" -H 'X-Tenant-ID: {}' {}/v1/webhooks
                  Swagger UI:   {}/swagger-ui.html   (demo tenant {} = {})
                """, base, where, base, "{}", tenant.value(), base, base, CODE, tenant.value());
    }
}
