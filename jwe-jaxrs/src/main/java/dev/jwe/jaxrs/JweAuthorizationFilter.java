package dev.jwe.jaxrs;

import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.Authentication;
import dev.jwe.core.http.HttpAuthenticator;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

/**
 * Applies the matched resource method's {@link AccessRule} after {@link JweRequestFilter} has
 * authenticated the request before matching: a token without the role or scope is 403; a request
 * without a token that reached a method needing one is 401 (the authentication step already
 * refuses those whose route it knows, before any resource code runs). The answers, and their audit
 * events, are {@link HttpAuthenticator}'s. Unmatched requests (404, 405) never reach a resource and
 * are left to the implementation. Thread-safe.
 */
@Priority(Priorities.AUTHORIZATION)
final class JweAuthorizationFilter implements ContainerRequestFilter {
    private final HttpAuthenticator authenticator;
    private final AccessRules rules;

    @Context
    private ResourceInfo resourceInfo;

    JweAuthorizationFilter(HttpAuthenticator authenticator, AccessRules rules) {
        this.authenticator = authenticator;
        this.rules = rules;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        AccessRule rule = rules.ruleFor(resourceInfo);
        JaxrsRequestView view = new JaxrsRequestView(request);
        VerifiedToken token = JweRequestFilter.verifiedToken(request, authenticator.validator());
        if (token == null && rule.requiresToken(authenticator.options().anonymous())) {
            // Decided as before matching, now that the method is known: an allowed preflight
            // passes, a request without a token is 401. A token only an application filter
            // added after our authentication step is validated here.
            Authentication outcome = authenticator.authenticate(view, true, false);
            if (outcome instanceof Authentication.Answer answer) {
                request.abortWith(JweRequestFilter.response(answer.response()));
                return;
            }
            if (outcome instanceof Authentication.Authenticated ok) {
                token = ok.token();
                JweRequestFilter.accept(request, token, authenticator.validator());
            }
        }
        if (token != null && !rule.permits(token)) {
            request.abortWith(JweRequestFilter.response(authenticator.forbidden(view, token, rule.scopes())));
        }
    }
}
