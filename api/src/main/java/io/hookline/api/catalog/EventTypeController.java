package io.hookline.api.catalog;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.catalog.EventCatalog;
import io.hookline.domain.catalog.EventType;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.tenant.TenantRegistry;
import io.hookline.tenancy.IdPrefix;
import io.hookline.tenancy.Ids;
import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.Timestamps;
import io.hookline.tenancy.context.CallerContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping(path = "/v1/event-types", produces = "application/json")
@PreAuthorize(Scopes.CAN_READ_CATALOG)
@Tag(name = "Event types", description = "The catalog of events a webhook can subscribe to")
class EventTypeController {

    private static final String LIST = "event-types";
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final EventCatalog catalog;
    private final Pagination pagination;
    private final TenantRegistry tenants;
    private final JsonMapper json;

    EventTypeController(EventCatalog catalog, Pagination pagination, TenantRegistry tenants, JsonMapper json) {
        this.catalog = catalog;
        this.pagination = pagination;
        this.tenants = tenants;
        this.json = json;
    }

    @GetMapping
    @Operation(operationId = "listEventTypes", summary = "List the event catalog, by name")
    ResponseEntity<EventTypeList> list(
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor) {
        PageRequest request = pagination.request(LIST, limit, cursor);
        String after = request.afterId();
        List<EventType> fetched = catalog.all().stream()
                .filter(type -> after == null || type.name().compareTo(after) > 0)
                .limit(limit + 1L)
                .toList();
        Page<EventType> page = Page.of(fetched, limit, type -> List.of(type.name()));
        return pagination.respond(
                LIST,
                page,
                type -> new EventTypeResponse(type.name(), type.description(), json.convertValue(type.schema(), MAP)),
                EventTypeList::new);
    }

    @GetMapping("/{name}/sample")
    @Operation(
            operationId = "getEventTypeSample",
            summary = "A sample envelope of this type, as a delivery would carry it")
    EventEnvelope sample(@Parameter(hidden = true) TenantId tenant, @PathVariable String name) {
        EventType type = catalog.find(name).orElseThrow(() -> new DomainException.NotFound("event type", name));
        String code = tenants.lookup(tenant).map(t -> t.administrationCode()).orElse("");
        return new EventEnvelope(
                Ids.next(IdPrefix.EVENT),
                type.name(),
                Timestamps.now(),
                tenant.value(),
                code,
                null,
                CallerContext.current().map(CallerContext.Caller::subject).orElse(null),
                json.convertValue(type.sample(), MAP));
    }
}
