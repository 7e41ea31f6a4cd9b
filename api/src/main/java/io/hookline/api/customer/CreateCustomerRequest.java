package io.hookline.api.customer;

import io.hookline.domain.customer.CustomerChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A new customer; code is unique within the tenant")
public record CreateCustomerRequest(
        @Schema(example = "C-10042") @NotBlank @Size(max = 64)
        String code,

        @Schema(example = "Northwind Traders") @NotBlank @Size(max = 200)
        String name,

        @Schema(example = "purchasing@northwind.example", nullable = true) @Size(max = 320) @Nullable
        String email) {

    CustomerChanges toChanges() {
        return new CustomerChanges(code, name, email);
    }
}
