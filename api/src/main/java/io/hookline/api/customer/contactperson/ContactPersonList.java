package io.hookline.api.customer.contactperson;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(description = "A page of a customer's contact persons in (updatedAt, id) order")
public record ContactPersonList(
        List<ContactPersonResponse> data,

        @Schema(description = "Opaque cursor of the next page; null on the last page", nullable = true) @Nullable
        String nextCursor) {}
