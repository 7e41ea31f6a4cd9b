package io.hookline.domain.commerce;

import io.hookline.domain.event.EventOutbox;
import io.hookline.tenancy.TenantId;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emits the catalog event of a commerce change through the outbox, inside the change's own
 * transaction. {@code data} is the resource as the API returns it plus its codes under the names
 * consumers expect ({@code customerCode}, {@code itemCode}, …); the outbox validates it against
 * the event type's schema, so a resource drifting from its schema fails loudly.
 */
@Component
public class CommerceEvents {

    private final EventOutbox outbox;
    private final JsonMapper json;

    CommerceEvents(EventOutbox outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** The resource as JSON, for adding codes before {@link #emit}. */
    public ObjectNode data(Object resource) {
        return json.valueToTree(resource);
    }

    /** The resource plus one code field ({@code "customerCode": "C-1"}). */
    public ObjectNode data(Object resource, String codeField, String code) {
        ObjectNode data = data(resource);
        data.put(codeField, code);
        return data;
    }

    /** The data of a deletion: the id, the code under both names, and when. */
    public ObjectNode deleted(String id, String code, String codeField, OffsetDateTime at) {
        ObjectNode data = json.createObjectNode();
        data.put("id", id);
        data.put("code", code);
        data.put(codeField, code);
        data.put("deletedAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at));
        return data;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void emit(TenantId tenant, String type, ObjectNode data, @Nullable String siteId) {
        outbox.emit(tenant, type, data, siteId);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void emit(TenantId tenant, String type, ObjectNode data) {
        outbox.emit(tenant, type, data, null);
    }
}
