package io.hookline.api.problem;

import io.hookline.domain.problem.DomainException.FieldError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds problems, and writes them where MVC is not involved (security and tenancy filters),
 * so a problem looks the same whichever layer refused the request.
 */
@Component
public class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(
            ProblemType type, @Nullable String detail, HttpServletRequest request, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatus(type.status());
        decorate(problem, type, detail, request);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors.stream().map(Problems::error).toList());
        }
        return problem;
    }

    /** Gives a problem built elsewhere (by Spring MVC) our type, title, instance and request id. */
    static void decorate(ProblemDetail problem, ProblemType type, @Nullable String detail, HttpServletRequest request) {
        problem.setType(type.uri());
        problem.setTitle(type.title());
        if (detail != null) {
            problem.setDetail(detail);
        }
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        problem.setProperty("requestId", RequestIds.of(request));
    }

    private static Map<String, String> error(FieldError error) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("field", error.field());
        map.put("message", error.message());
        return map;
    }

    /** Writes a problem straight to the response, for filters that refuse before MVC runs. */
    public void write(
            HttpServletRequest request, HttpServletResponse response, ProblemType type, @Nullable String detail)
            throws IOException {
        ProblemDetail problem = problem(type, detail, request, List.of());
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", String.valueOf(problem.getInstance()));
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        response.setStatus(type.status().value());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), body);
    }
}
