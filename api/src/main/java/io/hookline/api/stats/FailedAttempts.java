package io.hookline.api.stats;

import io.hookline.domain.delivery.AttemptClass;
import io.hookline.domain.delivery.DeliveryCounts;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "Failed attempts by class")
public record FailedAttempts(
        @Schema(description = "The webhook's timeoutSeconds passed before a complete response came", example = "1")
        long timeout,

        @Schema(
                description = "No exchange: the host did not resolve or resolved to a refused address, did not"
                        + " accept the connection, or reset it",
                example = "0")
        long connection,

        @Schema(description = "A 4xx response (410 included)", example = "1")
        long http4xx,

        @Schema(description = "A 5xx response", example = "0")
        long http5xx,

        @Schema(
                description = "Anything else: a 1xx or 3xx response (redirects are not followed), a response"
                        + " that could not be read, an attempt whose result was never recorded",
                example = "0")
        long other) {

    static FailedAttempts of(DeliveryCounts counts) {
        return new FailedAttempts(
                counts.attempts(AttemptClass.TIMEOUT),
                counts.attempts(AttemptClass.CONNECTION),
                counts.attempts(AttemptClass.HTTP_4XX),
                counts.attempts(AttemptClass.HTTP_5XX),
                counts.attempts(AttemptClass.OTHER));
    }
}
