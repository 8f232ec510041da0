package dev.jwe.cli;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySet;
import dev.jwe.core.KeySource;
import dev.jwe.core.KeySourceException;
import dev.jwe.core.TokenIssuer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.PrivateKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.XECKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jwe mint}: signs a claims set (JWS) and encrypts it to the recipient (JWE with {@code cty:
 * JWT}, RFC 7519 §5.2), through {@link TokenIssuer}. Prints the compact token and a line break.
 */
@Command(name = "mint", sortOptions = false,
        description = {"Sign claims and encrypt them into a nested JWT (JWS inside JWE, cty JWT) and print it.",
            "Claims come from --claims, then the claim options (which win). --ttl sets iat and exp (PT10M"
                    + " when no exp is given at all) and adds a random jti."})
final class MintCommand implements Callable<Integer> {
    private static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    private static final int MAX_CLAIMS_BYTES = 1 << 20;
    private static final int MAX_CLAIMS_DEPTH = 16;
    private static final Map<String, String> ISSUER_OPTIONS = Map.of(
            "keyManagementAlgorithm", "--alg",
            "contentEncryptionAlgorithm", "--enc",
            "signatureAlgorithm", "--sig-alg",
            "encryptionKey", "--encryption-keys",
            "signingKey", "--signing-keys",
            "Cannot encrypt", "--alg",
            "Cannot sign", "--sig-alg");

    @Option(names = "--encryption-keys", required = true, paramLabel = "KEYS",
            description = "The recipient's keys (public JWK Set, PEM, inline JSON or classpath:).")
    String encryptionKeys;

    @Option(names = "--signing-keys", required = true, paramLabel = "KEYS",
            description = "The issuer's private signing keys (private JWK Set, PKCS#8 PEM or inline JSON).")
    String signingKeys;

    @Option(names = "--encryption-kid", paramLabel = "ID",
            description = "Which encryption key; may be left out when exactly one key fits.")
    String encryptionKid;

    @Option(names = "--signing-kid", paramLabel = "ID",
            description = "Which signing key; may be left out when exactly one key fits.")
    String signingKid;

    @Option(names = "--alg", paramLabel = "ALG",
            description = "JWE key management algorithm (default: the key's alg, else RSA-OAEP-256,"
                    + " ECDH-ES+A256KW or A*KW by key type).")
    String alg;

    @Option(names = "--enc", paramLabel = "ENC", description = "JWE content encryption (default A256GCM).")
    String enc;

    @Option(names = "--sig-alg", paramLabel = "ALG",
            description = "JWS algorithm (default: the key's alg, else RS256, ES256/384/512, EdDSA or HS256).")
    String sigAlg;

    @Option(names = "--typ", paramLabel = "TYPE", description = "The inner JWS typ header, e.g. at+jwt (RFC 9068).")
    String typ;

    @Option(names = "--claims", paramLabel = "FILE", description = "A JSON object of claims; - reads standard input.")
    String claimsFile;

    @Option(names = "--sub", paramLabel = "SUBJECT", description = "The sub claim.")
    String sub;

    @Option(names = "--iss", paramLabel = "ISSUER", description = "The iss claim.")
    String iss;

    @Option(names = "--aud", paramLabel = "AUDIENCE", split = ",",
            description = "The aud claim; several make an array. Repeatable or comma-separated.")
    List<String> aud = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "DURATION",
            description = "Lifetime (ISO-8601, e.g. PT10M): sets iat to now and exp to now + ttl.")
    Duration ttl;

    @Option(names = "--roles", paramLabel = "ROLE", split = ",", description = "Roles (the groups claim), comma-separated.")
    List<String> roles = new ArrayList<>();

    @Option(names = "--scope", paramLabel = "SCOPES", description = "OAuth scopes, space-separated (the scope claim).")
    String scope;

    @Option(names = "--claim", paramLabel = "NAME=VALUE",
            description = "Any claim; a VALUE that is a JSON number or true/false is one, anything else a string."
                    + " Repeatable; wins over the other claim options.")
    Map<String, String> extraClaims = new LinkedHashMap<>();

    @Option(names = "--cnf-jkt", paramLabel = "THUMBPRINT",
            description = "Bind the token to a DPoP key (RFC 9449): the base64url RFC 7638 SHA-256 thumbprint of the"
                    + " client's public key (see jwe dpop thumbprint), as cnf.jkt.")
    String cnfJkt;

    @Option(names = "--cnf-x5t", paramLabel = "THUMBPRINT",
            description = "Bind the token to a TLS client certificate (RFC 8705): the base64url SHA-256 of the"
                    + " certificate's DER encoding, as cnf.x5t#S256.")
    String cnfX5t;

    @Spec
    CommandSpec spec;

    private final Context context;

    MintCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        KeyEntry encryptionKey = select(load(encryptionKeys, "--encryption-keys"), encryptionKid,
                MintCommand::canEncrypt, "--encryption-keys", "--encryption-kid", "encryption");
        KeyEntry signingKey = select(load(signingKeys, "--signing-keys"), signingKid,
                MintCommand::canSign, "--signing-keys", "--signing-kid", "signing");

        TokenIssuer.Builder builder = TokenIssuer.builder().encryptionKey(encryptionKey).signingKey(signingKey);
        String keyManagement = alg != null ? alg : encryptionKey.algorithm().orElse(null);
        if (keyManagement != null) {
            builder.keyManagementAlgorithm(keyManagement);
        }
        if (enc != null) {
            builder.contentEncryptionAlgorithm(enc);
        }
        String signature = sigAlg != null ? sigAlg : signingKey.algorithm().orElse(null);
        if (signature != null) {
            builder.signatureAlgorithm(signature);
        }
        if (typ != null) {
            builder.type(typ);
        }
        String token;
        try {
            token = builder.build().issue(claims());
        } catch (IllegalArgumentException e) {
            throw issuerProblem(e.getMessage());
        }
        spec.commandLine().getOut().append(token).append('\n').flush();
        return 0;
    }

    private static KeySet load(String location, String option) {
        try {
            return KeySource.load(location, null).keys();
        } catch (KeySourceException e) {
            throw new UsageException(option, e.getMessage());
        }
    }

    /** Picks the key by kid, or the only suitable key when no kid is given. */
    private static KeyEntry select(KeySet keys, String kid, Predicate<KeyEntry> suitable, String option, String kidOption,
            String purpose) {
        List<KeyEntry> fitting = (kid == null ? keys.all() : keys.byKid(kid)).stream().filter(suitable).toList();
        if (fitting.size() == 1) {
            return fitting.get(0);
        }
        if (kid != null) {
            throw new UsageException(kidOption, fitting.isEmpty()
                    ? "no " + purpose + " key with kid '" + kid + "' in " + option + " (kids: " + kids(keys.all()) + ")"
                    : fitting.size() + " " + purpose + " keys share kid '" + kid + "'");
        }
        if (fitting.isEmpty()) {
            throw new UsageException(option, "no key fit for " + purpose + " (keys: " + keys.all() + ")");
        }
        throw new UsageException(kidOption, fitting.size() + " keys fit for " + purpose + "; choose one of "
                + kids(fitting));
    }

    private static String kids(List<KeyEntry> keys) {
        return keys.stream().map(k -> k.kid().orElse("(no kid)")).collect(Collectors.joining(", "));
    }

    private static boolean canEncrypt(KeyEntry k) {
        Key key = k.key();
        boolean type = key instanceof SecretKey
                || k.publicKey().isPresent() && (key instanceof RSAKey || key instanceof ECKey || key instanceof XECKey);
        return type && k.use().map("enc"::equals).orElse(true)
                && allows(k, Set.of("encrypt", "wrapKey", "deriveKey", "deriveBits"));
    }

    private static boolean canSign(KeyEntry k) {
        Key key = k.key();
        boolean type = key instanceof SecretKey
                || key instanceof PrivateKey && (key instanceof RSAKey || key instanceof ECKey || key instanceof EdECKey);
        return type && k.use().map("sig"::equals).orElse(true) && allows(k, Set.of("sign"));
    }

    private static boolean allows(KeyEntry k, Set<String> ops) {
        return k.keyOps().isEmpty() || k.keyOps().stream().anyMatch(ops::contains);
    }

    /** The claims: the file's, then the claim options, then --claim, then the lifetime. */
    private Map<String, Object> claims() throws IOException {
        TokenIssuer.ClaimsBuilder b = TokenIssuer.claims(context.clock());
        if (claimsFile != null) {
            readClaimsFile().forEach(b::claim);
        }
        if (iss != null) {
            b.issuer(iss);
        }
        if (sub != null) {
            b.subject(sub);
        }
        if (!aud.isEmpty()) {
            b.audience(aud.toArray(new String[0]));
        }
        if (!roles.isEmpty()) {
            b.roles(roles);
        }
        if (scope != null) {
            b.scopes(List.of(scope.trim().split(" +")));
        }
        extraClaims.forEach((name, value) -> b.claim(name, claimValue(value)));
        Map<String, Object> cnf = new LinkedHashMap<>();
        if (cnfJkt != null) {
            cnf.put("jkt", thumbprintOption(cnfJkt, "--cnf-jkt"));
        }
        if (cnfX5t != null) {
            cnf.put("x5t#S256", thumbprintOption(cnfX5t, "--cnf-x5t"));
        }
        if (!cnf.isEmpty()) {
            b.claim("cnf", cnf);
        }
        if (ttl != null) {
            b.expiresIn(ttl);
        } else if (!b.build().containsKey("exp")) {
            b.expiresIn(DEFAULT_TTL);
        }
        return b.build();
    }

    /** A SHA-256 thumbprint: 43 base64url characters. */
    private static String thumbprintOption(String value, String option) {
        if (!value.matches("[A-Za-z0-9_-]{43}")) {
            throw new UsageException(option, "must be a base64url SHA-256 thumbprint (43 characters)");
        }
        return value;
    }

    private Map<String, Object> readClaimsFile() throws IOException {
        byte[] bytes;
        if (claimsFile.equals("-")) {
            bytes = context.stdin().readNBytes(MAX_CLAIMS_BYTES + 1);
        } else {
            Path path = Path.of(claimsFile);
            if (!Files.isRegularFile(path)) {
                throw new UsageException("--claims", "no such file: " + claimsFile);
            }
            if (Files.size(path) > MAX_CLAIMS_BYTES) {
                throw new UsageException("--claims", "larger than 1 MiB: " + claimsFile);
            }
            bytes = Files.readAllBytes(path);
        }
        if (bytes.length > MAX_CLAIMS_BYTES) {
            throw new UsageException("--claims", "larger than 1 MiB");
        }
        Map<String, Object> parsed;
        try {
            parsed = Json.parseObject(new String(bytes, StandardCharsets.UTF_8), MAX_CLAIMS_DEPTH);
        } catch (Json.ParseException e) {
            throw new UsageException("--claims", e.getMessage());
        }
        for (Map.Entry<String, Object> e : parsed.entrySet()) {
            if (e.getValue() == null) {
                throw new UsageException("--claims", "claim '" + e.getKey() + "' is null; leave it out instead");
            }
        }
        return parsed;
    }

    /** A JSON number or boolean when the text is one, else the text itself. */
    static Object claimValue(String text) {
        try {
            Object value = Json.parse(text, 0);
            return value instanceof Number || value instanceof Boolean ? value : text;
        } catch (Json.ParseException e) {
            return text;
        }
    }

    /**
     * Names the option behind a {@link TokenIssuer} complaint: its builder messages start with the
     * builder method's name, its crypto failures with what failed.
     */
    private static UsageException issuerProblem(String message) {
        for (Map.Entry<String, String> e : ISSUER_OPTIONS.entrySet()) {
            if (message.startsWith(e.getKey() + ": ")) {
                return new UsageException(e.getValue(), message.substring(e.getKey().length() + 2));
            }
            if (message.startsWith(e.getKey())) {
                return new UsageException(e.getValue(), message);
            }
        }
        return new UsageException("mint", message);
    }
}
