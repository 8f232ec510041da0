package dev.jwe.jaxrs;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.TokenValidator;
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
 * <p><b>Requests</b> (one filter at {@link Priorities#AUTHENTICATION}, after matching): the token
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
 * {@code jwe.anonymous=true}.
 *
 * <p><b>Answers</b> (RFC 6750 §3, RFC 9457 {@code application/problem+json} body with fixed text):
 * no token: 401 {@code Bearer realm="api"}; malformed header or two tokens: 400
 * {@code error="invalid_request"}; bad token: 401 {@code error="invalid_token"}; missing role or
 * scope: 403 {@code error="insufficient_scope"} (with {@code scope="..."} for scopes); key source
 * failure: 503 without challenge. Every attempt leaves one audit event through the validator's
 * {@link dev.jwe.core.AuditListener} (a 403 adds a rejection event after the acceptance). The
 * client address is not portable in Jakarta REST and stays empty in these events.
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
        Options options = Options.from(settings);
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
        AccessRules rules = new AccessRules(options.realm());
        context.register(rules);
        context.register(new JweRequestFilter(effective, options, rules), Priorities.AUTHENTICATION);
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
