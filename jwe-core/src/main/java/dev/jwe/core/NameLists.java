package dev.jwe.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * How the builder takes lists of names (algorithms, issuers, audiences, claims): null refused at
 * the setter, entries trimmed, immutable copies. Blank entries are judged by the caller: dropped
 * from collections, kept from a comma-separated principal-claim list so that build() can refuse it.
 */
final class NameLists {

    private NameLists() {
    }

    /** A comma-separated list of claim names, trimmed; blank entries stay, for build() to refuse. */
    static List<String> commaSeparated(String names) {
        List<String> out = new ArrayList<>();
        for (String name : names.split(",", -1)) {
            out.add(name.trim());
        }
        return List.copyOf(out);
    }

    /** Every value, trimmed, blank ones kept for build() to refuse; {@code name} names the option. */
    static List<String> trimmed(Collection<String> values, String name) {
        Objects.requireNonNull(values, name);
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(Objects.requireNonNull(v, name).trim());
        }
        return List.copyOf(out);
    }

    /** The non-blank values, trimmed; {@code name} names the builder option in a null message. */
    static List<String> copy(Collection<String> values, String name) {
        Objects.requireNonNull(values, name);
        List<String> out = new ArrayList<>();
        for (String v : values) {
            Objects.requireNonNull(v, name);
            if (!v.isBlank()) {
                out.add(v.trim());
            }
        }
        return List.copyOf(out);
    }
}
