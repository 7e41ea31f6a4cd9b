package io.hookline.api.event;

import io.hookline.api.page.Pagination;
import io.hookline.api.security.Scopes;
import io.hookline.domain.event.EventPublisher;
import io.hookline.domain.problem.DomainException;
import io.hookline.tenancy.context.CallerContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping(path = "/v1/events", produces = "application/json")
@Tag(name = "Events", description = "Events of the tenant, and publishing them from other services")
class EventController {

    private static final String LIST = "events";

    private final EventPublisher events;
    private final Pagination pagination;
    private final JsonMapper json;

    EventController(EventPublisher events, Pagination pagination, JsonMapper json) {
        this.events = events;
        this.pagination = pagination;
        this.json = json;
    }

    @PostMapping(consumes = "application/json")
    @PreAuthorize(Scopes.CAN_PUBLISH_EVENTS)
    @Operation(
            operationId = "publishEvent",
            summary =
                    "Publish an event (202); with an Idempotency-Key already used in the last 24 h, the first event (200)",
            description = "422 reserved-event-type: webhook.* types (webhook.test, webhook.disabled, …) are sent by"
                    + " Hookline itself and cannot be published. 422 idempotency-key-reused: the Idempotency-Key was"
                    + " used in the last 24 h with a different type, siteId or data (data compared as JSON: key"
                    + " order and number notation do not matter).")
    ResponseEntity<EventResponse> publish(
            @Valid @RequestBody PublishEventRequest request,
            @Parameter(
                            description = "Makes retries safe: the same key with the same request within 24 h returns"
                                    + " the first event; with a different request it is a 422")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw new DomainException.Invalid("Idempotency-Key", "must be 1 to 255 characters");
        }
        var published = events.publish(
                CallerContext.requireTenant(),
                request.type(),
                json.valueToTree(request.data()),
                request.siteId(),
                idempotencyKey);
        return ResponseEntity.status(published.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create("/v1/events/" + published.event().id()))
                .body(EventResponse.of(published.event(), json));
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_EVENTS)
    @Operation(operationId = "listEvents", summary = "List events, oldest first")
    ResponseEntity<EventList> list(
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                    OffsetDateTime createdAfter) {
        var page =
                events.list(CallerContext.requireTenant(), type, createdAfter, pagination.request(LIST, limit, cursor));
        return pagination.respond(LIST, page, event -> EventResponse.of(event, json), EventList::new);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Scopes.CAN_READ_EVENTS)
    @Operation(operationId = "getEvent", summary = "Get an event")
    EventResponse get(@PathVariable String id) {
        return EventResponse.of(events.get(CallerContext.requireTenant(), id), json);
    }
}
