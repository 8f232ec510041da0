package dev.jwe.security;

import dev.jwe.core.AuditTrail;
import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JwePrincipal;
import dev.jwe.core.JweSettings;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.ValidationUnavailableException;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.BearerToken;
import dev.jwe.core.http.Challenge;
import dev.jwe.core.settings.AdapterSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jakarta Security {@link HttpAuthenticationMechanism} for encrypted JWT access tokens: it
 * validates the {@code Authorization: Bearer} token with the core validator and tells the
 * container who the caller is, so that EJB {@code @RolesAllowed}, {@code getCallerPrincipal()},
 * {@code isCallerInRole}, {@code @Inject Principal}, {@code jakarta.security.enterprise.SecurityContext},
 * {@code web.xml} security constraints, {@code request.getUserPrincipal()} and the JAX-RS
 * {@code SecurityContext} all see it, with the roles of {@code jwe.roles-claim} as groups.
 * Enabled by {@link JweAuthenticationMechanismDefinition}; a CDI bean, not for direct use.
 *
 * <p><b>Settings</b> ({@link JweSettings}, first wins): context-params of {@code web.xml}, system
 * properties, environment variables, the {@code jwe.config} file. Besides the validator's it reads
 * {@code jwe.realm} (default {@code api}). Which resources need a caller is the container's
 * decision (security constraints, {@code @RolesAllowed}), so {@code jwe.anonymous},
 * {@code jwe.allow-preflight}, {@code jwe.token-header} and {@code jwe.token-cookie} are errors
 * here. The settings are read when the application starts; a mistake fails the deployment with a
 * message naming the setting (and should a container start the application anyway, every request
 * gets 503).
 *
 * <p><b>Requests</b>: a valid token logs the caller in (principal: a {@link JwePrincipal}, whose
 * name is the {@code jwe.principal-claim}); no token on an unprotected resource passes
 * unauthenticated, and so does a call of {@code SecurityContext.authenticate()} without a token
 * (Payara's JAX-RS layer makes one even for {@code @PermitAll}); no token on a resource the
 * container protects is a 401 {@code Bearer realm="api"}; a malformed
 * header or two tokens a 400; a bad token a 401 {@code error="invalid_token"} on every resource,
 * protected or not; our key source failing a 503. Rejections carry {@code Cache-Control: no-store}
 * and an RFC 9457 problem body with fixed text, and commit the response (so that no server error
 * page replaces it). 403 for a missing role is the container's. Every attempt leaves one audit
 * event; a second call in the same request (a server calling {@code authenticate()} again) reuses
 * the first result. For JAX-RS resources whose {@code @RolesAllowed} refuses an anonymous caller,
 * {@link BearerChallengeResponseFilter} turns the implementation's 401/403 into the same Bearer
 * 401.
 *
 * <p>Thread-safe: one instance per application.
 */
@ApplicationScoped
public class JweAuthenticationMechanism implements HttpAuthenticationMechanism {
    private static final Logger LOG = LoggerFactory.getLogger(JweAuthenticationMechanism.class);
    /** Request attribute marking a request this mechanism let through without a token. */
    static final String ANONYMOUS_ATTRIBUTE = "dev.jwe.security.AnonymousRequest";

    private volatile Policy policy;
    private final AtomicBoolean keysFailing = new AtomicBoolean();

    /** For CDI. */
    protected JweAuthenticationMechanism() {
    }

    /** What the settings decided; immutable. */
    record Policy(TokenValidator validator, AuditTrail audit, String realm) {
    }

    /** What a response filter needs to challenge a request that passed without a token. */
    record AnonymousRequest(AuditTrail audit, String realm, RequestInfo info) {
    }

    /**
     * Reads the settings when the application starts, so that a mistake fails the deployment.
     *
     * @param context the application
     */
    void start(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        policy(context);
    }

    private Policy policy(ServletContext context) {
        Policy p = policy;
        if (p == null) {
            synchronized (this) {
                p = policy;
                if (p == null) {
                    p = load(context);
                    policy = p;
                }
            }
        }
        return p;
    }

    private static Policy load(ServletContext context) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            params.put(name, context.getInitParameter(name));
        }
        JweSettings settings = JweSettings.builder()
                .add("context-param", params)
                .addSystemProperties()
                .addEnvironment(System.getenv())
                .build();
        for (String unused : List.of("jwe.anonymous", "jwe.allow-preflight", "jwe.token-header", "jwe.token-cookie",
                "jwe.token-cookie.csrf-protected")) {
            if (settings.get(unused).isPresent()) {
                throw new ConfigurationException(unused, "not used by the Jakarta Security mechanism: the container's"
                        + " security constraints and @RolesAllowed decide which requests need a token, and the token"
                        + " comes from Authorization: Bearer only");
            }
        }
        String realm;
        try {
            realm = Challenge.checkRealm(settings.get(AdapterSettings.REALM));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("jwe.realm", "only printable ASCII without \" or \\ (RFC 6750 §3)");
        }
        TokenValidator validator = settings.buildValidator();
        LOG.info("jwe Jakarta Security mechanism ready for {}: realm={}, settings: {}", context.getContextPath(), realm,
                settings.describe());
        return new Policy(validator, AuditTrail.of(validator, AuditTrail.NONE), realm);
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        request.removeAttribute(ANONYMOUS_ATTRIBUTE); // a second call in the same request decides anew
        Policy p;
        try {
            p = policy(request.getServletContext());
        } catch (RuntimeException e) {
            LOG.error("jwe Jakarta Security mechanism not configured, answering 503: {}", e.getMessage());
            return send(response, 503, Challenge.serviceUnavailableJson(), null);
        }
        if (request.getAttribute(JwePrincipal.REQUEST_ATTRIBUTE) instanceof VerifiedToken earlier
                && request.getAttribute(JwePrincipal.VALIDATOR_ATTRIBUTE) == p.validator()) {
            return login(context, earlier);
        }
        RequestInfo info = new RequestInfo(request.getRemoteAddr(), request.getMethod(), request.getRequestURI());
        BearerToken found = BearerToken.extract(Collections.list(request.getHeaders("Authorization")), List.of());
        switch (found.outcome()) {
            case INVALID_REQUEST -> {
                p.audit().rejected(Reason.INVALID_REQUEST, null, info);
                return challenge(p.realm(), Reason.INVALID_REQUEST, response);
            }
            case NONE -> {
                // Payara's JAX-RS layer calls SecurityContext.authenticate() even for @PermitAll: challenge
                // only where the container protects the resource; JAX-RS refusals get BearerChallengeResponseFilter.
                if (context.isProtected() && !context.isAuthenticationRequest()) {
                    p.audit().rejected(Reason.MISSING_TOKEN, null, info);
                    return challenge(p.realm(), Reason.MISSING_TOKEN, response);
                }
                request.setAttribute(ANONYMOUS_ATTRIBUTE, new AnonymousRequest(p.audit(), p.realm(), info));
                return context.doNothing();
            }
            default -> {
                VerifiedToken token;
                try {
                    token = p.validator().validate(found.token(), info);
                } catch (TokenRejectedException e) {
                    return challenge(p.realm(), e.reason(), response);
                } catch (ValidationUnavailableException e) {
                    if (keysFailing.compareAndSet(false, true)) {
                        LOG.error("jwe Jakarta Security mechanism: token validation failed on our side (keys or"
                                + " revocation store), answering 503 until it works again: {}", e.getMessage());
                    }
                    return send(response, 503, Challenge.serviceUnavailableJson(), null);
                }
                if (keysFailing.compareAndSet(true, false)) {
                    LOG.info("jwe Jakarta Security mechanism: validation works again");
                }
                request.setAttribute(JwePrincipal.REQUEST_ATTRIBUTE, token);
                request.setAttribute(JwePrincipal.VALIDATOR_ATTRIBUTE, p.validator());
                return login(context, token);
            }
        }
    }

    private static AuthenticationStatus login(HttpMessageContext context, VerifiedToken token) {
        return context.notifyContainerAboutLogin(new JwePrincipal(token), new HashSet<>(token.roles()));
    }

    private static AuthenticationStatus challenge(String realm, Reason reason, HttpServletResponse response) {
        return send(response, Challenge.status(reason), Challenge.problemJson(reason),
                Challenge.wwwAuthenticate(realm, reason, List.of()));
    }

    /**
     * Writes a fixed-text answer and commits it: Undertow would otherwise replace the body with its
     * HTML error page.
     */
    private static AuthenticationStatus send(HttpServletResponse response, int status, String problemJson,
            String wwwAuthenticate) {
        response.setStatus(status);
        if (wwwAuthenticate != null) {
            response.setHeader("WWW-Authenticate", wwwAuthenticate);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(Challenge.PROBLEM_JSON);
        byte[] body = problemJson.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            LOG.debug("jwe Jakarta Security mechanism: the client went away: {}", e.toString());
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
