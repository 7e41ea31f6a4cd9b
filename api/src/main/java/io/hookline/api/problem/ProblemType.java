package io.hookline.api.problem;

import io.hookline.domain.problem.DomainException.ConflictCode;
import io.hookline.domain.problem.DomainException.RefusalCode;
import java.net.URI;
import org.springframework.http.HttpStatus;

/** The catalogue of problem types: a stable {@code type} URI, a fixed title, and the status that goes with it. */
public enum ProblemType {
    INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "The request is malformed"),
    TENANT_REQUIRED(HttpStatus.BAD_REQUEST, "tenant-required", "X-Tenant-ID is required"),
    INVALID_CURSOR(HttpStatus.BAD_REQUEST, "invalid-cursor", "The cursor is not valid"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Not allowed"),
    INSUFFICIENT_SCOPE(HttpStatus.FORBIDDEN, "insufficient-scope", "The token lacks a required scope"),
    TENANT_FORBIDDEN(HttpStatus.FORBIDDEN, "tenant-forbidden", "The token is not valid for this tenant"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),
    CONFLICT(HttpStatus.CONFLICT, "conflict", "Conflict"),
    WEBHOOK_LIMIT_REACHED(HttpStatus.CONFLICT, "webhook-limit-reached", "Webhook limit reached"),
    ADMINISTRATION_CODE_TAKEN(HttpStatus.CONFLICT, "administration-code-taken", "Administration code taken"),
    CODE_TAKEN(HttpStatus.CONFLICT, "code-taken", "Code already in use"),
    EMAIL_TAKEN(HttpStatus.CONFLICT, "email-taken", "Email already in use"),
    IN_USE(HttpStatus.CONFLICT, "in-use", "Still in use"),
    INVALID_TRANSITION(HttpStatus.CONFLICT, "invalid-transition", "Transition not allowed"),
    DELIVERY_IN_FLIGHT(HttpStatus.CONFLICT, "delivery-in-flight", "Delivery being attempted"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),
    VALIDATION_FAILED(HttpStatus.UNPROCESSABLE_CONTENT, "validation-failed", "The request has invalid values"),
    RESERVED_EVENT_TYPE(HttpStatus.UNPROCESSABLE_CONTENT, "reserved-event-type", "Event type reserved for Hookline"),
    IDEMPOTENCY_KEY_REUSED(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "idempotency-key-reused",
            "Idempotency key already used for a different request"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable");

    public static final String BASE = "https://hookline.dev/problems/";

    private final HttpStatus status;
    private final String slug;
    private final String title;

    ProblemType(HttpStatus status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The problem type of a conflict reported by the domain; exhaustive, so a new code must be given a type. */
    public static ProblemType ofConflict(ConflictCode code) {
        return switch (code) {
            case WEBHOOK_LIMIT_REACHED -> WEBHOOK_LIMIT_REACHED;
            case ADMINISTRATION_CODE_TAKEN -> ADMINISTRATION_CODE_TAKEN;
            case CODE_TAKEN -> CODE_TAKEN;
            case EMAIL_TAKEN -> EMAIL_TAKEN;
            case IN_USE -> IN_USE;
            case INVALID_TRANSITION -> INVALID_TRANSITION;
            case DELIVERY_IN_FLIGHT -> DELIVERY_IN_FLIGHT;
        };
    }

    /** The problem type of a refusal reported by the domain; exhaustive, so a new code must be given a type. */
    public static ProblemType ofRefusal(RefusalCode code) {
        return switch (code) {
            case RESERVED_EVENT_TYPE -> RESERVED_EVENT_TYPE;
            case IDEMPOTENCY_KEY_REUSED -> IDEMPOTENCY_KEY_REUSED;
        };
    }

    /** The generic type for a status raised by the framework itself. */
    public static ProblemType ofStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION_FAILED;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : INVALID_REQUEST;
        };
    }
}
