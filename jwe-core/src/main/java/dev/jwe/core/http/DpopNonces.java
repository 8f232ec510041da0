package dev.jwe.core.http;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server nonces for DPoP proofs (RFC 9449 §8, §9) that every replica can check without shared
 * state: our own code because no library offers this. A nonce is base64url(seconds since the
 * epoch, 8 bytes, then the first 16 bytes of HMAC-SHA256 over them under
 * {@code jwe.dpop.nonce.key}); it is good from its time until {@code jwe.dpop.max-age} (plus clock
 * skew) later. Replay of the proof itself is stopped by its {@code jti}, not by the nonce.
 * Thread-safe.
 */
final class DpopNonces {
    private static final int TIME_BYTES = 8;
    private static final int MAC_BYTES = 16;
    private static final int NONCE_CHARS = 32; // 24 bytes in base64url without padding

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Duration skew;
    private final Clock clock;

    DpopNonces(byte[] key, Duration lifetime, Duration skew, Clock clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.lifetime = lifetime;
        this.skew = skew;
        this.clock = clock;
    }

    /** A fresh nonce. */
    String issue() {
        long now = clock.instant().getEpochSecond();
        byte[] out = Arrays.copyOf(ByteBuffer.allocate(TIME_BYTES).putLong(now).array(), TIME_BYTES + MAC_BYTES);
        System.arraycopy(mac(out, 0), 0, out, TIME_BYTES, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** Whether a nonce was made with our key and is still current. */
    boolean isCurrent(Object nonce) {
        if (!(nonce instanceof String text) || text.length() != NONCE_CHARS) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!MessageDigest.isEqual(Arrays.copyOfRange(mac(bytes, 0), 0, MAC_BYTES),
                Arrays.copyOfRange(bytes, TIME_BYTES, TIME_BYTES + MAC_BYTES))) {
            return false;
        }
        long issued = ByteBuffer.wrap(bytes, 0, TIME_BYTES).getLong();
        long now = clock.instant().getEpochSecond();
        return issued <= now + skew.toSeconds() && now - issued <= lifetime.toSeconds() + skew.toSeconds();
    }

    private byte[] mac(byte[] data, int offset) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(data, offset, TIME_BYTES);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
