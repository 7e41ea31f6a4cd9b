package io.hookline.domain.problem;

import java.util.List;

/** A failure caused by the request, reported to the client as a problem. */
public abstract sealed class DomainException extends RuntimeException
        permits DomainException.NotFound,
                DomainException.Conflict,
                DomainException.Invalid,
                DomainException.Refused,
                DomainException.Forbidden {

    private DomainException(String message) {
        super(message, null, false, false);
    }

    /** The object does not exist for this tenant (another tenant's object is reported the same way). */
    public static final class NotFound extends DomainException {
        public NotFound(String what, String id) {
            super(what + " " + id + " does not exist");
        }
    }

    /** The request clashes with the current state; {@code code} names the problem type. */
    public static final class Conflict extends DomainException {
        private final ConflictCode code;

        public Conflict(ConflictCode code, String message) {
            super(message);
            this.code = code;
        }

        public ConflictCode code() {
            return code;
        }
    }

    /**
     * The kinds of conflict the domain reports, each answered with its own problem type; an enum so
     * that a misspelt code fails to compile instead of degrading to a plain conflict.
     */
    public enum ConflictCode {
        WEBHOOK_LIMIT_REACHED,
        ADMINISTRATION_CODE_TAKEN,
        CODE_TAKEN,
        EMAIL_TAKEN,
        IN_USE,
        INVALID_TRANSITION,
        DELIVERY_IN_FLIGHT
    }

    /** Values that are well-formed but not acceptable, each tied to the field it concerns. */
    public static final class Invalid extends DomainException {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(
                    errors.isEmpty()
                            ? "invalid request"
                            : errors.getFirst().field() + ": "
                                    + errors.getFirst().message());
            this.errors = List.copyOf(errors);
        }

        public Invalid(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /**
     * A well-formed request the rules refuse for a reason that has its own problem type
     * ({@code code}), beyond a plain invalid value: a reserved event type, a reused idempotency key.
     */
    public static final class Refused extends DomainException {
        private final RefusalCode code;
        private final List<FieldError> errors;

        public Refused(RefusalCode code, String field, String message) {
            super(message);
            this.code = code;
            this.errors = List.of(new FieldError(field, message));
        }

        public RefusalCode code() {
            return code;
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /**
     * The kinds of refusal the domain reports, each answered with its own problem type; an enum so
     * that a misspelt code fails to compile instead of degrading to a plain validation failure.
     */
    public enum RefusalCode {
        RESERVED_EVENT_TYPE,
        IDEMPOTENCY_KEY_REUSED
    }

    /**
     * The caller may make this request, but not with this effect: a decision that depends on the
     * object's current state, so it is taken where that state is read under lock.
     */
    public static final class Forbidden extends DomainException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** One invalid field, named by its JSON path ({@code retry.maxAttempts}, {@code events[2]}). */
    public record FieldError(String field, String message) {}
}
