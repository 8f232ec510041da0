package dev.jwe.core;

import java.util.List;
import java.util.Objects;

/**
 * Where keys come from. {@link #keys()} is called on every validation and must be cheap: a source
 * loads (or reloads) in the background and hands out an immutable {@link KeySet}. A request waits
 * for a fetch only when there is no usable key at all (a remote key set with nothing cached) or no
 * key with the token's {@code kid}; with several locations, a failing one never delays a request
 * that another can serve.
 *
 * <p>Locations understood by {@link #load(String, char[])} (comma-separated to combine several):
 * <ul>
 *   <li>inline JSON: a JWK Set ({@code {"keys":[...]}}) or a single JWK;</li>
 *   <li>a file path or {@code file:} URL, or a {@code classpath:} resource, holding a JWK Set
 *       ({@code .json}/{@code .jwks}), PEM ({@code .pem}, {@code .key}, {@code .crt}, {@code .cer}:
 *       PKCS#8 private keys, SPKI public keys, X.509 certificates) or a PKCS#12 key store
 *       ({@code .p12}, {@code .pfx}; needs the password).</li>
 * </ul>
 * PEM keys get their RFC 7638 JWK thumbprint as key id; PKCS#12 entries get their alias.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface KeySource {

    /**
     * The keys now in force.
     *
     * @return the current key set
     * @throws KeySourceException when no keys can be had (our failure, 5xx)
     */
    KeySet keys();

    /**
     * The keys, when a token names a key id that {@link #keys()} lacks. A remote key set may
     * refresh once here (rate-limited, with a negative cache of unknown ids) and wait for it, at
     * most its timeout; others return {@link #keys()}.
     *
     * @param kid the unknown key id
     * @return the current key set, possibly refreshed
     */
    default KeySet keysForUnknownKid(String kid) {
        return keys();
    }

    /**
     * True when the keys can change at run time to keys of another type (a remote key set), so
     * that algorithm allow-lists cannot be derived from the keys seen at start-up alone.
     *
     * @return whether the source is remote
     */
    default boolean isRemote() {
        return false;
    }

    /**
     * The state of each location behind this source, for health endpoints.
     *
     * @return one snapshot per location
     */
    default List<KeySourceHealth> health() {
        KeySet keys = keys();
        return List.of(new KeySourceHealth("static", keys.keyIds(), null, null, null, !keys.isEmpty()));
    }

    /**
     * A source that always returns the same keys.
     *
     * @param keys the keys
     * @return the source
     */
    static KeySource of(KeySet keys) {
        Objects.requireNonNull(keys, "keys");
        return () -> keys;
    }

    /**
     * A source of the given keys.
     *
     * @param keys the keys
     * @return the source
     */
    static KeySource of(KeyEntry... keys) {
        return of(KeySet.of(List.of(keys)));
    }

    /**
     * Loads keys once from one or more comma-separated locations (see the type's description).
     *
     * @param locations the locations
     * @param password the PKCS#12 password, or {@code null}
     * @return a source of the loaded keys
     * @throws KeySourceException when a location cannot be read or parsed
     */
    static KeySource load(String locations, char[] password) {
        Objects.requireNonNull(locations, "locations");
        return of(KeySet.of(KeyLoading.loadAll(locations, password, "jwe.decryption.keystore-password")));
    }
}
