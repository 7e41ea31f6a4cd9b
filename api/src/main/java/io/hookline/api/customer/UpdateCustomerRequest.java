package io.hookline.api.customer;

import io.hookline.domain.customer.CustomerChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A partial change of a customer: fields left out keep their value")
public record UpdateCustomerRequest(
        @Size(min = 1, max = 64) @Nullable String code,
        @Size(min = 1, max = 200) @Nullable String name,
        @Size(max = 320) @Nullable String email) {

    CustomerChanges toChanges() {
        return new CustomerChanges(code, name, email);
    }
}
