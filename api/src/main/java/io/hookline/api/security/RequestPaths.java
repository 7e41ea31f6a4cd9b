package io.hookline.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * The path a request is routed by, for every security decision: the same segments Spring MVC
 * and the security matchers compare ({@code PathPattern} on the parsed request path), each
 * percent-decoded and without its {@code ;…} parameters, the context path removed. Deciding on
 * the raw {@code getRequestURI()} instead lets {@code /%761/webhooks} be routed to
 * {@code /v1/webhooks} while skipping the checks written for {@code /v1/}.
 */
public final class RequestPaths {

    private RequestPaths() {}

    public static String of(HttpServletRequest request) {
        RequestPath path = RequestPath.parse(request.getRequestURI(), request.getContextPath());
        StringBuilder routed = new StringBuilder();
        for (PathContainer.Element element : path.pathWithinApplication().elements()) {
            routed.append(
                    element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : element.value());
        }
        return routed.toString();
    }

    /** {@code /v1/tenants} and below: platform-level, no tenant header. */
    static boolean isPlatformLevel(String path) {
        return path.equals("/v1/tenants") || path.startsWith("/v1/tenants/");
    }
}
