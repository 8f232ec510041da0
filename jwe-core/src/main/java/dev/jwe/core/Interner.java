package dev.jwe.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One shared instance per distinct value for what many cached tokens repeat: the issuer, the
 * audience list, role and scope sets, the header facts and keys. Bounded (values come from
 * verified tokens, but their variety is the issuer's to choose): past the bound, the least used
 * values are forgotten and new ones stored as they are, which costs memory, never correctness.
 * Used only when a token enters the cache, never on a hit. Thread-safe.
 */
final class Interner {
    /** Distinct shared values kept: far more than the issuers, audiences and role sets of a deployment. */
    static final int MAX_VALUES = 1024;

    /** An ordered set's key: sets with the same members in another order are other values. */
    private record SetKey(List<String> members) {
    }

    private final Cache<Object, Object> values = Caffeine.newBuilder()
            .maximumSize(MAX_VALUES)
            .executor(Runnable::run)
            .build();

    String string(String value) {
        return value == null ? null : (String) shared(value, value);
    }

    @SuppressWarnings("unchecked")
    List<String> list(List<String> list) {
        // The key is the list itself: keys of other kinds (String, SetKey, Protection) never equal a List.
        Object known = values.getIfPresent(list);
        if (known != null) {
            return (List<String>) known;
        }
        String[] members = new String[list.size()];
        for (int i = 0; i < members.length; i++) {
            members[i] = string(list.get(i));
        }
        return (List<String>) shared(list, List.of(members));
    }

    /**
     * @param set an ordered set (claim order)
     * @return an unmodifiable set with the same members in the same order
     */
    @SuppressWarnings("unchecked")
    Set<String> set(Set<String> set) {
        SetKey key = new SetKey(List.copyOf(set));
        Object known = values.getIfPresent(key);
        if (known != null) {
            return (Set<String>) known;
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String s : set) {
            copy.add(string(s));
        }
        return (Set<String>) shared(key, Collections.unmodifiableSet(copy));
    }

    TokenFacts.Protection protection(TokenFacts.Protection p) {
        Object known = values.getIfPresent(p);
        if (known != null) {
            return (TokenFacts.Protection) known;
        }
        return (TokenFacts.Protection) shared(p, new TokenFacts.Protection(string(p.keyId()), string(p.alg()),
                string(p.enc()), string(p.signingKeyId()), string(p.signatureAlgorithm()), p.decryptedWith(),
                p.verifiedWith()));
    }

    /** The value already shared under this key, else {@code value}, now shared. */
    private Object shared(Object key, Object value) {
        Object earlier = values.asMap().putIfAbsent(key, value);
        return earlier == null ? value : earlier;
    }
}
