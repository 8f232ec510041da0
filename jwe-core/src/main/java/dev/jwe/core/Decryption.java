package dev.jwe.core;

import dev.jwe.core.internal.Compact;
import dev.jwe.core.internal.ContentCipher;
import dev.jwe.core.internal.Jca;
import dev.jwe.core.internal.KeyManagement;
import javax.crypto.SecretKey;

/**
 * Stage 5: decryption with the keys that {@link KeySelection} offers, first success wins. Our
 * own JCA code for every algorithm ({@link KeyManagement}, then {@link ContentCipher}), through
 * the crypto provider chosen by {@code jwe.crypto.provider} and passed per operation; the segments
 * are already parsed. The plaintext must be strict UTF-8. Immutable and thread-safe.
 */
final class Decryption {
    /**
     * A decrypted token.
     *
     * @param payload the plaintext: a nested JWS, or JSON claims
     * @param key the key that decrypted it (a cache entry lives only while it is in force)
     */
    record Result(String payload, KeyEntry key) {
    }

    private final KeySource keys;
    private final KeySelection selection;
    private final Jca jca;

    /**
     * @param keys the decryption keys
     * @param selection picks the candidates among them
     * @param jca the JCA provider to use
     */
    Decryption(KeySource keys, KeySelection selection, Jca jca) {
        this.keys = keys;
        this.selection = selection;
        this.jca = jca;
    }

    /**
     * @param jwe the token
     * @param header its header, past the {@link HeaderPolicy}
     * @return the plaintext and the key
     * @throws TokenRejectedException {@code UNKNOWN_KEY} when no key fits, {@code DECRYPTION_FAILED}
     *     when none decrypts, {@code MALFORMED_CLAIMS} when the plaintext is not UTF-8
     */
    Result decrypt(Compact jwe, HeaderPolicy.Result header) throws TokenRejectedException {
        String alg = header.header().alg();
        String enc = header.header().enc();
        for (KeyEntry key : selection.forDecryption(keys, header.header().kid(), alg, enc, header.epkCurve())) {
            SecretKey cek = KeyManagement.contentKey(jca, jwe, header.header().fields(), alg, enc, key.key());
            byte[] plaintext = cek == null ? null : ContentCipher.decrypt(jca, jwe, enc, cek);
            if (plaintext != null) {
                String payload = Compact.utf8(plaintext);
                if (payload == null) {
                    throw new TokenRejectedException(Reason.MALFORMED_CLAIMS);
                }
                return new Result(payload, key);
            }
        }
        throw new TokenRejectedException(Reason.DECRYPTION_FAILED);
    }
}
