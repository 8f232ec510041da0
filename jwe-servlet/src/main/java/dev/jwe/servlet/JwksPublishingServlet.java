package dev.jwe.servlet;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.Jwks;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySet;
import dev.jwe.core.KeySource;
import dev.jwe.core.KeySourceException;
import dev.jwe.core.http.ErrorResponse;
import dev.jwe.core.settings.CoreSettings;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the <em>public</em> halves of the decryption keys as a JWK Set (RFC 7517 §5), each
 * key with {@code "use": "enc"} and the key-management {@code "alg"} it is accepted with, so that
 * token issuers can fetch the key to encrypt to, also those that choose the key by {@code alg}
 * (Keycloak's {@code jwks.url}). A key whose file names no {@code alg} is published with the first
 * algorithm of {@code jwe.key-management-algorithms} that fits it, or, without that setting, the one
 * the validator derives for its type and issuers use by default ({@code RSA-OAEP-256},
 * {@code ECDH-ES+A256KW}; {@link Jwks#publishedKeyManagement(KeyEntry, List)}). Private
 * and secret parameters ({@code d}, {@code p}, {@code q}, {@code dp}, {@code dq}, {@code qi},
 * {@code oth}, {@code k}) are never written, and symmetric keys are never published.
 *
 * <pre>{@code
 * <servlet>
 *   <servlet-name>jwks</servlet-name>
 *   <servlet-class>dev.jwe.servlet.JwksPublishingServlet</servlet-class>
 *   <init-param><param-name>jwe.decryption.keys</param-name><param-value>/etc/app/enc.jwks.json</param-value></init-param>
 * </servlet>
 * <servlet-mapping>
 *   <servlet-name>jwks</servlet-name>
 *   <url-pattern>/.well-known/jwks.json</url-pattern>
 * </servlet-mapping>
 * }</pre>
 * The keys come from {@code jwe.decryption.keys} (and {@code jwe.decryption.keystore-password},
 * {@code jwe.keys.reload-interval}) read through {@link JweSettings} exactly as the filter's are
 * ({@link JweSettings#decryptionKeys()}; init-params, context-params, system properties,
 * environment, {@code jwe.config}), or from a {@link KeySource} given in code:
 * {@code servletContext.addServlet("jwks", new JwksPublishingServlet(keySource))}. A setting that
 * is wrong, or keys without a public half, fail {@link #init()} with a message naming the setting.
 *
 * <p>{@code GET} (and {@code HEAD}) answer {@code application/jwk-set+json} with
 * {@code Cache-Control: public, max-age=300}; keys rotated in the {@link KeySource} show up on the
 * next request: a key file named in the settings is re-read when it changes, as the filter's is, so
 * the published key and the key that decrypts stay the same. When the key source fails: 503 with
 * {@code Cache-Control: no-store}. Thread-safe.
 */
public final class JwksPublishingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JwksPublishingServlet.class);

    /** The media type of a JWK Set (RFC 7517 §8.5.1). */
    static final String JWK_SET_JSON = "application/jwk-set+json";
    /** What issuers may cache the key set for. */
    static final String CACHE_CONTROL = "public, max-age=300";
    private static final String KEYS = CoreSettings.DECRYPTION_KEYS.name();

    private final transient KeySource givenKeys;
    private transient volatile KeySource keys;
    /** {@code jwe.key-management-algorithms}, empty when derived from the keys. */
    private transient volatile List<String> keyManagement = List.of();
    /** The last document and the key set it was made from; rebuilt only when the set changes. */
    private transient volatile Published published;

    private record Published(KeySet keys, byte[] document) {
    }

    /** For web.xml: the keys come from {@code jwe.decryption.keys}. */
    public JwksPublishingServlet() {
        this.givenKeys = null;
    }

    /**
     * For registration in code.
     *
     * @param decryptionKeys the keys whose public halves to publish
     */
    public JwksPublishingServlet(KeySource decryptionKeys) {
        this.givenKeys = Objects.requireNonNull(decryptionKeys, "decryptionKeys");
    }

    /**
     * For registration in code, with the validator's configured key-management allow-list, from
     * which a key without {@code alg} is published with the first algorithm that fits it.
     *
     * @param decryptionKeys the keys whose public halves to publish
     * @param keyManagementAlgorithms {@code jwe.key-management-algorithms}; empty when derived from the keys
     */
    public JwksPublishingServlet(KeySource decryptionKeys, List<String> keyManagementAlgorithms) {
        this(decryptionKeys);
        this.keyManagement = List.copyOf(keyManagementAlgorithms);
    }

    /**
     * Loads the keys and checks that there is something to publish.
     *
     * @throws ServletException naming the setting when the keys are missing or unusable
     */
    @Override
    public void init() throws ServletException {
        String what = "servlet '" + getServletName() + "'";
        try {
            KeySource source = givenKeys;
            if (source == null) {
                JweSettings settings = ServletSettings.load("init-param of " + what, getInitParameterNames(),
                        this::getInitParameter, getServletContext());
                source = load(settings);
                keyManagement = settings.get(CoreSettings.KEY_MANAGEMENT_ALGORITHMS);
            }
            Published first = firstPublication(source);
            if (first.keys.all().stream().noneMatch(k -> k.publicKey().isPresent())) {
                throw new ConfigurationException(KEYS, "no key with a public half to publish"
                        + " (symmetric keys are never published)");
            }
            keys = source;
            published = first;
            for (KeyEntry k : first.keys.all()) {
                if (k.publicKey().isPresent() && algorithm(k).isEmpty()) {
                    LOG.warn("jwe {}: key {} fits none of {}: published without alg, issuers that choose keys by alg"
                            + " will not find it", what, k.kid().orElse("(no kid)"),
                            CoreSettings.KEY_MANAGEMENT_ALGORITHMS.name());
                }
            }
            LOG.info("jwe {} publishes the public keys {}", what, first.keys.keyIds());
        } catch (ConfigurationException e) {
            throw ServletSettings.initFailure(what, e);
        }
    }

    /** The same way from the setting to a key source as the filter's validator, so both reload alike. */
    private static KeySource load(JweSettings settings) {
        return settings.decryptionKeys().orElseThrow(() -> new ConfigurationException(KEYS,
                "required: the decryption keys whose public halves to publish"));
    }

    private Optional<String> algorithm(KeyEntry key) {
        return Jwks.publishedKeyManagement(key, keyManagement);
    }

    private Published firstPublication(KeySource source) {
        try {
            KeySet set = source.keys();
            if (set == null) {
                throw new ConfigurationException(KEYS, "the key source returned no key set");
            }
            return publish(set);
        } catch (KeySourceException e) {
            throw new ConfigurationException(KEYS, e.getMessage(), e);
        }
    }

    private Published publish(KeySet keys) {
        return new Published(keys, keys.toPublicJwks("enc", this::algorithm).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Published current;
        try {
            KeySet now = keys.keys();
            current = published;
            if (now != current.keys) {
                current = publish(now);
                published = current;
            }
        } catch (KeySourceException e) {
            LOG.error("jwe servlet '{}': the key source failed: {}", getServletName(), e.getMessage());
            ProblemResponse.send(response, ErrorResponse.unavailable());
            return;
        }
        response.setStatus(200);
        response.setContentType(JWK_SET_JSON);
        response.setHeader("Cache-Control", CACHE_CONTROL);
        response.setContentLength(current.document.length);
        response.getOutputStream().write(current.document);
    }
}
