package dev.jwe.servlet;

import dev.jwe.core.ConfigurationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Path rules such as {@code jwe.exclude-paths} and {@code jwe.replay.paths}, matched against the path within the application
 * ({@code servletPath + pathInfo}, already decoded and normalised by the container): an entry is
 * an exact path, or a prefix ending in {@code /*} that matches the prefix itself and everything
 * below it (as a Servlet url-pattern does). Immutable.
 */
final class ExcludedPaths {
    private final Set<String> exact;
    private final List<String> prefixes;

    private ExcludedPaths(Set<String> exact, List<String> prefixes) {
        this.exact = Set.copyOf(exact);
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * @param entries the setting's entries
     * @return the rules
     * @throws ConfigurationException naming {@code jwe.exclude-paths} for an entry that is not a path
     */
    static ExcludedPaths parse(List<String> entries) {
        return parse("jwe.exclude-paths", entries);
    }

    /**
     * @param setting the setting the entries come from, named in errors
     * @param entries the setting's entries
     * @return the rules
     * @throws ConfigurationException naming the setting for an entry that is not a path
     */
    static ExcludedPaths parse(String setting, List<String> entries) {
        Set<String> exact = new HashSet<>();
        List<String> prefixes = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.startsWith("/")) {
                throw new ConfigurationException(setting, "'" + entry + "' must start with /");
            }
            if (entry.equals("/*")) {
                throw new ConfigurationException(setting, "/* would match every path; map the filter (or set the option for all) instead");
            }
            String path = entry.endsWith("/*") ? entry.substring(0, entry.length() - 2) : entry;
            if (path.contains("*")) {
                throw new ConfigurationException(setting, "'" + entry + "': * is allowed only as a trailing /*");
            }
            if (entry.endsWith("/*")) {
                prefixes.add(path);
            } else {
                exact.add(path);
            }
        }
        return new ExcludedPaths(exact, prefixes);
    }

    /** Whether there is no rule at all (nothing can match). */
    boolean isEmpty() {
        return exact.isEmpty() && prefixes.isEmpty();
    }

    /**
     * @param path the path within the application
     * @return whether a rule matches it
     */
    boolean matches(String path) {
        if (exact.contains(path)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
                return true;
            }
        }
        return false;
    }
}
