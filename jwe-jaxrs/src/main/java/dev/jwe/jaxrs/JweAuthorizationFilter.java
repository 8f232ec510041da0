package dev.jwe.jaxrs;

import dev.jwe.core.Reason;
import dev.jwe.core.VerifiedToken;
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
 * refuses those whose route it knows, before any resource code runs). Unmatched requests (404,
 * 405) never reach a resource and are left to the implementation. Thread-safe.
 */
@Priority(Priorities.AUTHORIZATION)
final class JweAuthorizationFilter implements ContainerRequestFilter {
    private final JweRequestFilter authentication;
    private final AccessRules rules;

    @Context
    private ResourceInfo resourceInfo;

    JweAuthorizationFilter(JweRequestFilter authentication, AccessRules rules) {
        this.authentication = authentication;
        this.rules = rules;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        AccessRule rule = rules.ruleFor(resourceInfo);
        VerifiedToken token = authentication.verifiedToken(request);
        if (token == null) {
            if (rule.requiresToken(authentication.anonymous()) && !authentication.isAllowedPreflight(request)) {
                authentication.reject(request, Reason.MISSING_TOKEN, null, JweRequestFilter.requestInfo(request),
                        authentication.challenge(Reason.MISSING_TOKEN));
            }
        } else if (!rule.permits(token)) {
            authentication.reject(request, Reason.INSUFFICIENT_SCOPE, token, JweRequestFilter.requestInfo(request),
                    rule.forbiddenChallenge());
        }
    }
}
