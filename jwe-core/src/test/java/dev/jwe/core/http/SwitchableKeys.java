package dev.jwe.core.http;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySet;
import dev.jwe.core.KeySource;
import dev.jwe.core.KeySourceException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Test-only: decryption keys that fail on demand, as a key file or key service on our side would (503). */
final class SwitchableKeys implements KeySource {
    private final KeySet keys;
    private final AtomicBoolean down = new AtomicBoolean();

    SwitchableKeys(KeyEntry... keys) {
        this.keys = KeySet.of(List.of(keys));
    }

    /** Makes the source fail (true) or work again (false). */
    void down(boolean failing) {
        down.set(failing);
    }

    @Override
    public KeySet keys() {
        if (down.get()) {
            throw new KeySourceException("test key source is down");
        }
        return keys;
    }
}
