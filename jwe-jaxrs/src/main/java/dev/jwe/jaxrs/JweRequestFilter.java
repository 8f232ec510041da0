package dev.jwe.jaxrs;

import dev.jwe.core.JwePrincipal;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.Authentication;
import dev.jwe.core.http.ErrorResponse;
import dev.jwe.core.http.HttpAuthenticator;
import dev.jwe.core.http.RequestView;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * Authenticates every request with its bearer token before the implementation matches it, so that
 * no resource code (constructor, sub-resource locator, method) runs for a request refused for its
 * token; {@link JweAuthorizationFilter} applies the matched method's {@link AccessRule} afterwards.
 *
 * <p>Order: a {@link VerifiedToken} left by the Servlet filter in the
 * {@link JwePrincipal#REQUEST_ATTRIBUTE} property is reused as is; otherwise
 * {@link HttpAuthenticator} decides (preflight, token extraction, validation, the error answer,
 * audit, outage log): a malformed header is 400, a bad token 401 even where none is needed (as
 * Spring Security does), a key source failure 503. For a request without a token it asks
 * {@link Routes} whether the resource code the request reaches first admits anonymous callers (a
 * {@code @PermitAll} method or locator, an unannotated one with {@code jwe.anonymous=true});
 * anything else, unknown paths included, is 401 here. A token that lacks what the sub-resource
 * locator it reaches demands is 403 here, before the locator runs. Only reading the request,
 * aborting with core's answer and setting the {@link SecurityContext} are done here. Thread-safe.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class JweRequestFilter implements ContainerRequestFilter {
    private final HttpAuthenticator authenticator;
    private final AccessRules rules;

    @Context
    private Application application;

    JweRequestFilter(HttpAuthenticator authenticator, AccessRules rules) {
        this.authenticator = authenticator;
        this.rules = rules;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        rules.routes().addAll(application);
        RequestView view = new JaxrsRequestView(request);
        VerifiedToken token = verifiedToken(request, authenticator.validator());
        if (token == null) {
            Authentication outcome = authenticator.authenticate(view, () -> refusesAnonymous(request), false);
            if (outcome instanceof Authentication.Answer answer) {
                request.abortWith(response(answer.response()));
                return;
            }
            if (!(outcome instanceof Authentication.Authenticated ok)) {
                // No token where the route admits none, or a preflight: the rule decides after matching.
                return;
            }
            token = ok.token();
        }
        accept(request, token, authenticator.validator());
        if (rules.routes().hasRestrictedLocators()) {
            Routes.Reached reached = reach(request);
            if (reached.locator()) {
                for (AccessRule rule : reached.rules()) {
                    if (!rule.permits(token)) {
                        request.abortWith(response(authenticator.forbidden(view, token, rule.scopes())));
                        return;
                    }
                }
            }
        }
    }

    /** Whether a request without a token must be refused before matching. */
    private boolean refusesAnonymous(ContainerRequestContext request) {
        Routes.Reached reached = reach(request);
        boolean anonymous = authenticator.options().anonymous();
        return reached.rules().isEmpty() || reached.rules().stream().anyMatch(r -> r.requiresToken(anonymous));
    }

    private Routes.Reached reach(ContainerRequestContext request) {
        StringBuilder path = new StringBuilder();
        // Encoded, as the implementations match it: /a/p%75blic is not /a/public to them.
        for (PathSegment segment : request.getUriInfo().getPathSegments(false)) {
            path.append('/').append(segment.getPath());
        }
        return rules.routes().reach(request.getMethod(), path.length() == 0 ? "/" : path.toString());
    }

    /**
     * The token accepted for the request by this feature (or by the Servlet filter) with this validator.
     *
     * @return the token, or {@code null} when the request has none
     */
    static VerifiedToken verifiedToken(ContainerRequestContext request, TokenValidator validator) {
        return request.getProperty(JwePrincipal.REQUEST_ATTRIBUTE) instanceof VerifiedToken token
                && request.getProperty(JwePrincipal.VALIDATOR_ATTRIBUTE) == validator ? token : null;
    }

    /** Makes a verified token the request's: its properties (read by {@link #verifiedToken}) and its {@link SecurityContext}. */
    static void accept(ContainerRequestContext request, VerifiedToken token, TokenValidator validator) {
        request.setProperty(JwePrincipal.REQUEST_ATTRIBUTE, token);
        request.setProperty(JwePrincipal.VALIDATOR_ATTRIBUTE, validator);
        SecurityContext original = request.getSecurityContext();
        request.setSecurityContext(new JweSecurityContext(new JwePrincipal(token), original != null && original.isSecure()));
    }

    /** Copies the answer made by core onto a JAX-RS response. */
    static Response response(ErrorResponse answer) {
        Response.ResponseBuilder b = Response.status(answer.status());
        answer.headers().forEach(b::header);
        return b.type(answer.contentType()).entity(answer.body()).build();
    }
}
