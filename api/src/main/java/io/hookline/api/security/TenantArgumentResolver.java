package io.hookline.api.security;

import io.hookline.tenancy.TenantId;
import io.hookline.tenancy.context.CallerContext;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands a handler the tenant {@link TenantScopeFilter} bound to the request as a {@link TenantId}
 * parameter (and the caller as a {@link CallerContext.Caller} one, for handlers that need the
 * subject), so controllers receive them instead of reaching for a static. The filter has already
 * answered a missing or foreign tenant with a problem, so a handler that runs has one.
 */
@Configuration(proxyBeanMethods = false)
class TenantArgumentResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == TenantId.class
                || parameter.getParameterType() == CallerContext.Caller.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer container,
            NativeWebRequest request,
            @Nullable WebDataBinderFactory binderFactory) {
        if (parameter.getParameterType() == CallerContext.Caller.class) {
            CallerContext.requireTenant();
            return CallerContext.current().orElseThrow();
        }
        return CallerContext.requireTenant();
    }
}
