package dev.jwe.jaxrs;

import dev.jwe.core.RequestInfo;
import dev.jwe.core.http.HttpAuthenticator;
import dev.jwe.core.http.RequestView;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A JAX-RS request as {@link HttpAuthenticator} reads it, before or after matching. The client
 * address is not portable in Jakarta REST and stays empty; the client certificate is read from the
 * Servlet request attribute where the implementation exposes those as properties (Jersey and
 * RESTEasy on a Servlet container do).
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

    /** The request URI as the implementation resolved it (scheme, Host, port, path), without query or fragment. */
    @Override
    public String url() {
        URI uri = request.getUriInfo().getRequestUri();
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    @Override
    public X509Certificate clientCertificate() {
        return request.getProperty("jakarta.servlet.request.X509Certificate") instanceof X509Certificate[] chain
                && chain.length > 0 ? chain[0] : null;
    }
}
