package io.hookline.api.customer;

import io.hookline.domain.customer.Customer;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

@Schema(description = "A customer")
public record CustomerResponse(
        @Schema(example = "cus_01JD3Q7ZK8M5W2X9R4T6Y1B0C1") String id,
        @Schema(example = "C-10042") String code,
        String name,
        @Schema(nullable = true) @Nullable String email,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static CustomerResponse of(Customer customer) {
        return new CustomerResponse(
                customer.id(),
                customer.code(),
                customer.name(),
                customer.email(),
                customer.createdAt(),
                customer.updatedAt());
    }
}
