package dev.jwe.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Test-only token forgery: what {@link TokenIssuer} refuses to make (forbidden algorithms and
 * headers, unsigned payloads under public-key key management, odd nesting, raw header bytes) and
 * surgery on compact segments. jose4j runs here with no algorithm constraints on purpose.
 */
final class Forge {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Forge() {
    }

    /** Strict base64url without padding. */
    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Strict base64url of UTF-8 text. */
    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes base64url (lenient about trailing bits, like many libraries). */
    static byte[] unb64(String segment) {
        return Base64.getUrlDecoder().decode(segment);
    }

    /** The segments of a compact serialization, empty ones included. */
    static String[] segments(String token) {
        return token.split("\\.", -1);
    }

    /** Joins segments with dots. */
    static String join(String... segments) {
        return String.join(".", segments);
    }

    /** The token with segment {@code i} replaced. */
    static String withSegment(String token, int i, String segment) {
        String[] s = segments(token);
        s[i] = segment;
        return join(s);
    }

    /** The decoded protected header of a compact token, as JSON text. */
    static String headerJson(String token) {
        return new String(unb64(segments(token)[0]), StandardCharsets.UTF_8);
    }

    /** The token with its protected header replaced by {@code json} (the ciphertext no longer matches). */
    static String withHeader(String token, String json) {
        return withSegment(token, 0, b64(json));
    }

    /** Parses JSON with jose4j into a map that tests may edit. */
    static Map<String, Object> parse(String json) {
        try {
            return new LinkedHashMap<>(JsonUtil.parseJson(json));
        } catch (JoseException e) {
            throw new IllegalArgumentException("test JSON does not parse", e);
        }
    }

    /**
     * A compact JWS made by jose4j.
     *
     * @param payload the payload as is (JSON claims, another token, anything)
     * @param alg the JWS alg, any value jose4j can sign with
     * @param key the signing key
     * @param headers extra header members (kid, typ, cty, jwk, ...), values of any JSON type
     */
    static String jws(String payload, String alg, Key key, Map<String, ?> headers) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jws.setDoKeyValidation(false);
            jws.setAlgorithmHeaderValue(alg);
            headers.forEach(jws::setHeader);
            jws.setPayload(payload);
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot forge JWS", e);
        }
    }

    /**
     * A compact JWE made by jose4j.
     *
     * @param payload the plaintext
     * @param alg the key management algorithm, any value jose4j supports (RSA1_5, PBES2 too)
     * @param enc the content encryption algorithm
     * @param key the recipient's public or secret key
     * @param headers extra header members (kid, cty, zip, crit, jku, ...), values of any JSON type
     */
    static String jwe(String payload, String alg, String enc, Key key, Map<String, ?> headers) {
        try {
            JsonWebEncryption jwe = new JsonWebEncryption();
            jwe.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jwe.setContentEncryptionAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
            jwe.setDoKeyValidation(false);
            jwe.setAlgorithmHeaderValue(alg);
            jwe.setEncryptionMethodHeaderParameter(enc);
            headers.forEach(jwe::setHeader);
            jwe.setPlaintext(payload);
            jwe.setKey(key);
            return jwe.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot forge JWE", e);
        }
    }

    /**
     * A {@code dir}/A256GCM JWE whose protected header is exactly {@code rawHeader} (any bytes:
     * invalid UTF-8, duplicate members, arrays), encrypted with plain JCA so that the header is
     * genuinely authenticated: a lenient validator would decrypt it successfully.
     *
     * @param cek the 32-byte direct key
     * @param rawHeader the protected header bytes
     * @param payload the plaintext
     */
    static String dirA256Gcm(Key cek, byte[] rawHeader, String payload) {
        return dirA256Gcm(cek, rawHeader, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #dirA256Gcm(Key, byte[], String)} with any plaintext bytes (invalid UTF-8 too). */
    static String dirA256Gcm(Key cek, byte[] rawHeader, byte[] payload) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            String header = b64(rawHeader);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek.getEncoded(), "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(header.getBytes(StandardCharsets.US_ASCII));
            byte[] out = c.doFinal(payload);
            byte[] ciphertext = Arrays.copyOfRange(out, 0, out.length - 16);
            byte[] tag = Arrays.copyOfRange(out, out.length - 16, out.length);
            return join(header, "", b64(iv), b64(ciphertext), b64(tag));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot forge dir JWE", e);
        }
    }

    /** {@link #dirA256Gcm(Key, byte[], String)} with a UTF-8 header text. */
    static String dirA256Gcm(Key cek, String rawHeader, String payload) {
        return dirA256Gcm(cek, rawHeader.getBytes(StandardCharsets.UTF_8), payload);
    }
}
