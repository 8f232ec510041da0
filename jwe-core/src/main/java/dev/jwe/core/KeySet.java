package dev.jwe.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An immutable set of keys, indexed by key id. Several keys may be active at once, so keys can
 * be rotated with overlap. Thread-safe.
 */
public final class KeySet {
    private static final KeySet EMPTY = new KeySet(List.of());

    private final List<KeyEntry> keys;
    private final Map<String, List<KeyEntry>> byKid;
    private final List<KeyEntry> withoutKid;

    private KeySet(List<KeyEntry> keys) {
        this.keys = List.copyOf(keys);
        Map<String, List<KeyEntry>> index = new HashMap<>();
        List<KeyEntry> noKid = new ArrayList<>();
        for (KeyEntry k : this.keys) {
            if (k.kid().isPresent()) {
                index.computeIfAbsent(k.kid().get(), x -> new ArrayList<>()).add(k);
            } else {
                noKid.add(k);
            }
        }
        index.replaceAll((kid, list) -> List.copyOf(list));
        this.byKid = Collections.unmodifiableMap(index);
        this.withoutKid = List.copyOf(noKid);
    }

    /**
     * @param keys the keys
     * @return a set of them
     */
    public static KeySet of(List<KeyEntry> keys) {
        return keys.isEmpty() ? EMPTY : new KeySet(keys);
    }

    /** The empty set. */
    public static KeySet empty() {
        return EMPTY;
    }

    /** All keys, in the order they were configured. */
    public List<KeyEntry> all() {
        return keys;
    }

    /**
     * The keys with this id (usually one; a key id shared by keys of different types is allowed).
     *
     * @param kid the key id
     * @return the keys, possibly empty
     */
    public List<KeyEntry> byKid(String kid) {
        return byKid.getOrDefault(kid, List.of());
    }

    /** The keys that have no key id. */
    public List<KeyEntry> withoutKid() {
        return withoutKid;
    }

    /** True when there are no keys. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /**
     * The public halves of the asymmetric keys as a JWK Set document ({@code {"keys":[...]}}),
     * each with {@code use} set to {@code use}. Never contains a private or secret parameter.
     *
     * @param use the {@code use} to publish, e.g. {@code enc}
     * @return the JSON document
     */
    public String toPublicJwks(String use) {
        return KeyLoading.toPublicJwks(keys, use, KeyEntry::algorithm);
    }

    /**
     * The public JWK Set with the {@code alg} of each key chosen by {@code algorithm} (e.g.
     * {@link Jwks#publishedKeyManagement(KeyEntry, List)}), as {@link #toPublicJwks(String)} otherwise.
     *
     * @param use the {@code use} to publish, e.g. {@code enc}
     * @param algorithm the {@code alg} to publish for a key; empty publishes none
     * @return the JSON document
     */
    public String toPublicJwks(String use, Function<KeyEntry, Optional<String>> algorithm) {
        return KeyLoading.toPublicJwks(keys, use, Objects.requireNonNull(algorithm, "algorithm"));
    }

    /** The key ids, for logs and health snapshots. */
    public List<String> keyIds() {
        List<String> ids = new ArrayList<>();
        for (KeyEntry k : keys) {
            ids.add(k.kid().orElse("(no kid)"));
        }
        return List.copyOf(ids);
    }

    @Override
    public String toString() {
        return "KeySet" + keys;
    }

    /**
     * Finds one key by id, when exactly one has that id.
     *
     * @param kid the key id
     * @return the key
     */
    public Optional<KeyEntry> findOne(String kid) {
        List<KeyEntry> found = byKid(kid);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
