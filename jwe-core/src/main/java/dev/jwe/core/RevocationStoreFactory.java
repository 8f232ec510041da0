package dev.jwe.core;

import java.time.Clock;
import java.time.Duration;

/**
 * Makes a {@link RevocationStore} from settings, for {@code jwe.revocation.store=<name>}. Found with
 * {@link java.util.ServiceLoader} (a {@code META-INF/services/dev.jwe.core.RevocationStoreFactory}
 * entry), so a module such as {@code jwe-jcache} plugs its store in by being on the class path.
 * {@code memory} is built in. Implementations are stateless.
 */
public interface RevocationStoreFactory {

    /** The value of {@code jwe.revocation.store} that selects this factory, e.g. {@code jcache}. */
    String name();

    /**
     * Makes the store; the caller owns it and closes it.
     *
     * @param settings all settings, for the factory's own ({@code jwe.revocation.<name>.*})
     * @param retention {@code jwe.revocation.retention}, already parsed
     * @param replayWindow {@code jwe.replay.window}, already parsed
     * @param clock the clock for logical expiry
     * @return the store
     * @throws ConfigurationException naming the setting when the store cannot be made
     */
    RevocationStore create(JweSettings settings, Duration retention, Duration replayWindow, Clock clock);
}
