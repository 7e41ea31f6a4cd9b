package io.hookline.api.webhook;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A new webhook that delivers over HTTPS (the default destination) needs a {@code url}; a queue
 * destination does not. Checked with the field constraints, so a body missing several required
 * fields is told about all of them in one problem, {@code url} included.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = UrlForHttps.Check.class)
@interface UrlForHttps {

    String message() default "is required for an https destination";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<UrlForHttps, CreateWebhookRequest> {

        @Override
        public boolean isValid(CreateWebhookRequest request, ConstraintValidatorContext context) {
            boolean https = request.destination() == null
                    || request.destination().type() == null
                    || request.destination().type() == DestinationBody.Type.HTTPS;
            if (!https || (request.url() != null && !request.url().isBlank())) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                    .addPropertyNode("url")
                    .addConstraintViolation();
            return false;
        }
    }
}
