package dev.jwe.jaxrs;

import dev.jwe.core.RequestInfo;
import dev.jwe.core.http.HttpAuthenticator;
import dev.jwe.core.http.RequestView;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;

/**
 * A JAX-RS request as {@link HttpAuthenticator} reads it, before or after matching. The client
 * address is not portable in Jakarta REST and stays empty.
 *
 * @param request the request
 */
record JaxrsRequestView(ContainerRequestContext request) implements RequestView {
    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public List<String> headers(String name) {
        List<String> values = request.getHeaders().get(name);
        return values == null ? List.of() : values;
    }

    @Override
    public RequestInfo info() {
        return new RequestInfo(null, request.getMethod(), request.getUriInfo().getRequestUri().getRawPath());
    }
}
