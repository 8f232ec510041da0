package dev.jwe.core;

import dev.jwe.core.internal.Algorithms;
import dev.jwe.core.internal.KeyIo;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Objects;

/**
 * What a tool that writes JWKs needs from this library, so that it names curves and computes
 * thumbprints exactly as the library reads them: the EC curve table (RFC 7518 §6.2.1.1) and the
 * RFC 7638 JWK thumbprint, which is also the key id the library gives a PEM key. The {@code jwe}
 * command line uses it for {@code jwe keys generate}. Stateless and thread-safe.
 */
public final class Jwks {
    private Jwks() {
    }

    /**
     * The JWK curve name of an EC key.
     *
     * @param key an EC public or private key
     * @return {@code P-256}, {@code P-384} or {@code P-521}
     * @throws IllegalArgumentException for another curve
     */
    public static String curveName(ECKey key) {
        String name = Algorithms.curveName(Objects.requireNonNull(key, "key"));
        if (name == null) {
            throw new IllegalArgumentException("unsupported EC curve of "
                    + key.getParams().getCurve().getField().getFieldSize() + " bits");
        }
        return name;
    }

    /**
     * The parameters to generate a key on a curve, e.g. with
     * {@code KeyPairGenerator.getInstance("EC").initialize(...)}.
     *
     * @param curveName {@code P-256}, {@code P-384} or {@code P-521}
     * @return the JCA parameters of that curve
     * @throws IllegalArgumentException for another name
     */
    public static ECGenParameterSpec curveParameters(String curveName) {
        String jca = Algorithms.jcaCurveName(Objects.requireNonNull(curveName, "curveName"));
        if (jca == null) {
            List<String> names = Algorithms.curveNames();
            throw new IllegalArgumentException("expected " + String.join(", ", names.subList(0, names.size() - 1))
                    + " or " + names.get(names.size() - 1) + ", not " + curveName);
        }
        return new ECGenParameterSpec(jca);
    }

    /**
     * The RFC 7638 JWK thumbprint with SHA-256, base64url-encoded: the key id this library gives a
     * PEM key.
     *
     * @param key an RSA, EC or OKP public key, or a secret key
     * @return the thumbprint
     * @throws IllegalArgumentException for a private key (pass its public half) or a key type a JWK
     *         cannot hold
     */
    public static String thumbprint(Key key) {
        return KeyIo.jwkThumbprint(Objects.requireNonNull(key, "key"));
    }
}
