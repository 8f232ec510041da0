package dev.jwe.core.http;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.internal.ProofJws;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Makes DPoP proofs (RFC 9449 §4.2) for a client key: for the {@code jwe dpop proof} command, the
 * demo and tests of applications. The proof carries {@code typ: dpop+jwt}, the public half of the
 * key as {@code jwk}, a random {@code jti}, {@code htm}, {@code htu} (without query and fragment),
 * {@code iat} from the clock, {@code ath} when a token is given and {@code nonce} when one is.
 * Immutable and thread-safe.
 */
public final class DpopProofIssuer {
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String algorithm;
    private final Clock clock;

    private DpopProofIssuer(PrivateKey privateKey, PublicKey publicKey, String algorithm, Clock clock) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.algorithm = algorithm;
        this.clock = clock;
    }

    /**
     * An issuer for a private key with its public half (a private JWK gives both).
     *
     * @param key the client key; its {@code alg} when set, else ES256 for P-256 (ES384, ES512 for
     *     the larger curves), PS256 for RSA, EdDSA for Ed25519
     * @param clock the clock for {@code iat}
     * @return the issuer
     * @throws IllegalArgumentException when the key is not a private key with a public half
     */
    public static DpopProofIssuer of(KeyEntry key, Clock clock) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clock, "clock");
        if (!(key.key() instanceof PrivateKey priv) || key.publicKey().isEmpty()) {
            throw new IllegalArgumentException("a DPoP proof needs a private key with its public half");
        }
        PublicKey pub = key.publicKey().get();
        String alg = key.algorithm().orElseGet(() -> defaultAlgorithm(pub));
        return new DpopProofIssuer(priv, pub, alg, clock);
    }

    private static String defaultAlgorithm(PublicKey pub) {
        if (pub instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits > 384 ? "ES512" : bits > 256 ? "ES384" : "ES256";
        }
        if (pub instanceof RSAPublicKey) {
            return "PS256";
        }
        if (pub instanceof EdECPublicKey) {
            return "EdDSA";
        }
        throw new IllegalArgumentException("a DPoP key is EC, RSA or Ed25519");
    }

    /** The RFC 7638 thumbprint of the key: what a bound token's {@code cnf.jkt} holds. */
    public String thumbprint() {
        return ProofJws.thumbprint(publicKey);
    }

    /** The proof's {@code alg}. */
    public String algorithm() {
        return algorithm;
    }

    /**
     * A new proof.
     *
     * @param method the HTTP method ({@code htm})
     * @param url the request URL ({@code htu}; query and fragment are dropped)
     * @param accessToken the token it goes with ({@code ath}), or {@code null}
     * @param nonce the server's {@code DPoP-Nonce}, or {@code null}
     * @return the compact proof
     */
    public String proof(String method, String url, String accessToken, String nonce) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("htm", method);
        int cut = firstOf(url, '?', '#');
        claims.put("htu", cut < 0 ? url : url.substring(0, cut));
        claims.put("iat", clock.instant().getEpochSecond());
        if (accessToken != null) {
            claims.put("ath", SenderConstraintCheck.sha256(accessToken));
        }
        if (nonce != null) {
            claims.put("nonce", nonce);
        }
        return ProofJws.sign(claims, privateKey, publicKey, algorithm);
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
