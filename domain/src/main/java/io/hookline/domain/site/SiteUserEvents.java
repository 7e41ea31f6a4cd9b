package io.hookline.domain.site;

import io.hookline.domain.commerce.CommerceEvents;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code site.user.*} events, shared by the user registry and by deleting a site (which
 * deletes its users). Every one carries the site's id and code in its data and the site as the
 * event's site, so webhooks limited to that site receive it.
 */
@Component
class SiteUserEvents {

    private final CommerceEvents events;
    private final JsonMapper json;

    SiteUserEvents(CommerceEvents events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    /** {@code site.user.created}, {@code .approval_requested} or {@code .updated}: the user as the API returns it. */
    void emit(TenantId tenant, String type, Site site, SiteUser user) {
        events.emit(tenant, type, events.data(user, "siteCode", site.code()), site.id());
    }

    void deleted(TenantId tenant, Site site, SiteUser user, OffsetDateTime at) {
        ObjectNode data = json.createObjectNode();
        data.put("id", user.id());
        data.put("siteId", site.id());
        data.put("siteCode", site.code());
        data.put("email", user.email());
        data.put("deletedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at));
        events.emit(tenant, "site.user.deleted", data, site.id());
    }
}
