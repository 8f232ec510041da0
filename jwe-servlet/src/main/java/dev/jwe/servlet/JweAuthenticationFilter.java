package dev.jwe.servlet;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JwePrincipal;
import dev.jwe.core.JweSettings;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.SingleUseTokenValidator;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.AdapterOptions;
import dev.jwe.core.http.Authentication;
import dev.jwe.core.http.HttpAuthenticator;
import dev.jwe.core.http.RequestView;
import dev.jwe.core.http.SenderConstraintOptions;
import dev.jwe.core.settings.AdapterSettings;
import dev.jwe.core.settings.Setting;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates requests that carry an encrypted JWT access token (a signed JWT nested in a JWE)
 * as an RFC 6750 bearer token.
 *
 * <h2>Declared in web.xml</h2>
 * <pre>{@code
 * <context-param>
 *   <param-name>jwe.issuer</param-name><param-value>https://login.example.com</param-value>
 * </context-param>
 * <filter>
 *   <filter-name>jwe</filter-name>
 *   <filter-class>dev.jwe.servlet.JweAuthenticationFilter</filter-class>
 *   <init-param><param-name>jwe.decryption.keys</param-name><param-value>/etc/app/enc.jwks.json</param-value></init-param>
 *   <init-param><param-name>jwe.verification.keys</param-name><param-value>/etc/app/issuer.jwks.json</param-value></init-param>
 *   <init-param><param-name>jwe.audience</param-name><param-value>api://orders</param-value></init-param>
 *   <init-param><param-name>jwe.exclude-paths</param-name><param-value>/api/health</param-value></init-param>
 * </filter>
 * <filter-mapping>
 *   <filter-name>jwe</filter-name>
 *   <url-pattern>/api/*</url-pattern>
 * </filter-mapping>
 * }</pre>
 * Settings are read through {@link JweSettings}: the filter's init-params first, then the
 * context-params, system properties ({@code -Djwe.issuer=...}), environment variables
 * ({@code JWE_DECRYPTION_KEYS}: upper case, {@code .} and {@code -} become {@code _}) and last the
 * properties file named by {@code jwe.config}. Besides the validator's settings the filter reads
 * {@code jwe.realm} (default {@code api}), {@code jwe.anonymous}, {@code jwe.exclude-paths},
 * {@code jwe.allow-preflight}, {@code jwe.token-header}, {@code jwe.token-cookie}, and for
 * sender-constrained tokens (DPoP, RFC 9449; client certificates, RFC 8705) {@code jwe.dpop},
 * {@code jwe.dpop.*} and {@code jwe.mtls.certificate-header}
 * ({@link dev.jwe.core.http.SenderConstraintOptions}). Anything
 * wrong (missing keys, an unknown {@code jwe.*} key, an RSA key under 2048 bits) fails
 * {@link #init()} with a message that names the setting, so the deployment fails, not the first
 * request.
 *
 * <h2>Registered in code</h2>
 * <pre>{@code
 * FilterRegistration.Dynamic jwe = servletContext.addFilter("jwe", new JweAuthenticationFilter(validator));
 * jwe.setInitParameter("jwe.realm", "orders");
 * jwe.addMappingForUrlPatterns(null, false, "/api/*");
 * }</pre>
 * With a ready {@link TokenValidator} only the filter's own settings above are read; a validator
 * setting among its init-params is an error, since it would be ignored.
 *
 * <h2>What it does</h2>
 * The token comes from {@code Authorization: Bearer} (RFC 6750 §2.1, strict syntax) or from the
 * configured header or cookie, never from the query string or a form body. On success the request
 * is wrapped: {@code getUserPrincipal()} is a {@link JwePrincipal} (claims, scopes, roles),
 * {@code isUserInRole} asks the roles claim, {@code getAuthType()} is {@code "Bearer"},
 * {@code getRemoteUser()} the principal name, and the {@link VerifiedToken} is the request
 * attribute {@link JwePrincipal#REQUEST_ATTRIBUTE}, so that later code (a JAX-RS filter, or this
 * filter mapped twice) reuses it without decrypting again. Otherwise it answers, with
 * {@code Cache-Control: no-store} and a fixed-text RFC 9457 {@code application/problem+json} body:
 * <ul>
 *   <li>no token: 401, {@code WWW-Authenticate: Bearer realm="api"} (no error code, RFC 6750 §3.1),
 *       unless {@code jwe.anonymous=true}, which lets the request pass unauthenticated;</li>
 *   <li>a malformed {@code Authorization: Bearer} header, or two tokens: 400, {@code error="invalid_request"};</li>
 *   <li>a token that is not accepted: 401, {@code error="invalid_token", error_description="<fixed text>"};</li>
 *   <li>our key source failing: 503 without a challenge, logged at ERROR once until it recovers.</li>
 * </ul>
 * The decision and the answers are core's ({@link HttpAuthenticator},
 * {@link dev.jwe.core.http.ErrorResponse}), so the JAX-RS feature answers the same bytes for the
 * same request.
 * Paths in {@code jwe.exclude-paths} (exact, or a prefix ending in {@code /*}, matched against the
 * path within the application) skip the filter; with {@code jwe.allow-preflight=true} CORS
 * preflight requests ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) pass too. Every attempt leaves one audit event with the
 * client address, method and path.
 *
 * <p>Thread-safe: the container calls it concurrently once {@link #init()} has returned. It does
 * not touch the response after passing the request on, so it may be declared
 * {@code <async-supported>true</async-supported>} in front of asynchronous servlets.
 */
public final class JweAuthenticationFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JweAuthenticationFilter.class);

    /**
     * The settings this filter reads itself (every adapter option, its paths, {@code jwe.config}); all
     * others configure the validator. From the declarations, so that a new adapter option is one too.
     */
    private static final Set<String> FILTER_SETTINGS = Stream.concat(
            Stream.of(ServletSettings.EXCLUDE_PATHS.name(), ServletSettings.REPLAY_PATHS.name(), "jwe.config"),
            AdapterSettings.ALL.stream().map(Setting::name)).collect(Collectors.toUnmodifiableSet());

    private final transient TokenValidator givenValidator;
    private transient volatile Policy policy;

    /** For web.xml: the validator is built from the settings in {@link #init()}. */
    public JweAuthenticationFilter() {
        this.givenValidator = null;
    }

    /**
     * For registration in code with a validator built by the application.
     *
     * @param validator the validator (its audit listener receives the events)
     */
    public JweAuthenticationFilter(TokenValidator validator) {
        this.givenValidator = Objects.requireNonNull(validator, "validator");
    }

    /** What {@link #init()} decided; immutable apart from the authenticator's outage state. */
    private record Policy(HttpAuthenticator authenticator, ExcludedPaths excluded, ExcludedPaths singleUse) {
    }

    /**
     * Reads the settings and builds the validator.
     *
     * @throws ServletException naming the setting when the configuration is wrong
     */
    @Override
    public void init() throws ServletException {
        String what = "filter '" + getFilterName() + "'";
        try {
            JweSettings settings = ServletSettings.load("init-param of " + what, getInitParameterNames(),
                    this::getInitParameter, getServletContext());
            TokenValidator validator;
            if (givenValidator != null) {
                for (String name : Collections.list(getInitParameterNames())) {
                    if (name.startsWith("jwe.") && !FILTER_SETTINGS.contains(name)) {
                        throw new ConfigurationException(name, "not used: this filter was given a TokenValidator;"
                                + " configure the validator instead");
                    }
                }
                validator = givenValidator;
            } else {
                validator = settings.buildValidator();
            }
            ExcludedPaths singleUse = ExcludedPaths.parse("jwe.replay.paths", settings.getList("jwe.replay.paths"));
            if (!settings.getList("jwe.replay.paths").isEmpty() && !(validator instanceof SingleUseTokenValidator)) {
                throw new ConfigurationException("jwe.replay.paths", "the given TokenValidator ("
                        + validator.getClass().getName() + ") does not support one-time tokens");
            }
            policy = new Policy(HttpAuthenticator.of(validator, AdapterOptions.from(settings),
                    SenderConstraintOptions.from(settings), "jwe " + what),
                    ExcludedPaths.parse(settings.getList("jwe.exclude-paths")), singleUse);
            LOG.info("jwe {} ready: {}", what, settings.describe());
        } catch (ConfigurationException e) {
            ServletException failure = ServletSettings.initFailure(what, e);
            StartupGuard.markFailed(getServletContext(), failure); // a container that skips this filter gets 503s
            throw failure;
        } catch (RuntimeException e) {
            StartupGuard.markFailed(getServletContext(), e);
            throw e;
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Policy p = policy;
        if (p == null) {
            throw new ServletException("JweAuthenticationFilter used before init()");
        }
        TokenValidator validator = p.authenticator.validator();
        if (request.getAttribute(JwePrincipal.REQUEST_ATTRIBUTE) instanceof VerifiedToken earlier
                && request.getAttribute(JwePrincipal.VALIDATOR_ATTRIBUTE) == validator) {
            chain.doFilter(new AuthenticatedRequest(request, earlier), response);
            return;
        }
        // The path is built only when a path rule is configured: nothing per request otherwise.
        String path = p.excluded.isEmpty() && p.singleUse.isEmpty() ? null : pathWithinApplication(request);
        if (path != null && p.excluded.matches(path)) {
            chain.doFilter(request, response);
            return;
        }
        Authentication outcome = p.authenticator.authenticate(new ServletRequestView(request),
                !p.authenticator.options().anonymous(), path != null && p.singleUse.matches(path));
        if (outcome instanceof Authentication.Authenticated ok) {
            request.setAttribute(JwePrincipal.REQUEST_ATTRIBUTE, ok.token());
            request.setAttribute(JwePrincipal.VALIDATOR_ATTRIBUTE, validator);
            chain.doFilter(new AuthenticatedRequest(request, ok.token()), response);
        } else if (outcome instanceof Authentication.Answer answer) {
            ProblemResponse.send(response, answer.response());
        } else {
            chain.doFilter(request, response);
        }
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    }

    /** The request as {@link HttpAuthenticator} reads it. */
    private record ServletRequestView(HttpServletRequest request) implements RequestView {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public List<String> headers(String name) {
            Enumeration<String> values = request.getHeaders(name);
            if (values == null || !values.hasMoreElements()) {
                return List.of();
            }
            // One value is the common case: no growable list per request for it.
            String first = values.nextElement();
            if (!values.hasMoreElements()) {
                return List.of(first);
            }
            List<String> all = new ArrayList<>(2);
            all.add(first);
            while (values.hasMoreElements()) {
                all.add(values.nextElement());
            }
            return all;
        }

        @Override
        public RequestInfo info() {
            return new RequestInfo(request.getRemoteAddr(), request.getMethod(), request.getRequestURI());
        }

        /** Scheme, Host header (server name and port) and path as the container saw them; no query. */
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
}
