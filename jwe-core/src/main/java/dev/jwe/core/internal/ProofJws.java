package dev.jwe.core.internal;

import java.util.Map;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * A compact JWS that carries its own public key in the {@code jwk} header, verified with that key:
 * the shape of a DPoP proof (RFC 9449 §4.2). jose4j reads the key and checks the signature (a
 * well-kept implementation of every JWS algorithm and key type); the strict form, the header
 * policy and the size caps are ours, as for tokens. Immutable.
 */
public final class ProofJws {
    /** Longest proof accepted, in characters (a proof with an RSA-4096 key is about 1.5 KiB). */
    public static final int MAX_LENGTH = 8 * 1024;
    private static final int MAX_HEADER_BYTES = 4 * 1024;
    private static final int MAX_DEPTH = 4;
    /** Members that only a private or symmetric JWK has (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    private static final Set<String> ASYMMETRIC_KEY_TYPES = Set.of("EC", "RSA", "OKP");

    /** Why a proof is not acceptable, before any request-specific check. */
    public enum Failure {
        /** Not three strict base64url segments, too long, or a header or payload that is not a JSON object. */
        MALFORMED,
        /** {@code typ} is not {@code dpop+jwt}. */
        TYPE,
        /** {@code alg} missing, {@code none}, symmetric, or not allowed. */
        ALGORITHM,
        /** No usable public {@code jwk}: absent, not an asymmetric key, or with private members. */
        KEY,
        /** The signature does not verify with the {@code jwk}. */
        SIGNATURE
    }

    /** A proof that failed; carries no proof text. */
    public static final class InvalidProofException extends Exception {
        private static final long serialVersionUID = 1L;
        private final Failure failure;

        InvalidProofException(Failure failure) {
            super(failure.name(), null, false, false);
            this.failure = failure;
        }

        /** Why. */
        public Failure failure() {
            return failure;
        }
    }

    private final Map<String, Object> claims;
    private final String thumbprint;
    private final String algorithm;

    private ProofJws(Map<String, Object> claims, String thumbprint, String algorithm) {
        this.claims = claims;
        this.thumbprint = thumbprint;
        this.algorithm = algorithm;
    }

    /**
     * Parses and verifies a proof.
     *
     * @param text the proof, compact serialization
     * @param algorithms the accepted {@code alg} values (asymmetric only)
     * @return the verified proof
     * @throws InvalidProofException when it is not acceptable
     */
    public static ProofJws verify(String text, Set<String> algorithms) throws InvalidProofException {
        if (text == null || text.length() > MAX_LENGTH) {
            throw new InvalidProofException(Failure.MALFORMED);
        }
        Compact compact = Compact.parse(text, 3);
        if (compact == null || compact.decodedLength(0) > MAX_HEADER_BYTES) {
            throw new InvalidProofException(Failure.MALFORMED);
        }
        Map<String, Object> header = object(compact, 0);
        Map<String, Object> claims = object(compact, 1);
        if (!(header.get("typ") instanceof String typ) || !typ.equalsIgnoreCase("dpop+jwt")) {
            throw new InvalidProofException(Failure.TYPE);
        }
        if (!(header.get("alg") instanceof String alg) || !algorithms.contains(alg) || alg.startsWith("HS")
                || alg.equals("none")) {
            throw new InvalidProofException(Failure.ALGORITHM);
        }
        if (!(header.get("jwk") instanceof Map<?, ?> jwk) || !(jwk.get("kty") instanceof String kty)
                || !ASYMMETRIC_KEY_TYPES.contains(kty)) {
            throw new InvalidProofException(Failure.KEY);
        }
        for (Object member : jwk.keySet()) {
            if (PRIVATE_MEMBERS.contains(member)) {
                throw new InvalidProofException(Failure.KEY);
            }
        }
        PublicJsonWebKey key;
        String thumbprint;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> members = (Map<String, Object>) jwk;
            key = PublicJsonWebKey.Factory.newPublicJwk(members);
            thumbprint = key.calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException | RuntimeException e) {
            throw new InvalidProofException(Failure.KEY);
        }
        if (key.getPrivateKey() != null) {
            throw new InvalidProofException(Failure.KEY);
        }
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg));
            jws.setCompactSerialization(text);
            jws.setKey(key.getPublicKey());
            if (!jws.verifySignature()) {
                throw new InvalidProofException(Failure.SIGNATURE);
            }
        } catch (JoseException | RuntimeException e) {
            // jose4j refuses a key that does not fit the algorithm (type, curve, RSA size) here too
            throw new InvalidProofException(Failure.SIGNATURE);
        }
        return new ProofJws(claims, thumbprint, alg);
    }

    private static Map<String, Object> object(Compact compact, int segment) throws InvalidProofException {
        String json = Compact.utf8(compact.decode(segment));
        if (json == null) {
            throw new InvalidProofException(Failure.MALFORMED);
        }
        try {
            return Json.parseObjectStrict(json, MAX_DEPTH);
        } catch (Json.BadJsonException | IllegalArgumentException e) {
            throw new InvalidProofException(Failure.MALFORMED);
        }
    }

    /**
     * Signs a proof: {@code typ} dpop+jwt, the {@code alg}, and the public half of the key as
     * {@code jwk} (never a private member).
     *
     * @param claims the claims
     * @param privateKey the client's private key
     * @param publicKey its public half
     * @param alg the JWS algorithm, e.g. ES256
     * @return the compact proof
     * @throws IllegalArgumentException when the key does not fit the algorithm
     */
    public static String sign(Map<String, Object> claims, java.security.PrivateKey privateKey,
            java.security.PublicKey publicKey, String alg) {
        try {
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(publicKey);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setHeader("typ", "dpop+jwt");
            jws.setAlgorithmHeaderValue(alg);
            jws.setJwkHeader(jwk);
            jws.setPayload(Json.write(claims));
            jws.setKey(privateKey);
            return jws.getCompactSerialization();
        } catch (JoseException | RuntimeException e) {
            throw new IllegalArgumentException("the key does not fit " + alg);
        }
    }

    /**
     * The RFC 7638 SHA-256 thumbprint of a public key, base64url.
     *
     * @param publicKey the key
     * @return the thumbprint
     */
    public static String thumbprint(java.security.PublicKey publicKey) {
        try {
            return PublicJsonWebKey.Factory.newPublicJwk(publicKey).calculateBase64urlEncodedThumbprint("SHA-256");
        } catch (JoseException e) {
            throw new IllegalArgumentException("unsupported key type");
        }
    }

    /** The claims ({@code jti}, {@code htm}, {@code htu}, {@code iat}, {@code ath}, {@code nonce}), unmodified. */
    public Map<String, Object> claims() {
        return claims;
    }

    /** The RFC 7638 SHA-256 thumbprint of the {@code jwk}, base64url: what {@code cnf.jkt} must equal. */
    public String thumbprint() {
        return thumbprint;
    }

    /** The verified {@code alg}. */
    public String algorithm() {
        return algorithm;
    }
}
