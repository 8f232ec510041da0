package dev.jwe.core;

import dev.jwe.core.internal.Json;
import dev.jwe.core.internal.KeyFormatException;
import dev.jwe.core.internal.KeyIo;
import dev.jwe.core.internal.ParsedKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Key reading and publishing for this package: {@link KeyIo} parses (with jose4j, in the internal
 * package that knows none of our types); here its results become {@link KeyEntry}s and its
 * failures {@link KeySourceException}s with the same message.
 */
final class KeyLoading {
    private KeyLoading() {
    }

    /** The keys at comma-separated locations, in order (see {@link KeyIo#loadAll}). */
    static List<KeyEntry> loadAll(String locations, char[] password, String passwordSetting) {
        return entries(() -> KeyIo.loadAll(locations, password, passwordSetting));
    }

    /** The keys at one location (see {@link KeyIo#load}). */
    static List<KeyEntry> load(String location, char[] password, String passwordSetting) {
        return entries(() -> KeyIo.load(location, password, passwordSetting));
    }

    /** The usable keys of a remote JWK Set (see {@link KeyIo#parseJwksSkippingUnusable}). */
    static List<KeyEntry> parseJwksSkippingUnusable(String json, String name) {
        return entries(() -> KeyIo.parseJwksSkippingUnusable(json, name));
    }

    /** The public JWK Set of the keys that have a public half, each with {@code use} and the {@code alg} chosen. */
    static String toPublicJwks(List<KeyEntry> keys, String use, Function<KeyEntry, Optional<String>> algorithm) {
        List<Object> out = new ArrayList<>();
        for (KeyEntry k : keys) {
            if (k.publicKey().isEmpty()) {
                continue;
            }
            try {
                out.add(KeyIo.publicJwk(k.publicKey().get(), k.kid().orElse(null), algorithm.apply(k).orElse(null), use));
            } catch (IllegalArgumentException e) {
                throw new KeySourceException("Cannot publish a key of type " + k.describeType());
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("keys", out);
        return Json.write(doc);
    }

    private static List<KeyEntry> entries(Supplier<List<ParsedKey>> read) {
        List<ParsedKey> parsed;
        try {
            parsed = read.get();
        } catch (KeyFormatException e) {
            throw new KeySourceException(e.getMessage());
        }
        List<KeyEntry> out = new ArrayList<>(parsed.size());
        for (ParsedKey p : parsed) {
            KeyEntry entry = KeyEntry.of(p.kid(), p.key(), p.publicKey(), p.use(), p.algorithm(), p.keyOps());
            out.add(p.notBefore() == null && p.expiresAt() == null ? entry
                    : entry.withValidity(p.notBefore(), p.expiresAt()));
        }
        return out;
    }
}
