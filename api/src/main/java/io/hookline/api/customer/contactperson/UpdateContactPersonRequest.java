package io.hookline.api.customer.contactperson;

import io.hookline.domain.customer.contactperson.ContactPersonChanges;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

@Schema(description = "A partial change of a contact person: fields left out keep their value")
public record UpdateContactPersonRequest(
        @Size(min = 1, max = 64) @Nullable String code,
        @Size(min = 1, max = 200) @Nullable String name,
        @Size(max = 320) @Nullable String email,
        @Size(max = 32) @Nullable String phone) {

    ContactPersonChanges toChanges() {
        return new ContactPersonChanges(code, name, email, phone);
    }
}
