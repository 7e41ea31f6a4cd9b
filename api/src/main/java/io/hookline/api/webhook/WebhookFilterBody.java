package io.hookline.api.webhook;

import io.hookline.domain.webhook.WebhookFilter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

@Schema(name = "WebhookFilter", description = "A condition on events of one type; all filters of a type must match")
public record WebhookFilterBody(
        @Schema(example = "order.placed") @NotBlank @Size(max = 100)
        String event,

        @Schema(description = "Dotted path into the delivered envelope", example = "data.total.currency")
        @NotBlank
        @Size(max = 200)
        String property,

        @NotNull WebhookFilter.Operator operator,

        @Schema(description = "One value for equals/not_equals, 1..100 for in/not_in")
        @NotNull
        @Size(min = 1, max = 100)
        List<@NotNull @Size(max = 500) String> values) {

    WebhookFilter toFilter() {
        return new WebhookFilter(event, property, operator, values);
    }

    static WebhookFilterBody of(WebhookFilter filter) {
        return new WebhookFilterBody(filter.event(), filter.property(), filter.operator(), filter.values());
    }
}
