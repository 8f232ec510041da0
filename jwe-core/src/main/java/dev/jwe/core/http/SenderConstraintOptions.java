package dev.jwe.core.http;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import dev.jwe.core.settings.AdapterSettings;
import dev.jwe.core.settings.CoreSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sender-constraint settings every adapter reads, checked once: DPoP (RFC 9449)
 * {@code jwe.dpop}, {@code jwe.dpop.algorithms}, {@code jwe.dpop.max-age},
 * {@code jwe.dpop.external-base-url}, {@code jwe.dpop.nonce}, {@code jwe.dpop.nonce.key}, and for
 * certificate-bound tokens (RFC 8705) {@code jwe.mtls.certificate-header}. A token bound to a key or
 * a certificate ({@code cnf}) is checked whatever these say; they decide which schemes are offered
 * and how proofs are judged. A bad value fails the deployment with a {@link ConfigurationException}
 * naming the setting (never repeating a key). Immutable and thread-safe.
 */
public final class SenderConstraintOptions {
    /** The proof algorithms accepted when {@code jwe.dpop.algorithms} is not set. */
    public static final List<String> DEFAULT_ALGORITHMS = List.of("ES256", "PS256", "RS256", "EdDSA");
    private static final Set<String> ASYMMETRIC = Set.of("ES256", "ES384", "ES512", "PS256", "PS384", "PS512",
            "RS256", "RS384", "RS512", "EdDSA");
    private static final Duration MAX_AGE_LIMIT = Duration.ofMinutes(10);
    private static final int MIN_NONCE_KEY_BYTES = 32;

    /** {@code jwe.dpop}: which schemes a request may use. */
    public enum DpopMode {
        /** {@code off}: Bearer only; the {@code DPoP} scheme is not recognised (bound tokens are refused). */
        OFF,
        /** {@code allowed}: Bearer and DPoP; both challenges are sent (RFC 9449 §7.1). */
        ALLOWED,
        /** {@code required}: DPoP only; a Bearer token is refused ({@code DPOP_REQUIRED}). */
        REQUIRED
    }

    private final DpopMode dpop;
    private final List<String> algorithms;
    private final Duration maxAge;
    private final Duration clockSkew;
    private final String externalBaseUrl;
    private final byte[] nonceKey;
    private final String certificateHeader;

    private SenderConstraintOptions(DpopMode dpop, List<String> algorithms, Duration maxAge, Duration clockSkew,
            String externalBaseUrl, byte[] nonceKey, String certificateHeader) {
        this.dpop = dpop;
        this.algorithms = List.copyOf(algorithms);
        this.maxAge = maxAge;
        this.clockSkew = clockSkew;
        this.externalBaseUrl = externalBaseUrl;
        this.nonceKey = nonceKey;
        this.certificateHeader = certificateHeader;
    }

    /**
     * The defaults: DPoP off, no certificate header; bound tokens are still checked.
     *
     * @return the options
     */
    public static SenderConstraintOptions defaults() {
        return new SenderConstraintOptions(DpopMode.OFF, DEFAULT_ALGORITHMS, AdapterSettings.DPOP_MAX_AGE.defaultValue(),
                CoreSettings.CLOCK_SKEW.defaultValue(), null, null, null);
    }

    /**
     * Reads and checks the settings.
     *
     * @param settings the adapter's settings
     * @return the options
     * @throws ConfigurationException naming the setting that is wrong
     */
    public static SenderConstraintOptions from(JweSettings settings) {
        String modeText = settings.get(AdapterSettings.DPOP);
        DpopMode mode = switch (modeText) {
            case "off" -> DpopMode.OFF;
            case "allowed" -> DpopMode.ALLOWED;
            case "required" -> DpopMode.REQUIRED;
            default -> throw new ConfigurationException(AdapterSettings.DPOP.name(), "must be off, allowed or required");
        };
        List<String> algorithms = settings.get(AdapterSettings.DPOP_ALGORITHMS);
        if (algorithms.isEmpty()) {
            algorithms = DEFAULT_ALGORITHMS;
        }
        for (String alg : algorithms) {
            if (!ASYMMETRIC.contains(alg)) {
                throw new ConfigurationException(AdapterSettings.DPOP_ALGORITHMS.name(),
                        "only asymmetric JWS algorithms are allowed: " + String.join(", ", List.copyOf(
                                new java.util.TreeSet<>(ASYMMETRIC))));
            }
        }
        Duration maxAge = settings.get(AdapterSettings.DPOP_MAX_AGE);
        if (maxAge.compareTo(Duration.ofSeconds(1)) < 0 || maxAge.compareTo(MAX_AGE_LIMIT) > 0) {
            throw new ConfigurationException(AdapterSettings.DPOP_MAX_AGE.name(), "must be from PT1S to PT10M");
        }
        String base = settings.get(AdapterSettings.DPOP_EXTERNAL_BASE_URL);
        if (base != null) {
            base = checkBaseUrl(base);
        }
        boolean nonce = settings.get(AdapterSettings.DPOP_NONCE);
        String keyText = settings.get(AdapterSettings.DPOP_NONCE_KEY);
        byte[] key = null;
        if (nonce) {
            if (mode == DpopMode.OFF) {
                throw new ConfigurationException(AdapterSettings.DPOP_NONCE.name(),
                        "needs " + AdapterSettings.DPOP.name() + "=allowed or required");
            }
            if (keyText == null) {
                throw new ConfigurationException(AdapterSettings.DPOP_NONCE_KEY.name(),
                        "must be set when " + AdapterSettings.DPOP_NONCE.name() + "=true (the same key on every replica)");
            }
            key = decodeKey(keyText);
        } else if (keyText != null) {
            throw new ConfigurationException(AdapterSettings.DPOP_NONCE_KEY.name(),
                    "only means something with " + AdapterSettings.DPOP_NONCE.name() + "=true");
        }
        String header = settings.get(AdapterSettings.MTLS_CERTIFICATE_HEADER);
        if (header != null && (!AdapterOptions.isToken(header) || header.equalsIgnoreCase("Authorization"))) {
            throw new ConfigurationException(AdapterSettings.MTLS_CERTIFICATE_HEADER.name(),
                    "must be an HTTP header name (RFC 9110 token)");
        }
        return new SenderConstraintOptions(mode, algorithms, maxAge, settings.get(CoreSettings.CLOCK_SKEW), base, key,
                header);
    }

    private static String checkBaseUrl(String base) {
        String problem = "must be an absolute http or https URL with a host and no path, query or fragment";
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(AdapterSettings.DPOP_EXTERNAL_BASE_URL.name(), problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath();
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                || path != null && !path.isEmpty() && !path.equals("/")) {
            throw new ConfigurationException(AdapterSettings.DPOP_EXTERNAL_BASE_URL.name(), problem);
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static byte[] decodeKey(String text) {
        byte[] key;
        try {
            key = text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(AdapterSettings.DPOP_NONCE_KEY.name(), "must be base64 or base64url");
        }
        if (key.length < MIN_NONCE_KEY_BYTES) {
            throw new ConfigurationException(AdapterSettings.DPOP_NONCE_KEY.name(),
                    "must be at least " + MIN_NONCE_KEY_BYTES + " bytes");
        }
        return key;
    }

    /** {@code jwe.dpop}. */
    public DpopMode dpop() {
        return dpop;
    }

    /** {@code jwe.dpop.algorithms}: the accepted proof algorithms, in the order the challenge names them. */
    public List<String> algorithms() {
        return algorithms;
    }

    /** {@code jwe.dpop.max-age}. */
    public Duration maxAge() {
        return maxAge;
    }

    /** {@code jwe.clock-skew}, applied to the proof's {@code iat} and the nonces too. */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** {@code jwe.dpop.external-base-url} without a trailing slash, or {@code null}. */
    public String externalBaseUrl() {
        return externalBaseUrl;
    }

    /** {@code jwe.dpop.nonce}. */
    public boolean nonceRequired() {
        return nonceKey != null;
    }

    /** {@code jwe.mtls.certificate-header}, or {@code null}. */
    public String certificateHeader() {
        return certificateHeader;
    }

    /** The nonce key (a copy), or {@code null}. */
    byte[] nonceKey() {
        return nonceKey == null ? null : nonceKey.clone();
    }

    /** Settings only, never the nonce key. */
    @Override
    public String toString() {
        return "SenderConstraintOptions[dpop=" + dpop.name().toLowerCase(Locale.ROOT) + ", algorithms=" + algorithms
                + ", maxAge=" + maxAge + ", externalBaseUrl=" + externalBaseUrl + ", nonce=" + nonceRequired()
                + ", certificateHeader=" + certificateHeader + "]";
    }
}
