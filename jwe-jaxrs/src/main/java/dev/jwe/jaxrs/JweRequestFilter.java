package dev.jwe.jaxrs;

import dev.jwe.core.JwePrincipal;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.Authentication;
import dev.jwe.core.http.ErrorResponse;
import dev.jwe.core.http.HttpAuthenticator;
import dev.jwe.core.http.RequestView;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/**
 * Authenticates every matched request with its bearer token and applies the resource method's
 * {@link AccessRule}. Runs after matching, so that it knows the resource method; unmatched
 * requests (404, 405) never reach a resource and are left to the implementation.
 *
 * <p>Order: a {@link VerifiedToken} left by the Servlet filter in the
 * {@link JwePrincipal#REQUEST_ATTRIBUTE} property is reused as is; otherwise
 * {@link HttpAuthenticator} decides (preflight, token extraction, validation, the error answer),
 * with the rule saying whether a request without a token may pass. A missing role or scope is 403.
 * Only reading the request, aborting with the answer and setting the {@link SecurityContext} are
 * done here. Thread-safe.
 */
@Priority(Priorities.AUTHENTICATION)
final class JweRequestFilter implements ContainerRequestFilter {
    private final HttpAuthenticator authenticator;
    private final AccessRules rules;

    @Context
    private ResourceInfo resourceInfo;

    JweRequestFilter(HttpAuthenticator authenticator, AccessRules rules) {
        this.authenticator = authenticator;
        this.rules = rules;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        AccessRule rule = rules.ruleFor(resourceInfo);
        RequestView view = new JaxrsRequestView(request);
        VerifiedToken token;
        if (request.getProperty(JwePrincipal.REQUEST_ATTRIBUTE) instanceof VerifiedToken fromServletFilter
                && request.getProperty(JwePrincipal.VALIDATOR_ATTRIBUTE) == authenticator.validator()) {
            token = fromServletFilter;
        } else {
            Authentication outcome = authenticator.authenticate(view,
                    rule.requiresToken(authenticator.options().anonymous()), false);
            if (outcome instanceof Authentication.Answer answer) {
                request.abortWith(response(answer.response()));
                return;
            }
            if (!(outcome instanceof Authentication.Authenticated ok)) {
                return;
            }
            token = ok.token();
            request.setProperty(JwePrincipal.REQUEST_ATTRIBUTE, token);
            request.setProperty(JwePrincipal.VALIDATOR_ATTRIBUTE, authenticator.validator());
        }
        if (!rule.permits(token)) {
            request.abortWith(response(authenticator.forbidden(view, token, rule.scopes())));
            return;
        }
        SecurityContext original = request.getSecurityContext();
        request.setSecurityContext(new JweSecurityContext(new JwePrincipal(token), original != null && original.isSecure()));
    }

    /** Copies the answer made by core onto a JAX-RS response. */
    private static Response response(ErrorResponse answer) {
        Response.ResponseBuilder b = Response.status(answer.status());
        answer.headers().forEach(b::header);
        return b.type(answer.contentType()).entity(answer.body()).build();
    }

    /** The request as {@link HttpAuthenticator} reads it. The client address is not portable in Jakarta REST. */
    private record JaxrsRequestView(ContainerRequestContext request) implements RequestView {
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
}
