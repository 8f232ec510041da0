package dev.jwe.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OAuth scopes a resource method (or every method of a resource class) requires: the token
 * must carry <em>all</em> of them in its scope claim ({@code jwe.scope-claim}, {@code scope} by
 * default). A token without them is answered with 403 and
 * {@code WWW-Authenticate: Bearer error="insufficient_scope", scope="..."} (RFC 6750 §3.1).
 *
 * <p>Read by {@link JweFeature} together with {@code @RolesAllowed}, {@code @PermitAll} and
 * {@code @DenyAll}. Method annotations replace class annotations: a method that carries any of the
 * four ignores those of its class. On one element {@code @DenyAll} wins, then
 * {@code @RolesAllowed}/{@code @RequireScope} (both must be met when both are present), then
 * {@code @PermitAll}. Scopes must be RFC 6750 scope-tokens; a bad one fails the deployment.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireScope {
    /**
     * The scopes, all required; at least one.
     *
     * @return the scopes
     */
    String[] value();
}
