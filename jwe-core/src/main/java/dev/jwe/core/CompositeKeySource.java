package dev.jwe.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Several key locations seen as one key set, usable while at least one part is. A location that
 * fails never puts latency on a request that another location can serve: {@link #keys()} takes
 * from a remote key set only what it has cached (its refreshes run in the background) and waits
 * for a fetch only when no location has any usable key; {@link #keysForUnknownKid} waits for
 * remote refreshes only when no location has that key id, and then for all of them at once.
 * Thread-safe.
 */
final class CompositeKeySource implements KeySource {
    private final List<KeySource> parts;
    /** The last merge and the part sets it came from: reused while no part changed. */
    private volatile Merged last;

    private record Merged(List<KeySet> from, KeySet merged) {
    }

    /**
     * @param parts the sources, in the order their locations were given
     */
    CompositeKeySource(List<KeySource> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public KeySet keys() {
        KeySet now = merge(CompositeKeySource::withoutWaiting);
        // Only when no location has a usable key does a request wait, as it would for one location.
        return now.isEmpty() ? merge(KeySource::keys) : now;
    }

    @Override
    public KeySet keysForUnknownKid(String kid) {
        KeySet now = keys();
        if (!now.byKid(kid).isEmpty()) {
            return now;
        }
        for (KeySource part : parts) {
            if (part instanceof RemoteJwks remote) {
                remote.refreshForUnknownKid(kid);
            }
        }
        return merge(part -> part.keysForUnknownKid(kid));
    }

    private static KeySet withoutWaiting(KeySource part) {
        return part instanceof RemoteJwks remote ? remote.cachedKeys()
                : part instanceof DiscoveredJwks discovered ? discovered.cachedKeys() : part.keys();
    }

    private KeySet merge(Function<KeySource, KeySet> keysOf) {
        List<KeySet> sets = new ArrayList<>(parts.size());
        KeySourceException failure = null;
        for (KeySource part : parts) {
            try {
                sets.add(keysOf.apply(part));
            } catch (KeySourceException e) {
                failure = e;
            }
        }
        if (sets.isEmpty()) {
            throw failure;
        }
        Merged m = last;
        if (m != null && sameSets(m.from(), sets)) {
            return m.merged();
        }
        List<KeyEntry> all = new ArrayList<>();
        sets.forEach(set -> all.addAll(set.all()));
        KeySet merged = KeySet.of(all);
        last = new Merged(sets, merged);
        return merged;
    }

    private static boolean sameSets(List<KeySet> a, List<KeySet> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isRemote() {
        return parts.stream().anyMatch(KeySource::isRemote);
    }

    @Override
    public List<KeySourceHealth> health() {
        List<KeySourceHealth> out = new ArrayList<>();
        parts.forEach(p -> out.addAll(p.health()));
        return List.copyOf(out);
    }
}
