package dev.jwe.jaxrs;

import dev.jwe.core.Reason;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.Challenge;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * What one resource method demands, read from {@code @DenyAll}, {@code @RolesAllowed},
 * {@link RequireScope} and {@code @PermitAll}. Immutable.
 *
 * @param kind the kind of rule
 * @param roles for {@link Kind#RESTRICTED}: the token needs one of these (empty: no role needed)
 * @param scopes for {@link Kind#RESTRICTED}: the token needs all of these
 * @param forbiddenChallenge the 403 {@code WWW-Authenticate} value, with the scopes
 */
record AccessRule(Kind kind, Set<String> roles, List<String> scopes, String forbiddenChallenge) {

    /** The kinds of rule. */
    enum Kind {
        /** No annotation: a token is needed unless anonymous access is configured. */
        AUTHENTICATED,
        /** {@code @PermitAll}: no token needed; a token that is sent must still be valid. */
        PERMIT_ALL,
        /** {@code @DenyAll} or an empty {@code @RolesAllowed}: 401 without a token, else 403. */
        DENY_ALL,
        /** {@code @RolesAllowed} and/or {@code @RequireScope}: a token with a listed role and every scope. */
        RESTRICTED
    }

    AccessRule {
        roles = Set.copyOf(roles);
        scopes = List.copyOf(scopes);
    }

    /**
     * The rule of a resource method: the method's annotations if it has any, else its class's.
     *
     * @param resourceClass the resource class, or {@code null}
     * @param method the resource method, or {@code null}
     * @param realm the realm for the 403 challenge
     * @return the rule ({@link Kind#AUTHENTICATED} when nothing is annotated)
     * @throws IllegalArgumentException when a {@code @RequireScope} is empty or not RFC 6750 syntax
     */
    static AccessRule of(Class<?> resourceClass, Method method, String realm) {
        AccessRule rule = method == null ? null : fromElement(method, realm);
        if (rule == null && resourceClass != null) {
            rule = fromElement(resourceClass, realm);
        }
        return rule != null ? rule : new AccessRule(Kind.AUTHENTICATED, Set.of(), List.of(), forbidden(realm, List.of()));
    }

    private static AccessRule fromElement(AnnotatedElement element, String realm) {
        RolesAllowed rolesAllowed = element.getAnnotation(RolesAllowed.class);
        RequireScope requireScope = element.getAnnotation(RequireScope.class);
        // An empty @RolesAllowed admits no role at all: it denies like @DenyAll.
        if (element.isAnnotationPresent(DenyAll.class) || rolesAllowed != null && rolesAllowed.value().length == 0) {
            return new AccessRule(Kind.DENY_ALL, Set.of(), List.of(), forbidden(realm, List.of()));
        }
        if (rolesAllowed != null || requireScope != null) {
            List<String> scopes = requireScope == null ? List.of() : List.of(requireScope.value());
            if (requireScope != null && scopes.isEmpty()) {
                throw new IllegalArgumentException("@RequireScope on " + element + " names no scope");
            }
            Set<String> roles = rolesAllowed == null ? Set.of() : Set.of(rolesAllowed.value());
            String challenge;
            try {
                challenge = forbidden(realm, scopes);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("@RequireScope on " + element + ": " + e.getMessage(), e);
            }
            return new AccessRule(Kind.RESTRICTED, roles, scopes, challenge);
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            return new AccessRule(Kind.PERMIT_ALL, Set.of(), List.of(), forbidden(realm, List.of()));
        }
        return null;
    }

    private static String forbidden(String realm, List<String> scopes) {
        return Challenge.wwwAuthenticate(realm, Reason.INSUFFICIENT_SCOPE, scopes);
    }

    /**
     * Whether a request without any token must be refused.
     *
     * @param anonymousAllowed {@code jwe.anonymous}
     * @return true when a token is needed
     */
    boolean requiresToken(boolean anonymousAllowed) {
        return switch (kind) {
            case PERMIT_ALL -> false;
            case AUTHENTICATED -> !anonymousAllowed;
            case DENY_ALL, RESTRICTED -> true;
        };
    }

    /**
     * Whether a verified token may call the method.
     *
     * @param token the token
     * @return true when it has what the rule demands
     */
    boolean permits(VerifiedToken token) {
        return switch (kind) {
            case PERMIT_ALL, AUTHENTICATED -> true;
            case DENY_ALL -> false;
            case RESTRICTED -> (roles.isEmpty() || roles.stream().anyMatch(token::hasRole))
                    && scopes.stream().allMatch(token::hasScope);
        };
    }
}
