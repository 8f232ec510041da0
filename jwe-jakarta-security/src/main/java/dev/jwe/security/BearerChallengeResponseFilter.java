package dev.jwe.security;

import dev.jwe.core.Reason;
import dev.jwe.core.http.Challenge;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.util.List;

/**
 * Gives a JAX-RS resource that refuses an anonymous caller our Bearer 401 instead of the
 * implementation's answer (RESTEasy's 403 for {@code @RolesAllowed}, Payara's bare 401 or
 * {@code Basic} challenge): the mechanism lets requests without a token reach resources the
 * container does not protect, and only JAX-RS knows that the method needs a role.
 *
 * <p>Acts only on requests that {@link JweAuthenticationMechanism} let through without a token
 * (a request property, which JAX-RS shares with the Servlet request attributes), and only on a 401
 * or 403 with no caller; everything else passes untouched, so the jar does nothing without
 * {@link JweAuthenticationMechanismDefinition}. Discovered as a {@link Provider} when the
 * {@code Application} lists no classes; otherwise add it to {@code getClasses()}. One audit event
 * ({@code MISSING_TOKEN}) per such answer. Stateless and thread-safe.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public final class BearerChallengeResponseFilter implements ContainerResponseFilter {

    /** For JAX-RS. */
    public BearerChallengeResponseFilter() {
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(JweAuthenticationMechanism.ANONYMOUS_ATTRIBUTE)
                instanceof JweAuthenticationMechanism.AnonymousRequest anonymous)) {
            return;
        }
        int status = response.getStatus();
        if (status != 401 && status != 403 || request.getSecurityContext().getUserPrincipal() != null) {
            return;
        }
        anonymous.audit().rejected(Reason.MISSING_TOKEN, null, anonymous.info());
        response.setStatus(Challenge.status(Reason.MISSING_TOKEN));
        response.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE,
                Challenge.wwwAuthenticate(anonymous.realm(), Reason.MISSING_TOKEN, List.of(), anonymous.resourceMetadata()));
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setEntity(Challenge.problemJson(Reason.MISSING_TOKEN), new Annotation[0],
                MediaType.valueOf(Challenge.PROBLEM_JSON));
    }
}
