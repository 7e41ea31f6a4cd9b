package io.hookline.api.event;

import io.hookline.api.page.Pagination;
import io.hookline.api.problem.ApiExceptionHandler;
import io.hookline.api.security.Scopes;
import io.hookline.domain.event.EventPublisher;
import io.hookline.domain.problem.DomainException;
import io.hookline.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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
    private final Validator validator;

    EventController(EventPublisher events, Pagination pagination, JsonMapper json, Validator validator) {
        this.events = events;
        this.pagination = pagination;
        this.json = json;
        this.validator = validator;
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
            @Parameter(hidden = true) TenantId tenant,
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
                tenant, request.type(), json.valueToTree(request.data()), request.siteId(), idempotencyKey);
        return ResponseEntity.status(published.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .location(URI.create("/v1/events/" + published.event().id().value()))
                .body(EventResponse.of(published.event(), json));
    }

    @PostMapping(path = "/batch", consumes = "application/json")
    @PreAuthorize(Scopes.CAN_PUBLISH_EVENTS)
    @Operation(
            operationId = "publishEventBatch",
            summary = "Publish 1 to 100 events in one call (200 with one result per event)",
            description = "Each event is published exactly as POST /v1/events would publish it, on its own: a refused"
                    + " event (422 in its result: invalid data, reserved type, reused idempotencyKey) is not"
                    + " stored and does not stop the others, so the call answers 200 whenever the request itself is"
                    + " well-formed. Field names in a result's problem are those of the batch"
                    + " (events[3].data). The call counts once against the rate limit. The Idempotency-Key header"
                    + " is refused here (422): give each event its idempotencyKey.")
    PublishEventBatchResponse publishBatch(
            @Parameter(hidden = true) TenantId tenant,
            @Valid @RequestBody PublishEventBatchRequest request,
            @Parameter(hidden = true) @RequestHeader(name = "Idempotency-Key", required = false) @Nullable
                    String idempotencyKey,
            HttpServletRequest servlet) {
        if (idempotencyKey != null) {
            throw new DomainException.Invalid(
                    "Idempotency-Key", "is not read on a batch: give each event its own idempotencyKey");
        }
        List<PublishEventBatchRequest.@Nullable Item> items = request.events();
        List<EventPublisher.Publication> publications = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        PublishEventBatchResponse.Result[] results = new PublishEventBatchResponse.Result[items.size()];
        for (int i = 0; i < items.size(); i++) {
            PublishEventBatchRequest.Item item = items.get(i);
            List<DomainException.FieldError> errors = new ArrayList<>();
            if (item == null) {
                errors.add(new DomainException.FieldError("", "must be an event object"));
            } else {
                validator.validate(item).stream()
                        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                        .forEach(v -> errors.add(new DomainException.FieldError(
                                v.getPropertyPath().toString(), v.getMessage())));
            }
            if (item == null || !errors.isEmpty()) {
                results[i] = refused(i, new DomainException.Invalid(errors), servlet);
                continue;
            }
            publications.add(new EventPublisher.Publication(
                    item.type(), json.valueToTree(item.data()), item.siteId(), item.idempotencyKey()));
            positions.add(i);
        }
        if (!publications.isEmpty()) {
            List<EventPublisher.Outcome> outcomes = events.publishAll(tenant, publications);
            for (int n = 0; n < outcomes.size(); n++) {
                int i = positions.get(n);
                EventPublisher.Outcome outcome = outcomes.get(n);
                EventPublisher.Published published = outcome.published();
                results[i] = published != null
                        ? new PublishEventBatchResponse.Result(
                                i,
                                published.created() ? 202 : 200,
                                published.event().id().value(),
                                null)
                        : refused(i, Objects.requireNonNull(outcome.refusal()), servlet);
            }
        }
        return new PublishEventBatchResponse(List.of(results));
    }

    private static PublishEventBatchResponse.Result refused(int index, DomainException e, HttpServletRequest servlet) {
        ProblemDetail problem = ApiExceptionHandler.problemOf(e, servlet, error -> {
            String field = "Idempotency-Key".equals(error.field()) ? "idempotencyKey" : error.field();
            return new DomainException.FieldError(
                    "events[" + index + "]" + (field.isEmpty() ? "" : "." + field), error.message());
        });
        return new PublishEventBatchResponse.Result(index, problem.getStatus(), null, problem);
    }

    @GetMapping
    @PreAuthorize(Scopes.CAN_READ_EVENTS)
    @Operation(operationId = "listEvents", summary = "List events, oldest first")
    ResponseEntity<EventList> list(
            @Parameter(hidden = true) TenantId tenant,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @Nullable
                    OffsetDateTime createdAfter) {
        var page = events.list(tenant, type, createdAfter, pagination.request(LIST, limit, cursor));
        return pagination.respond(LIST, page, event -> EventResponse.of(event, json), EventList::new);
    }

    @GetMapping("/{id}")
    @PreAuthorize(Scopes.CAN_READ_EVENTS)
    @Operation(operationId = "getEvent", summary = "Get an event")
    EventResponse get(@Parameter(hidden = true) TenantId tenant, @PathVariable String id) {
        return EventResponse.of(events.get(tenant, id), json);
    }
}
