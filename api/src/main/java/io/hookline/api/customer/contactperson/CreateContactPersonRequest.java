package io.hookline.api.customer.contactperson;

import io.hookline.domain.customer.contactperson.ContactPersonChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A new contact person of a customer; code is unique within the customer")
public record CreateContactPersonRequest(
        @Schema(example = "CP-7") @NotBlank @Size(max = 64) String code,

        @Schema(example = "Nancy Davolio") @NotBlank @Size(max = 200)
        String name,

        @Schema(example = "nancy@northwind.example", nullable = true) @Size(max = 320) @Nullable
        String email,

        @Schema(example = "+31 20 555 0100", nullable = true) @Size(max = 32) @Nullable
        String phone) {

    ContactPersonChanges toChanges() {
        return new ContactPersonChanges(code, name, email, phone);
    }
}
