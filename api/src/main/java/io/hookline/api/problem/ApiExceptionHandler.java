package io.hookline.api.problem;

import io.hookline.domain.page.CursorCodec;
import io.hookline.domain.problem.DomainException;
import io.hookline.domain.problem.DomainException.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place where exceptions become problems. Client mistakes get a 4xx that says what was
 * wrong (with {@code errors[]} naming each field); anything unexpected is logged with its
 * request id and answered as a bare 500, never with a stack trace.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, HttpServletRequest request) {
        ProblemDetail problem = problemOf(e, request, error -> error);
        return ResponseEntity.status(problem.getStatus())
                .contentType(Problems.PROBLEM_JSON)
                .body(problem);
    }

    /**
     * The problem a refusal of the domain answers; {@code field} renames the fields it names
     * (a batch reports {@code events[3].data} where a single call says {@code data}).
     */
    public static ProblemDetail problemOf(
            DomainException e, HttpServletRequest request, UnaryOperator<FieldError> field) {
        return switch (e) {
            case DomainException.NotFound notFound ->
                Problems.problem(ProblemType.NOT_FOUND, notFound.getMessage(), request, List.of());
            case DomainException.Conflict conflict ->
                Problems.problem(ProblemType.ofConflict(conflict.code()), conflict.getMessage(), request, List.of());
            case DomainException.Invalid invalid -> {
                List<FieldError> errors = invalid.errors().stream().map(field).toList();
                yield Problems.problem(ProblemType.VALIDATION_FAILED, describe(errors), request, errors);
            }
            case DomainException.Refused refused ->
                Problems.problem(
                        ProblemType.ofRefusal(refused.code()),
                        refused.getMessage(),
                        request,
                        refused.errors().stream().map(field).toList());
            case DomainException.Forbidden forbidden ->
                Problems.problem(ProblemType.INSUFFICIENT_SCOPE, forbidden.getMessage(), request, List.of());
        };
    }

    @ExceptionHandler(CursorCodec.InvalidCursorException.class)
    ResponseEntity<ProblemDetail> invalidCursor(CursorCodec.InvalidCursorException e, HttpServletRequest request) {
        String detail = "the cursor is not valid for this list; start again without a cursor";
        return respond(ProblemType.INVALID_CURSOR, detail, request, List.of(new FieldError("cursor", detail)));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> denied(RuntimeException e, HttpServletRequest request) {
        return respond(
                ProblemType.INSUFFICIENT_SCOPE,
                "the token does not carry the scope this operation needs",
                request,
                List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        ProblemType refused = null;
        String detail = null;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "22021", "22P05" -> {
                        refused = ProblemType.INVALID_REQUEST;
                        detail = "text must be UTF-8 without the NUL character (U+0000)";
                    }
                    case "22008" -> {
                        refused = ProblemType.INVALID_REQUEST;
                        detail = "a date or time is outside the supported range (4713 BC to 294276 AD)";
                    }
                    case "22003" -> {
                        refused = ProblemType.VALIDATION_FAILED;
                        detail = "a number is outside the supported range";
                    }
                    default -> {}
                }
            }
        }
        if (refused != null && detail != null) {
            // a value the database cannot hold: the client's mistake, caught where the database refused it
            log.info(
                    "refused {} {} (request {}): {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    RequestIds.of(request),
                    detail);
            return respond(refused, detail, request, List.of());
        }
        log.error(
                "unexpected error answering {} {} (request {})",
                request.getMethod(),
                request.getRequestURI(),
                RequestIds.of(request),
                e);
        return respond(
                ProblemType.INTERNAL_ERROR,
                "something went wrong on our side; quote requestId when you report it",
                request,
                List.of());
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servlet = servlet(request);
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodySizeLimit.PayloadTooLargeException) {
                return cast(respond(ProblemType.PAYLOAD_TOO_LARGE, BodySizeLimit.detail(), servlet, List.of()));
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                String field = path(unknown);
                return cast(respond(
                        ProblemType.INVALID_REQUEST,
                        "unknown field '" + field + "'",
                        servlet,
                        List.of(new FieldError(field, "is not a field of this request"))));
            }
            if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                String field = path(jackson);
                return cast(respond(
                        ProblemType.INVALID_REQUEST,
                        "'" + field + "' has the wrong type or format",
                        servlet,
                        List.of(new FieldError(field, "has the wrong type or format"))));
            }
        }
        boolean empty = e.getMessage() != null && e.getMessage().startsWith("Required request body is missing");
        return cast(respond(
                ProblemType.INVALID_REQUEST,
                empty ? "a JSON request body is required" : "the request body is not valid JSON",
                servlet,
                List.of()));
    }

    /**
     * A query or path parameter that cannot be converted ({@code since=yesterday},
     * {@code limit=ten}) names the parameter, as a wrong JSON type names the field.
     */
    @Override
    protected @Nullable ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        Class<?> required = e.getRequiredType();
        String message = required != null && TemporalAccessor.class.isAssignableFrom(required)
                ? "must be an RFC 3339 date-time (2026-01-31T12:00:00Z)"
                : "has the wrong type or format";
        return cast(respond(
                ProblemType.INVALID_REQUEST,
                field + " " + message,
                servlet(request),
                List.of(new FieldError(field, message))));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getBindingResult()
                .getFieldErrors()
                .forEach(error -> errors.add(new FieldError(error.getField(), message(error))));
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.add(new FieldError(error.getObjectName(), message(error))));
        return cast(respond(ProblemType.VALIDATION_FAILED, describe(errors), servlet(request), errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> errors.add(new FieldError(
                                result.getMethodParameter().getParameterName() == null
                                        ? "parameter"
                                        : result.getMethodParameter().getParameterName(),
                                message(error)))));
        return cast(respond(ProblemType.INVALID_REQUEST, describe(errors), servlet(request), errors));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servlet = servlet(request);
        ProblemDetail problem = body instanceof ProblemDetail given ? given : ProblemDetail.forStatus(status);
        Problems.decorate(problem, ProblemType.ofStatus(status.value()), null, servlet);
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(Problems.PROBLEM_JSON)
                .body(problem);
    }

    private static ResponseEntity<ProblemDetail> respond(
            ProblemType type, @Nullable String detail, HttpServletRequest request, List<FieldError> errors) {
        return ResponseEntity.status(type.status())
                .contentType(Problems.PROBLEM_JSON)
                .body(Problems.problem(type, detail, request, errors));
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity<Object>) (ResponseEntity<?>) response;
    }

    private static String describe(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return "the request has invalid values";
        }
        FieldError first = errors.getFirst();
        String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
        return first.field() + " " + first.message() + more;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static HttpServletRequest servlet(WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        if (servlet == null) {
            throw new IllegalStateException("not a servlet request");
        }
        return servlet;
    }
}
