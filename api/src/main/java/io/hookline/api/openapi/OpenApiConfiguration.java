package io.hookline.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    private static final Pattern SCOPE = Pattern.compile("SCOPE_([a-z]+:[a-z]+)");
    private static final Map<String, String> PROBLEMS = new LinkedHashMap<>();

    static {
        // enums become named schemas, so generated clients get one enum type each, not a copy per field
        io.swagger.v3.core.jackson.ModelResolver.enumsAsRef = true;
        PROBLEMS.put("400", "The request is malformed (bad JSON, unknown field, bad parameter, missing X-Tenant-ID)");
        PROBLEMS.put("401", "No valid bearer token");
        PROBLEMS.put("403", "The token lacks the scope, or is not valid for the tenant");
        PROBLEMS.put("404", "No such object for this tenant");
        PROBLEMS.put("409", "The request clashes with the current state (e.g. webhook-limit-reached)");
        PROBLEMS.put("413", "The body is over 256 KiB");
        PROBLEMS.put("422", "Well-formed but invalid values; errors[] names each field");
        PROBLEMS.put("429", "Rate limited; retry after Retry-After seconds");
        PROBLEMS.put(
                "500", "An unexpected fault on the node; no stack trace, and the requestId finds it in the node's log");
    }

    @Bean
    OpenAPI hooklineOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Hookline API")
                        .version("v1")
                        .description("Multi-tenant platform API: commerce data, events and outgoing webhooks."
                                + " Every /v1 call needs a bearer JWT (audience hookline-api); tenant-scoped calls"
                                + " also X-Tenant-ID. Lists are keyset-paginated with limit and cursor; errors are"
                                + " RFC 9457 problems.\n\nCORS: the API sends no Access-Control-Allow-Origin"
                                + " header, so browsers let no other origin's page read its answers; the portal is"
                                + " served by the node itself (same origin). Call the API from a server, or serve a"
                                + " browser app behind the same origin (docs/decisions.md)."))
                .servers(List.of(new Server()
                        .url("/")
                        .description("The node that serves this document: a local node on the embedded default"
                                + " (http://localhost:8080), or a production deployment behind HTTPS")
                        .extensions(Map.of("x-internal", false))))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description(
                                                "A JWT with aud hookline-api, a tenants claim (tenant ids) and a scope claim:"
                                                        + " webhooks:read, webhooks:write, webhooks:secrets, events:read, events:write,"
                                                        + " commerce:read, commerce:write, platform:admin. Validated as RFC8725 (JWT"
                                                        + " Best Current Practices) asks: only RS256 and ES256 signatures from the"
                                                        + " configured issuer's keys are accepted (alg none and HMAC are refused), and"
                                                        + " iss, aud, exp and nbf are checked.")));
    }

    /** Shared components, added last so nothing prunes them before the operations refer to them. */
    private static void addSharedComponents(Components components) {
        components
                .addSchemas(
                        "FieldError",
                        new ObjectSchema()
                                .addProperty("field", new StringSchema().example("retry.maxAttempts"))
                                .addProperty("message", new StringSchema().example("must be between 1 and 10"))
                                .required(List.of("field", "message")))
                .addSchemas("Problem", problemSchema())
                .addSchemas(
                        "Money",
                        new ObjectSchema()
                                .description("An amount of money: a decimal string (never a JSON number) and an"
                                        + " ISO 4217 currency code")
                                .addProperty(
                                        "amount",
                                        new StringSchema()
                                                .pattern("^-?[0-9]+(\\.[0-9]{1,4})?$")
                                                // the domain refuses longer amounts (commerce Money)
                                                .maxLength(24)
                                                .example("12.50"))
                                .addProperty(
                                        "currency",
                                        new StringSchema()
                                                .pattern("^[A-Z]{3}$")
                                                .maxLength(3)
                                                .example("EUR"))
                                .required(List.of("amount", "currency")))
                .addHeaders(
                        "RateLimit",
                        header(
                                "The budget this request spent: requests left in the window (r) and seconds until it"
                                        + " resets (t). The tenant's for a tenant-scoped call; the caller's address's for a"
                                        + " call without a valid token; the acknowledgement links' on /acks",
                                "\"default\";r=19;t=10"))
                .addHeaders(
                        "RateLimit-Policy",
                        header(
                                "The limit of the budget the request spent: q requests per w seconds",
                                "\"default\";q=20;w=10"))
                .addHeaders(
                        "Retry-After",
                        new Header()
                                .description("Seconds to wait before retrying")
                                .schema(new IntegerSchema().example(10)))
                .addHeaders(
                        "Link",
                        header(
                                "The next page, when there is one",
                                "<https://example.com/v1/webhooks?cursor=abc>; rel=\"next\""));
    }

    private static Header header(String description, String example) {
        return new Header().description(description).schema(new StringSchema().example(example));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty(
                        "type",
                        new StringSchema().format("uri").example("https://hookline.dev/problems/validation-failed"))
                .addProperty("title", new StringSchema().example("The request has invalid values"))
                .addProperty("status", new IntegerSchema().example(422))
                .addProperty("detail", new StringSchema().example("timeoutSeconds must be between 1 and 30"))
                .addProperty("instance", new StringSchema().example("/v1/webhooks"))
                .addProperty("requestId", new StringSchema().example("req_01JD3Q7ZK8M5W2X9R4T6Y1B0NC"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError")))
                .required(List.of("type", "title", "status"));
    }

    /** The scopes an operation's {@code @PreAuthorize} asks for become its security requirement. */
    @Bean
    OperationCustomizer scopes() {
        return (operation, handler) -> {
            PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
            if (rule == null) {
                rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
            }
            if (rule != null) {
                List<String> scopes = new ArrayList<>();
                Matcher matcher = SCOPE.matcher(rule.value());
                while (matcher.find()) {
                    scopes.add(matcher.group(1));
                }
                operation.addSecurityItem(new SecurityRequirement().addList(BEARER, scopes));
            }
            return operation;
        };
    }

    /** What every /v1 operation shares: the tenant header, the problems, the rate-limit headers. */
    @Bean
    OpenApiCustomizer commonResponses() {
        return openApi -> {
            addSharedComponents(openApi.getComponents());
            RequestBounds.boundHeaderValues(openApi.getComponents());
            integerEnums(openApi.getComponents());
            openApi.getPaths().forEach(OpenApiConfiguration::addCommonParts);
        };
    }

    private static void addCommonParts(String path, PathItem item) {
        boolean acknowledgement = path.startsWith("/acks/");
        if (!path.startsWith("/v1/") && !acknowledgement) {
            return;
        }
        boolean tenantScoped = !acknowledgement && !path.startsWith("/v1/tenants");
        item.readOperationsMap().forEach((method, operation) -> {
            if (tenantScoped) {
                operation.addParametersItem(tenantHeader());
            }
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(RequestBounds::bound);
            }
            ApiResponses responses = operation.getResponses();
            boolean hasBody = operation.getRequestBody() != null;
            PROBLEMS.forEach((code, description) -> {
                if ((code.equals("409") || code.equals("413")) && !hasBody) {
                    return;
                }
                // an acknowledgement link needs no token, so it is never a 401 or 403, nor a state clash
                if (acknowledgement && List.of("401", "403", "409").contains(code)) {
                    return;
                }
                if (responses.containsKey(code)) {
                    return;
                }
                ApiResponse problem = new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        "application/problem+json",
                                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))));
                if (code.equals("429")) {
                    problem.addHeaderObject("Retry-After", ref("Retry-After"));
                }
                responses.addApiResponse(code, problem);
            });
            responses.forEach((code, response) -> {
                // Every request to /v1 or /acks spends a budget — the tenant's, the caller's address's
                // when it has no valid token, or the acknowledgement links' — and its answer shows it;
                // except an authenticated platform-level call (/v1/tenants), which spends none
                // (docs/decisions.md, "The contract's lint exceptions").
                boolean spent = tenantScoped || acknowledgement || code.equals("401") || code.equals("429");
                if (spent && (code.startsWith("2") || code.startsWith("4"))) {
                    response.addHeaderObject("RateLimit", ref("RateLimit"));
                    response.addHeaderObject("RateLimit-Policy", ref("RateLimit-Policy"));
                }
                if (code.startsWith("2") && method == PathItem.HttpMethod.GET && hasCursor(operation)) {
                    response.addHeaderObject("Link", ref("Link"));
                }
            });
            operation.setDescription(describe(operation, tenantScoped, acknowledgement));
        });
    }

    /**
     * The operation's own description, then what every caller must know and the summary does not
     * say: the scopes it needs, the budget it spends, how its pages go.
     */
    private static String describe(Operation operation, boolean tenantScoped, boolean acknowledgement) {
        List<String> parts = new ArrayList<>();
        if (operation.getDescription() != null && !operation.getDescription().isBlank()) {
            parts.add(operation.getDescription().strip());
        }
        if (!acknowledgement) {
            List<String> scopes = operation.getSecurity() == null
                    ? List.of()
                    : operation.getSecurity().stream()
                            .flatMap(requirement -> requirement.getOrDefault(BEARER, List.of()).stream())
                            .toList();
            parts.add(
                    scopes.isEmpty()
                            ? "Needs a valid bearer token."
                            : "Needs a bearer token with the scope "
                                    + String.join(
                                            " or ",
                                            scopes.stream()
                                                    .map(s -> "`" + s + "`")
                                                    .toList()) + ".");
            parts.add(
                    tenantScoped
                            ? "Acts for the tenant in X-Tenant-ID and spends one request of its rate limit (RateLimit"
                                    + " headers; 429 with Retry-After when spent)."
                            : "Platform level: no X-Tenant-ID, and no tenant's rate limit is spent.");
        }
        if (hasCursor(operation)) {
            parts.add("Keyset-paginated: at most `limit` items a page; pass `nextCursor` back as `cursor` (the Link"
                    + " header carries the next page's URL) until it is null.");
        }
        return String.join("\n\n", parts);
    }

    /**
     * {@code allowableValues} are strings even on an {@code int} (swagger-core writes them as
     * given); an integer property's enum is made of integers, as clients generate it.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void integerEnums(Components components) {
        components.getSchemas().values().forEach(schema -> {
            Map<String, Schema> properties = schema.getProperties();
            if (properties == null) {
                return;
            }
            properties.values().forEach(property -> {
                if (property.getEnum() != null
                        && ("integer".equals(property.getType())
                                || (property.getTypes() != null
                                        && property.getTypes().contains("integer")))) {
                    List<Object> values = new ArrayList<>();
                    for (Object value : property.getEnum()) {
                        values.add(Integer.valueOf(String.valueOf(value)));
                    }
                    property.setEnum(values);
                }
            });
        });
    }

    private static boolean hasCursor(Operation operation) {
        return operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "cursor".equals(p.getName()));
    }

    private static Parameter tenantHeader() {
        return new HeaderParameter()
                .name("X-Tenant-ID")
                .required(true)
                .description("The tenant this call acts for; must be in the token's tenants claim")
                .schema(new StringSchema()
                        .pattern("^ten_[0-9A-HJKMNP-TV-Z]{26}$")
                        .maxLength(30)
                        .example("ten_01JD3Q7ZK8M5W2X9R4T6Y1B0NC"));
    }

    private static Header ref(String name) {
        return new Header().$ref("#/components/headers/" + name);
    }
}
