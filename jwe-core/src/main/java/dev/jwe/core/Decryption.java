package dev.jwe.core;

import dev.jwe.core.internal.Compact;
import dev.jwe.core.internal.ContentCipher;
import dev.jwe.core.internal.JoseCrypto;

/**
 * Stage 5: decryption with the keys that {@link KeySelection} offers, first success wins. Our
 * own JCA code for {@code dir} (the segments are already parsed, no key management to do), jose4j
 * for the rest. The plaintext must be strict UTF-8. Immutable and thread-safe.
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

    /**
     * @param keys the decryption keys
     * @param selection picks the candidates among them
     */
    Decryption(KeySource keys, KeySelection selection) {
        this.keys = keys;
        this.selection = selection;
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
            byte[] plaintext = alg.equals("dir") ? ContentCipher.decrypt(jwe, enc, key.key())
                    : JoseCrypto.decrypt(jwe.text(), alg, enc, key.key());
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
