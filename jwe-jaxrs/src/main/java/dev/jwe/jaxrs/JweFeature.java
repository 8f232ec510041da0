package dev.jwe.jaxrs;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.http.AdapterOptions;
import dev.jwe.core.http.HttpAuthenticator;
import dev.jwe.core.http.SenderConstraintOptions;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Protects a Jakarta REST application with encrypted JWT access tokens; the one entry point of
 * this module, portable across implementations (tested on Jersey and RESTEasy). In the
 * {@code Application}:
 * <pre>{@code
 * // settings from the Application's properties, system properties, environment:
 * classes.add(JweFeature.class);
 * // or a validator built in code:
 * singletons.add(new JweFeature(JweTokenValidator.builder()...build()));
 * }</pre>
 *
 * <p><b>Settings</b> ({@link JweSettings}, first source wins): the {@code jwe.*} properties of the
 * JAX-RS {@link Configuration} (which include {@code Application.getProperties()}), then system
 * properties ({@code -Djwe.issuer=...}), then the environment ({@code JWE_ISSUER=...}), then the
 * file named by {@code jwe.config}. Without a ready validator they build it
 * ({@code jwe.decryption.keys}, {@code jwe.issuer}, ...). Either way the feature reads
 * {@code jwe.realm} (default {@code api}), {@code jwe.anonymous} (default false),
 * {@code jwe.allow-preflight}, {@code jwe.token-header} and {@code jwe.token-cookie}.
 * {@code jwe.exclude-paths} is a Servlet filter setting and is ignored here (use
 * {@code @PermitAll}). Bad configuration makes {@link #configure} throw a
 * {@link ConfigurationException} naming the setting, which fails the deployment.
 *
 * <p><b>Requests</b> (authentication in a {@code @PreMatching} filter at
 * {@link Priorities#AUTHENTICATION}, so before any resource code runs; authorization after matching,
 * at {@link Priorities#AUTHORIZATION}): the token
 * of {@code Authorization: Bearer} (RFC 6750 §2.1; never the query string) is validated and the
 * request gets a {@link jakarta.ws.rs.core.SecurityContext} whose principal is a
 * {@link dev.jwe.core.JwePrincipal} ({@link JweSecurity#verifiedToken}), whose
 * {@code isUserInRole} reads the roles claim, whose scheme is {@code Bearer} and whose
 * {@code isSecure()} is the container's. A token already verified by the jwe Servlet filter (the
 * {@link dev.jwe.core.JwePrincipal#REQUEST_ATTRIBUTE} request attribute) is reused, not decrypted
 * again.
 *
 * <p><b>Authorization</b>, per resource method, without the implementation's own roles feature:
 * {@code @RolesAllowed} (one of the roles), {@link RequireScope} (all of the scopes),
 * {@code @PermitAll} (no token needed, but a token that is sent must be valid), {@code @DenyAll};
 * method annotations replace class annotations. Unannotated methods need a valid token unless
 * {@code jwe.anonymous=true}. The rule of a method comes from the first of these that carries any
 * of the four: (1) the method that runs; (2) the declarations it implements on interfaces or as an
 * abstract method of a superclass (honoured as JAX-RS honours {@code @GET} and {@code @Path} there,
 * and as Jersey's {@code RolesAllowedDynamicFeature} does; interfaces that disagree fail the
 * deployment, naming the method); (3) the class that declares the method that runs (Jakarta
 * Annotations 2.1 §2.1: an inherited method keeps the class-level rule of the class that declared
 * it) or, when that class has none, the nearest subclass down to the resource class that has one
 * (so {@code @RolesAllowed} on a resource extending an unannotated generic base covers the
 * inherited methods); (4) the types of the declarations of step 2. An override has its own and its
 * class's annotations, never those of the concrete method it overrides (§2.1; the deployment log
 * warns when an unannotated override loses a rule that way). CDI proxy subclasses (Weld, OpenWebBeans,
 * CGLIB: synthetic or named with {@code $$}) and compiler bridge methods are looked through.
 *
 * <p><b>Requests without a token</b> are refused with 401 before matching unless the resource code
 * they reach first admits them: a {@code @PermitAll} method, an unannotated one with
 * {@code jwe.anonymous=true}, or a sub-resource locator that is {@code @PermitAll} (or unannotated
 * with {@code jwe.anonymous=true}); unknown paths are 401 too. So no constructor, locator or method
 * runs for a request that lacks the token it needs, and a sub-resource behind an unannotated
 * locator needs a token even when its method is {@code @PermitAll}: annotate the locator to open
 * it. A locator's {@code @RolesAllowed}, {@code @RequireScope} and {@code @DenyAll} are checked
 * before it runs (403); the method it leads to then applies its own rule. The feature finds the
 * route the way Jakarta REST 3.1 §3.7.2 matches (templates, precedence, HTTP method) on the root
 * resource classes the implementation reports and those the {@code Application} lists.
 *
 * <p><b>Answers</b> (RFC 6750 §3, RFC 9457 {@code application/problem+json} body with fixed text):
 * no token: 401 {@code Bearer realm="api"}; malformed header or two tokens: 400
 * {@code error="invalid_request"}; bad token: 401 {@code error="invalid_token"}; missing role or
 * scope: 403 {@code error="insufficient_scope"} (with {@code scope="..."} for scopes); key source
 * failure: 503 without challenge. Every error answer carries {@code Cache-Control: no-store}; the
 * answers are made by {@link HttpAuthenticator}, so they are the bytes the Servlet filter sends.
 * With {@code jwe.allow-preflight=true} a CORS preflight passes without a token. Every attempt
 * leaves one audit event through the validator's {@link dev.jwe.core.AuditListener} (a 403 adds a
 * rejection event after the acceptance). The client address is not portable in Jakarta REST and
 * stays empty in these events.
 *
 * <p>Immutable; {@link #configure} may be called once per application.
 */
@ConstrainedTo(RuntimeType.SERVER)
public final class JweFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(JweFeature.class);

    private final TokenValidator validator;
    private final Map<String, String> environment;

    /** Builds the validator from the settings when the application is deployed. */
    public JweFeature() {
        this(null, System.getenv());
    }

    /**
     * Uses a validator built in code; the settings supply only the adapter settings
     * ({@code jwe.realm}, {@code jwe.anonymous}, ...).
     *
     * @param validator the validator, shared by every request
     */
    public JweFeature(TokenValidator validator) {
        this(Objects.requireNonNull(validator, "validator"), System.getenv());
    }

    JweFeature(TokenValidator validator, Map<String, String> environment) {
        this.validator = validator;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Reads the settings, builds the validator if needed and registers the request filter.
     *
     * @param context the implementation's feature context
     * @return true
     * @throws ConfigurationException naming the setting when the configuration is wrong
     */
    @Override
    public boolean configure(FeatureContext context) {
        JweSettings settings = JweSettings.builder()
                .add("JAX-RS property", jweProperties(context.getConfiguration()))
                .addSystemProperties()
                .addEnvironment(environment)
                .build();
        AdapterOptions options = AdapterOptions.from(settings);
        TokenValidator effective = validator != null ? validator : settings.buildValidator();
        if (settings.get("jwe.exclude-paths").isPresent()) {
            LOG.warn("jwe.exclude-paths is a Servlet filter setting; the JAX-RS feature ignores it (use @PermitAll)");
        }
        if (settings.get("jwe.replay.paths").isPresent()) {
            LOG.warn("jwe.replay.paths is a Servlet filter setting; the JAX-RS feature does NOT make those paths one-time"
                    + " (map the Servlet filter over them, or set jwe.replay.protect=true)");
        }
        if (options.anonymous()) {
            LOG.warn("jwe.anonymous=true: requests without a token reach unannotated resources unauthenticated");
        }
        warnIfPayaraRolesFeature(context.getConfiguration());
        LOG.info("jwe JAX-RS feature: realm={}, settings: {}", options.realm(), settings.describe());
        AccessRules rules = new AccessRules();
        HttpAuthenticator authenticator = HttpAuthenticator.of(effective, options,
                SenderConstraintOptions.from(settings), "jwe JAX-RS feature");
        context.register(rules);
        context.register(new JweRequestFilter(authenticator, rules), Priorities.AUTHENTICATION);
        context.register(new JweAuthorizationFilter(authenticator, rules), Priorities.AUTHORIZATION);
        return true;
    }

    /**
     * Payara adds its own {@code @RolesAllowed} feature to every Jersey application; it asks the
     * container for the caller, who is nobody with this feature alone, and answers 401 Basic to
     * valid tokens. Payara's switch is in the application, so say where it is.
     */
    private static void warnIfPayaraRolesFeature(Configuration configuration) {
        String payara = "fish.payara.microprofile.jwtauth.jaxrs.RolesAllowedDynamicFeature";
        boolean present = configuration.getClasses().stream().anyMatch(c -> c.getName().equals(payara))
                || configuration.getInstances().stream().anyMatch(i -> i.getClass().getName().equals(payara));
        if (present) {
            LOG.warn("jwe JAX-RS feature on Payara: Payara's own @RolesAllowed feature is active and would answer 401 Basic"
                    + " to valid tokens; switch it off in WEB-INF/payara-web.xml:"
                    + " <payara-web-app><jaxrs-roles-allowed-enabled>false</jaxrs-roles-allowed-enabled></payara-web-app>"
                    + " (or use jwe-jakarta-security, which tells the container the caller)");
        }
    }

    private static Map<String, String> jweProperties(Configuration configuration) {
        Map<String, String> out = new LinkedHashMap<>();
        configuration.getProperties().forEach((key, value) -> {
            if (key != null && key.startsWith("jwe.") && value != null) {
                out.put(key, value.toString());
            }
        });
        return out;
    }
}
