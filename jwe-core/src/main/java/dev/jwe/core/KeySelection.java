package dev.jwe.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 4 (and the key lookup of stage 6): the keys to try. By {@code kid} when the token names
 * one, asking the source once more for an id it lacks (a remote source may answer with a
 * rate-limited refresh), else every key; only keys that fit the algorithm and are inside their
 * validity window; at most {@value #MAX_CANDIDATES}, so a token without {@code kid} cannot make us
 * try every key. An unknown or unfitting key is the client's failure ({@code UNKNOWN_KEY}); an
 * empty key set is ours ({@link KeySourceException}, 503). Immutable and thread-safe.
 */
final class KeySelection {
    static final int MAX_CANDIDATES = 3;

    private final Clock clock;

    /**
     * @param clock decides which keys are inside their validity window
     */
    KeySelection(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param source the decryption keys
     * @param kid the JWE {@code kid}, or {@code null}
     * @param alg the JWE {@code alg}
     * @param enc the JWE {@code enc}
     * @param epkCurve the ECDH ephemeral key's curve, or {@code null}
     * @return one to {@value #MAX_CANDIDATES} keys, in configured order (a list of the caller's own)
     * @throws TokenRejectedException {@code UNKNOWN_KEY} when no key fits
     */
    List<KeyEntry> forDecryption(KeySource source, String kid, String alg, String enc, String epkCurve)
            throws TokenRejectedException {
        return select(source, "decryption", kid, alg, enc, epkCurve);
    }

    /**
     * @param source the verification keys
     * @param kid the JWS {@code kid}, or {@code null}
     * @param alg the JWS {@code alg}
     * @return one to {@value #MAX_CANDIDATES} keys, in configured order (a list of the caller's own)
     * @throws TokenRejectedException {@code UNKNOWN_KEY} when no key fits
     */
    List<KeyEntry> forVerification(KeySource source, String kid, String alg) throws TokenRejectedException {
        return select(source, "verification", kid, alg, null, null);
    }

    /** {@code enc == null} selects for verification. */
    private List<KeyEntry> select(KeySource source, String what, String kid, String alg, String enc, String epkCurve)
            throws TokenRejectedException {
        KeySet keys = source.keys();
        if (keys.isEmpty()) {
            throw new KeySourceException("No " + what + " keys are available");
        }
        List<KeyEntry> named = kid == null ? keys.all() : keys.byKid(kid);
        if (kid != null && named.isEmpty()) {
            named = source.keysForUnknownKid(kid).byKid(kid);
        }
        Instant now = clock.instant();
        List<KeyEntry> out = new ArrayList<>(2);
        for (KeyEntry k : named) {
            if (k.isUsableAt(now) && (enc == null ? KeyFit.fitsVerification(k, alg)
                    : KeyFit.fitsDecryption(k, alg, enc, epkCurve))) {
                out.add(k);
                if (out.size() == MAX_CANDIDATES) {
                    break;
                }
            }
        }
        if (out.isEmpty()) {
            throw new TokenRejectedException(Reason.UNKNOWN_KEY);
        }
        return out;
    }
}
