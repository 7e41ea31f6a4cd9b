package io.hookline.api.page;

import io.hookline.domain.page.CursorCodec;
import io.hookline.domain.page.Page;
import io.hookline.domain.page.PageRequest;
import io.hookline.domain.webhook.SecretCipher;
import io.hookline.tenancy.context.CallerContext;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Turns {@code limit}/{@code cursor} into a {@link PageRequest} and a {@link Page} into the
 * list body and its {@code Link} header. The cursor key is derived from the secrets key, so
 * every node of a cluster accepts the cursors of the others.
 */
@Component
public class Pagination {

    private final CursorCodec codec;

    Pagination(SecretCipher secrets) {
        this.codec = new CursorCodec(secrets.deriveKey("hookline-pagination-cursor-v1"));
    }

    public PageRequest request(String list, int limit, @Nullable String cursor) {
        return new PageRequest(limit, cursor == null || cursor.isEmpty() ? null : codec.decode(scoped(list), cursor));
    }

    /** A cursor is good only for the list it came from, for the tenant it came from. */
    private static String scoped(String list) {
        return CallerContext.tenant().map(tenant -> list + "@" + tenant.value()).orElse(list);
    }

    /**
     * The list body (built by {@code body} from the mapped items and the next cursor) and,
     * when a next page exists, its {@code Link} header.
     */
    public <T, R, L> ResponseEntity<L> respond(
            String list, Page<T> page, Function<T, R> mapper, BiFunction<List<R>, @Nullable String, L> body) {
        String next = page.nextAfter() == null ? null : codec.encode(scoped(list), page.nextAfter());
        var response = ResponseEntity.ok();
        if (next != null) {
            String link = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("cursor", next)
                    .build()
                    .toUriString();
            response.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
        }
        return response.body(body.apply(page.data().stream().map(mapper).toList(), next));
    }
}
