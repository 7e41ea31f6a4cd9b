package io.hookline.api.customer.contactperson;

import io.hookline.domain.customer.contactperson.ContactPerson;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

@Schema(description = "A contact person of a customer")
public record ContactPersonResponse(
        @Schema(example = "cnt_01JD3Q7ZK8M5W2X9R4T6Y1B0P1") String id,
        @Schema(example = "cus_01JD3Q7ZK8M5W2X9R4T6Y1B0C1") String customerId,
        @Schema(example = "CP-7") String code,
        String name,
        @Schema(nullable = true) @Nullable String email,
        @Schema(nullable = true) @Nullable String phone,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static ContactPersonResponse of(ContactPerson person) {
        return new ContactPersonResponse(
                person.id(),
                person.customerId(),
                person.code(),
                person.name(),
                person.email(),
                person.phone(),
                person.createdAt(),
                person.updatedAt());
    }
}
