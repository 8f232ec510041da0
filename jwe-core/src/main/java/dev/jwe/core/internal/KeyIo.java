package dev.jwe.core.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetSequenceJsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * Reads keys from JWK Sets, PEM and PKCS#12, and writes public JWK Sets. Error messages name the
 * location and the kind of problem, never key material or jose4j's text. Returns {@link ParsedKey}s and
 * throws {@link KeyFormatException}: jwe-core's {@code KeyEntry} and {@code KeySourceException} are made
 * from them in {@code dev.jwe.core}, so that this package depends on nothing above it.
 */
public final class KeyIo {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KeyIo.class);
    /** Largest key file we read: a key set is small; anything bigger is a mistake. */
    private static final int MAX_KEY_FILE_BYTES = 1 << 20;
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private KeyIo() {
    }

    /**
     * Splits a comma-separated list of locations; inline JSON is one location.
     *
     * @param locations the setting's value
     * @return the locations, trimmed, without empties
     */
    public static List<String> splitLocations(String locations) {
        String trimmed = locations.trim();
        if (trimmed.startsWith("{")) {
            return List.of(trimmed);
        }
        List<String> out = new ArrayList<>();
        for (String part : trimmed.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /**
     * Loads the keys at comma-separated locations.
     *
     * @param locations the locations (see {@link #splitLocations})
     * @param password PKCS#12 password or {@code null}
     * @param passwordSetting the setting that holds the password, named when it is missing
     * @return the keys, in order
     */
    public static List<ParsedKey> loadAll(String locations, char[] password, String passwordSetting) {
        List<ParsedKey> all = new ArrayList<>();
        for (String location : splitLocations(locations)) {
            all.addAll(load(location, password, passwordSetting));
        }
        return all;
    }

    /**
     * Loads the keys at one location.
     *
     * @param location inline JSON, a path, a {@code file:} URL or a {@code classpath:} resource
     * @param password PKCS#12 password or {@code null}
     * @param passwordSetting the setting that holds the password, named when it is missing
     * @return the keys
     */
    public static List<ParsedKey> load(String location, char[] password, String passwordSetting) {
        if (location.startsWith("{")) {
            return parseJwks(location, "inline JSON");
        }
        String name = describe(location);
        if (location.startsWith("https://") || location.startsWith("http://")) {
            throw new KeyFormatException("Remote key sets are not supported for " + name);
        }
        byte[] bytes = read(location, name);
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".p12") || lower.endsWith(".pfx")) {
            return parsePkcs12(bytes, password, name, passwordSetting);
        }
        // A known extension decides the format, so a broken file gets that format's error;
        // only other names are recognised by their content.
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (lower.endsWith(".json") || lower.endsWith(".jwks") || text.startsWith("{")) {
            return parseJwks(text, name);
        }
        if (lower.endsWith(".pem") || lower.endsWith(".key") || lower.endsWith(".crt") || lower.endsWith(".cer")
                || text.contains("-----BEGIN ")) {
            return parsePem(text, name);
        }
        return parsePkcs12(bytes, password, name, passwordSetting);
    }

    private static String describe(String location) {
        return location.startsWith("classpath:") ? location : "file " + location;
    }

    private static byte[] read(String location, String name) {
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length());
                while (resource.startsWith("/")) {
                    resource = resource.substring(1);
                }
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                if (loader == null) {
                    loader = KeyIo.class.getClassLoader();
                }
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new KeyFormatException("Key resource not found: " + name);
                    }
                    byte[] bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
                    return checkSize(bytes, name);
                }
            }
            Path path = location.startsWith("file:") ? Paths.get(java.net.URI.create(location)) : Paths.get(location);
            if (!Files.isRegularFile(path)) {
                throw new KeyFormatException("Key file not found or not a regular file: " + name);
            }
            if (Files.size(path) > MAX_KEY_FILE_BYTES) {
                throw new KeyFormatException("Key file is larger than 1 MiB: " + name);
            }
            return Files.readAllBytes(path);
        } catch (IOException | IllegalArgumentException e) {
            throw new KeyFormatException("Key location cannot be read: " + name + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static byte[] checkSize(byte[] bytes, String name) {
        if (bytes.length > MAX_KEY_FILE_BYTES) {
            throw new KeyFormatException("Key resource is larger than 1 MiB: " + name);
        }
        return bytes;
    }

    /**
     * Parses a JWK Set or a single JWK.
     *
     * @param json the document
     * @param name where it came from, for messages
     * @return the keys
     */
    public static List<ParsedKey> parseJwks(String json, String name) {
        return parseJwks(json, name, false);
    }

    /**
     * Parses a JWK Set, skipping (and counting in a warning) keys that cannot be used: for a
     * remote set, where one entry of a new key type must not make every other key unusable.
     *
     * @param json the document
     * @param name where it came from, for messages
     * @return the usable keys
     */
    public static List<ParsedKey> parseJwksSkippingUnusable(String json, String name) {
        return parseJwks(json, name, true);
    }

    private static List<ParsedKey> parseJwks(String json, String name, boolean skipUnusable) {
        List<?> members;
        try {
            Map<String, Object> parsed = Json.parseObject(json, 8);
            members = parsed.containsKey("keys") ? (List<?>) parsed.get("keys") : List.of(parsed);
        } catch (RuntimeException e) {
            throw new KeyFormatException("Not a valid JWK or JWK Set: " + name);
        }
        // Each key on its own: jose4j's JsonWebKeySet silently skips a broken key (a rotated-in key
        // with a typo would just never match) and logs the whole set, private parts included.
        List<ParsedKey> out = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < members.size(); i++) {
            try {
                JsonWebKey jwk;
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> params = (Map<String, Object>) members.get(i);
                    jwk = JsonWebKey.Factory.newJwk(params);
                } catch (JoseException | RuntimeException e) {
                    // jose4j's message may quote key parameters: keep it out.
                    throw new KeyFormatException("Not a valid JWK or JWK Set (key #" + (i + 1) + "): " + name);
                }
                out.add(toEntry(jwk, name));
            } catch (KeyFormatException e) {
                if (!skipUnusable) {
                    throw e;
                }
                skipped++;
            }
        }
        if (skipped > 0) {
            LOG.warn("jwe: ignored {} key(s) of the key set at {} that cannot be used here", skipped, name);
        }
        if (out.isEmpty()) {
            throw new KeyFormatException("The JWK Set holds no keys: " + name);
        }
        return out;
    }

    private static ParsedKey toEntry(JsonWebKey jwk, String name) {
        Key key;
        PublicKey publicKey = null;
        if (jwk instanceof PublicJsonWebKey pjwk) {
            publicKey = pjwk.getPublicKey();
            key = pjwk.getPrivateKey() != null ? pjwk.getPrivateKey() : publicKey;
        } else if (jwk instanceof OctetSequenceJsonWebKey oct) {
            key = oct.getKey();
        } else {
            throw new KeyFormatException("Unsupported JWK type in " + name);
        }
        if (key == null) {
            throw new KeyFormatException("A JWK without key material in " + name);
        }
        List<String> ops = jwk.getKeyOps();
        Instant nbf = epochSeconds(jwk.getOtherParameterValue("nbf", Object.class), name);
        Instant exp = epochSeconds(jwk.getOtherParameterValue("exp", Object.class), name);
        return new ParsedKey(jwk.getKeyId(), key, publicKey, jwk.getUse(), jwk.getAlgorithm(),
                ops == null ? Set.of() : Set.copyOf(ops), nbf, exp);
    }

    private static Instant epochSeconds(Object value, String name) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() >= 0
                && n.doubleValue() <= 253_402_300_799L) {
            return Instant.ofEpochSecond(n.longValue());
        }
        throw new KeyFormatException("A JWK has a non-numeric nbf or exp in " + name);
    }

    /**
     * Parses PEM blocks: PKCS#8 {@code PRIVATE KEY}, SPKI {@code PUBLIC KEY}, {@code CERTIFICATE}.
     *
     * @param text the PEM text
     * @param name where it came from
     * @return the keys, each with its RFC 7638 thumbprint as key id
     */
    public static List<ParsedKey> parsePem(String text, String name) {
        List<ParsedKey> out = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new KeyFormatException("Bad base64 in a PEM block of " + name);
            }
            try {
                switch (type) {
                    case "PRIVATE KEY" -> {
                        PrivateKey priv = privateKey(der, name);
                        PublicKey pub = publicFromPrivate(priv);
                        out.add(ParsedKey.of(pub == null ? null : thumbprint(pub), priv, pub));
                    }
                    case "PUBLIC KEY" -> {
                        PublicKey pub = publicKey(der, name);
                        out.add(ParsedKey.of(thumbprint(pub), pub, pub));
                    }
                    case "CERTIFICATE" -> {
                        Certificate cert = CertificateFactory.getInstance("X.509")
                                .generateCertificate(new ByteArrayInputStream(der));
                        PublicKey pub = cert.getPublicKey();
                        out.add(ParsedKey.of(thumbprint(pub), pub, pub));
                    }
                    case "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> throw new KeyFormatException(
                            "PEM block '" + type + "' in " + name + " is not supported: convert it to unencrypted PKCS#8"
                                    + " (openssl pkcs8 -topk8 -nocrypt)");
                    default -> throw new KeyFormatException("Unsupported PEM block '" + type + "' in " + name);
                }
            } catch (GeneralSecurityException e) {
                throw new KeyFormatException("A PEM block of " + name + " is not a valid key or certificate");
            }
        }
        if (out.isEmpty()) {
            throw new KeyFormatException("No PEM key or certificate found in " + name);
        }
        return out;
    }

    private static PrivateKey privateKey(byte[] der, String name) {
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "X25519", "Ed448", "X448"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next type
            }
        }
        throw new KeyFormatException("A PKCS#8 block of " + name + " is not an RSA, EC or OKP private key");
    }

    private static PublicKey publicKey(byte[] der, String name) {
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "X25519", "Ed448", "X448"}) {
            try {
                return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next type
            }
        }
        throw new KeyFormatException("A public key block of " + name + " is not an RSA, EC or OKP key");
    }

    private static PublicKey publicFromPrivate(PrivateKey priv) throws GeneralSecurityException {
        if (priv instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (priv instanceof ECPrivateKey ec) {
            return Keys.ecPublicFromPrivate(ec);
        }
        return null;
    }

    private static List<ParsedKey> parsePkcs12(byte[] bytes, char[] password, String name, String passwordSetting) {
        if (password == null) {
            throw new KeyFormatException("A PKCS#12 key store needs a password (" + passwordSetting + "): " + name);
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(bytes), password);
            List<ParsedKey> out = new ArrayList<>();
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias)) {
                    Key key = ks.getKey(alias, password);
                    Certificate cert = ks.getCertificate(alias);
                    out.add(ParsedKey.of(alias, key, cert == null ? null : cert.getPublicKey()));
                } else if (ks.isCertificateEntry(alias)) {
                    PublicKey pub = ks.getCertificate(alias).getPublicKey();
                    out.add(ParsedKey.of(alias, pub, pub));
                }
            }
            if (out.isEmpty()) {
                throw new KeyFormatException("The PKCS#12 key store holds no keys: " + name);
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyFormatException("Cannot open the PKCS#12 key store (wrong password or not PKCS#12): " + name);
        }
    }

    /**
     * The RFC 7638 SHA-256 thumbprint of a public key, for a PEM key's id.
     *
     * @param key the public key
     * @return the base64url thumbprint
     * @throws KeyFormatException for a key type JWK cannot hold
     */
    public static String thumbprint(PublicKey key) {
        try {
            return jwkThumbprint(key);
        } catch (IllegalArgumentException e) {
            throw new KeyFormatException("Unsupported public key type " + key.getAlgorithm());
        }
    }

    /**
     * The RFC 7638 SHA-256 thumbprint (base64url) of a public or secret key: the one thumbprint
     * computation of the project (jose4j's), behind {@code Jwks.thumbprint} and PEM key ids.
     *
     * @param key an RSA, EC or OKP public key, or a secret key that can be exported
     * @return the base64url thumbprint
     * @throws IllegalArgumentException for a private key or a key JWK cannot hold; the message
     *         names the key's algorithm only
     */
    public static String jwkThumbprint(Key key) {
        // jose4j would take a private key's encoding for an octet sequence: only public and secret keys.
        if (key instanceof PublicKey || key instanceof javax.crypto.SecretKey) {
            try {
                return JsonWebKey.Factory.newJwk(key).calculateBase64urlEncodedThumbprint("SHA-256");
            } catch (JoseException | RuntimeException e) {
                // An unknown curve or key type, or a secret key that cannot be exported: the one message below.
            }
        }
        throw new IllegalArgumentException("no JWK thumbprint for a " + key.getAlgorithm() + " key"
                + (key instanceof PrivateKey ? " (private: give its public key)" : ""));
    }

    /**
     * The public JWK of a public key, with the members a published key set carries.
     *
     * @param key the public key
     * @param kid the key id, or {@code null}
     * @param alg the JWK {@code alg}, or {@code null}
     * @param use the {@code use} to set
     * @return the JWK's members (public parameters only)
     * @throws IllegalArgumentException for a key type JWK cannot hold (no jose4j text)
     */
    public static Map<String, Object> publicJwk(PublicKey key, String kid, String alg, String use) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            if (kid != null) {
                jwk.setKeyId(kid);
            }
            if (alg != null) {
                jwk.setAlgorithm(alg);
            }
            jwk.setUse(use);
            return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (JoseException e) {
            throw new IllegalArgumentException("no JWK for a " + key.getAlgorithm() + " key");
        }
    }
}
