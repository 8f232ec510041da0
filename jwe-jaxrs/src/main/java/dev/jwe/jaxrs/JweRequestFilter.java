package dev.jwe.jaxrs;

import dev.jwe.core.AuditTrail;
import dev.jwe.core.JwePrincipal;
import dev.jwe.core.ValidationUnavailableException;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.BearerToken;
import dev.jwe.core.http.Challenge;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates every request with its bearer token before the implementation matches it, so that
 * no resource code (constructor, sub-resource locator, method) runs for a request refused for its
 * token; {@link JweAuthorizationFilter} applies the matched method's {@link AccessRule} afterwards.
 *
 * <p>Order: a {@link VerifiedToken} left by the Servlet filter in the
 * {@link JwePrincipal#REQUEST_ATTRIBUTE} property is reused as is; otherwise the token is
 * extracted ({@link BearerToken}: {@code Authorization}, {@code jwe.token-header},
 * {@code jwe.token-cookie}) and validated. A malformed header is 400, a bad token 401 even where
 * none is needed (as Spring Security does), a key source failure 503. A request without a token
 * goes on to matching only when the resource code it reaches first admits anonymous callers
 * ({@link Routes}: a {@code @PermitAll} method or locator, an unannotated one with
 * {@code jwe.anonymous=true}); anything else, unknown paths included, is 401 here. A token that
 * lacks what the sub-resource locator it reaches demands is 403 here, before the locator runs.
 * Thread-safe.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class JweRequestFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(JweRequestFilter.class);

    private final TokenValidator validator;
    private final AuditTrail audit;
    private final Options options;
    private final AccessRules rules;
    private final Map<Reason, String> challenges = new EnumMap<>(Reason.class);
    /** Whether validation failed on our side last time: an outage is logged once, not per request. */
    private final java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();

    @Context
    private Application application;

    JweRequestFilter(TokenValidator validator, Options options, AccessRules rules) {
        this.validator = validator;
        this.audit = AuditTrail.of(validator, AuditTrail.NONE);
        this.options = options;
        this.rules = rules;
        for (Reason r : Reason.values()) {
            challenges.put(r, Challenge.wwwAuthenticate(options.realm(), r, List.of()));
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        rules.routes().addAll(application);
        RequestInfo info = requestInfo(request);
        VerifiedToken token;
        if (request.getProperty(JwePrincipal.REQUEST_ATTRIBUTE) instanceof VerifiedToken fromServletFilter
                && request.getProperty(JwePrincipal.VALIDATOR_ATTRIBUTE) == validator) {
            token = fromServletFilter;
        } else {
            BearerToken found = BearerToken.extract(headers(request, HttpHeaders.AUTHORIZATION), otherValues(request));
            switch (found.outcome()) {
                case INVALID_REQUEST -> {
                    reject(request, Reason.INVALID_REQUEST, null, info, challenges.get(Reason.INVALID_REQUEST));
                    return;
                }
                case NONE -> {
                    if (!isAllowedPreflight(request) && refusesAnonymous(request)) {
                        reject(request, Reason.MISSING_TOKEN, null, info, challenges.get(Reason.MISSING_TOKEN));
                    }
                    return;
                }
                default -> {
                    try {
                        token = validator.validate(found.token(), info);
                    } catch (TokenRejectedException e) {
                        // The validator has already written the audit event.
                        request.abortWith(problem(e.reason(), challenges.get(e.reason())));
                        return;
                    } catch (ValidationUnavailableException e) {
                        // Once per outage, not per request: clients must not control the log volume.
                        if (failing.compareAndSet(false, true)) {
                            LOG.error("Token validation unavailable on our side, answering 503 until it works again: {}",
                                    e.getMessage());
                        }
                        request.abortWith(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                                .type(Challenge.PROBLEM_JSON).entity(Challenge.serviceUnavailableJson()).build());
                        return;
                    }
                    if (failing.compareAndSet(true, false)) {
                        LOG.info("Token validation works again");
                    }
                    request.setProperty(JwePrincipal.REQUEST_ATTRIBUTE, token);
                    request.setProperty(JwePrincipal.VALIDATOR_ATTRIBUTE, validator);
                }
            }
        }
        if (rules.routes().hasRestrictedLocators()) {
            Routes.Reached reached = reach(request);
            for (AccessRule rule : reached.locator() ? reached.rules() : List.<AccessRule>of()) {
                if (!rule.permits(token)) {
                    reject(request, Reason.INSUFFICIENT_SCOPE, token, info, rule.forbiddenChallenge());
                    return;
                }
            }
        }
        SecurityContext original = request.getSecurityContext();
        request.setSecurityContext(new JweSecurityContext(new JwePrincipal(token), original != null && original.isSecure()));
    }

    /** Whether a request without a token must be refused before matching. */
    private boolean refusesAnonymous(ContainerRequestContext request) {
        Routes.Reached reached = reach(request);
        return reached.rules().isEmpty() || reached.rules().stream().anyMatch(r -> r.requiresToken(options.anonymous()));
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
     * The token this filter accepted for the request (or reused from the Servlet filter).
     *
     * @return the token, or {@code null} when the request has none
     */
    VerifiedToken verifiedToken(ContainerRequestContext request) {
        return request.getProperty(JwePrincipal.REQUEST_ATTRIBUTE) instanceof VerifiedToken token
                && request.getProperty(JwePrincipal.VALIDATOR_ATTRIBUTE) == validator ? token : null;
    }

    static RequestInfo requestInfo(ContainerRequestContext request) {
        return new RequestInfo(null, request.getMethod(), request.getUriInfo().getRequestUri().getRawPath());
    }

    boolean anonymous() {
        return options.anonymous();
    }

    String challenge(Reason reason) {
        return challenges.get(reason);
    }

    void reject(ContainerRequestContext request, Reason reason, VerifiedToken token, RequestInfo info,
            String challenge) {
        audit.rejected(reason, token, info);
        request.abortWith(problem(reason, challenge));
    }

    private static Response problem(Reason reason, String challenge) {
        return Response.status(Challenge.status(reason)).header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .type(Challenge.PROBLEM_JSON).entity(Challenge.problemJson(reason)).build();
    }

    boolean isAllowedPreflight(ContainerRequestContext request) {
        return options.allowPreflight() && "OPTIONS".equals(request.getMethod())
                && request.getHeaderString("Origin") != null
                && request.getHeaderString("Access-Control-Request-Method") != null;
    }

    private List<String> otherValues(ContainerRequestContext request) {
        List<String> values = new ArrayList<>(1);
        if (options.tokenHeader() != null) {
            values.addAll(headers(request, options.tokenHeader()));
        }
        if (options.tokenCookie() != null) {
            for (String header : headers(request, HttpHeaders.COOKIE)) {
                values.addAll(cookieValues(header, options.tokenCookie()));
            }
        }
        return values;
    }

    private static List<String> headers(ContainerRequestContext request, String name) {
        List<String> values = request.getHeaders().get(name);
        return values == null ? List.of() : values;
    }

    /**
     * The values of every cookie called {@code name} in one {@code Cookie} header (RFC 6265 §4.2.1).
     * Parsed here rather than through {@code getCookies()}, which keeps one cookie per name, so
     * that two token cookies are seen (and refused) the same way on every implementation.
     */
    static List<String> cookieValues(String header, String name) {
        List<String> values = new ArrayList<>(1);
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.add(value);
            }
        }
        return values;
    }
}
