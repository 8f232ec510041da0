package dev.jwe.security;

import dev.jwe.core.AuditTrail;
import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JwePrincipal;
import dev.jwe.core.JweSettings;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.AdapterOptions;
import dev.jwe.core.http.Authentication;
import dev.jwe.core.http.Challenge;
import dev.jwe.core.http.ProtectedResource;
import dev.jwe.core.http.ErrorResponse;
import dev.jwe.core.http.HttpAuthenticator;
import dev.jwe.core.http.RequestView;
import dev.jwe.core.http.SenderConstraintOptions;
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
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code jwe.realm} (default {@code api}) and {@code jwe.resource} (RFC 9728: every challenge then
 * names the resource's metadata URL in {@code resource_metadata}). Which resources need a caller is the container's
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
 * protected or not; our key source failing a 503. The decision is core's {@link HttpAuthenticator},
 * as in the other adapters, so DPoP ({@code jwe.dpop}, RFC 9449) and certificate-bound tokens
 * ({@code cnf.x5t#S256}, RFC 8705) are checked the same way. Rejections carry {@code Cache-Control: no-store}
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

    /** For CDI. */
    protected JweAuthenticationMechanism() {
    }

    /** What the settings decided; immutable. */
    record Policy(HttpAuthenticator authenticator, AuditTrail audit, String realm, String resourceMetadata) {
        TokenValidator validator() {
            return authenticator.validator();
        }
    }

    /** What a response filter needs to challenge a request that passed without a token. */
    record AnonymousRequest(AuditTrail audit, String realm, String resourceMetadata, RequestInfo info) {
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
        ProtectedResource resource = ProtectedResource.from(settings).orElse(null);
        TokenValidator validator = settings.buildValidator();
        LOG.info("jwe Jakarta Security mechanism ready for {}: realm={}, settings: {}", context.getContextPath(), realm,
                settings.describe());
        HttpAuthenticator authenticator = HttpAuthenticator.of(validator,
                new AdapterOptions(realm, false, false, null, null, false, resource), SenderConstraintOptions.from(settings),
                "jwe Jakarta Security mechanism");
        return new Policy(authenticator, AuditTrail.of(validator, AuditTrail.NONE), realm,
                authenticator.options().resourceMetadata());
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
            return send(response, ErrorResponse.unavailable());
        }
        if (request.getAttribute(JwePrincipal.REQUEST_ATTRIBUTE) instanceof VerifiedToken earlier
                && request.getAttribute(JwePrincipal.VALIDATOR_ATTRIBUTE) == p.validator()) {
            return login(context, earlier);
        }
        ServletView view = new ServletView(request);
        // Payara's JAX-RS layer calls SecurityContext.authenticate() even for @PermitAll: challenge a request
        // without a token only where the container protects the resource; JAX-RS refusals get
        // BearerChallengeResponseFilter.
        Authentication outcome = p.authenticator().authenticate(view,
                () -> context.isProtected() && !context.isAuthenticationRequest(), false);
        if (outcome instanceof Authentication.Authenticated ok) {
            request.setAttribute(JwePrincipal.REQUEST_ATTRIBUTE, ok.token());
            request.setAttribute(JwePrincipal.VALIDATOR_ATTRIBUTE, p.validator());
            return login(context, ok.token());
        }
        if (outcome instanceof Authentication.Answer answer) {
            return send(response, answer.response());
        }
        request.setAttribute(ANONYMOUS_ATTRIBUTE, new AnonymousRequest(p.audit(), p.realm(), p.resourceMetadata(), view.info()));
        return context.doNothing();
    }

    /** The request as core's {@link HttpAuthenticator} reads it. */
    private record ServletView(HttpServletRequest request) implements RequestView {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public List<String> headers(String name) {
            Enumeration<String> values = request.getHeaders(name);
            return values == null || !values.hasMoreElements() ? List.of() : Collections.list(values);
        }

        @Override
        public RequestInfo info() {
            return new RequestInfo(request.getRemoteAddr(), request.getMethod(), request.getRequestURI());
        }

        @Override
        public String url() {
            return request.getRequestURL().toString();
        }

        @Override
        public X509Certificate clientCertificate() {
            return request.getAttribute("jakarta.servlet.request.X509Certificate") instanceof X509Certificate[] chain
                    && chain.length > 0 ? chain[0] : null;
        }
    }

    private static AuthenticationStatus login(HttpMessageContext context, VerifiedToken token) {
        return context.notifyContainerAboutLogin(new JwePrincipal(token), new HashSet<>(token.roles()));
    }

    /**
     * Writes a fixed-text answer and commits it: Undertow would otherwise replace the body with its
     * HTML error page.
     */
    private static AuthenticationStatus send(HttpServletResponse response, ErrorResponse answer) {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setContentType(answer.contentType());
        byte[] body = answer.body();
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
