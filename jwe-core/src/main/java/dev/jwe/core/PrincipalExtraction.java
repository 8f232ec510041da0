package dev.jwe.core;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last step of stage 7: who the token speaks for. The principal name from the first of the
 * principal claims that is a non-empty string: a single configured claim has no fallback (with
 * {@code email}, a token without {@code email} is refused even if it has a {@code sub}); an
 * ordered list ({@code preferred_username,sub}) falls back in its order. No such claim is
 * {@link Reason#MISSING_PRINCIPAL}. Roles from the roles claims (a dotted path reaches into nested
 * objects, e.g. {@code realm_access.roles}), scopes from the scope claims (space-separated string or
 * array), each merged over its claims in their order, duplicates dropped: a missing or odd-typed
 * roles or scope claim yields no roles or scopes. Immutable and thread-safe.
 */
final class PrincipalExtraction {
    /**
     * What the application sees of the caller.
     *
     * @param name the principal name
     * @param roles the roles, in claim order
     * @param scopes the scopes, in claim order
     */
    record Result(String name, Set<String> roles, Set<String> scopes) {
    }

    private final List<String> principalClaims;
    private final List<String> rolesClaims;
    private final List<String> scopeClaims;

    /**
     * @param principalClaims the claims that may name the principal, in order of preference
     * @param rolesClaims the claims (or dotted paths) holding roles, merged in this order
     * @param scopeClaims the claims (or dotted paths) holding scopes, merged in this order
     */
    PrincipalExtraction(List<String> principalClaims, List<String> rolesClaims, List<String> scopeClaims) {
        this.principalClaims = List.copyOf(principalClaims);
        this.rolesClaims = List.copyOf(rolesClaims);
        this.scopeClaims = List.copyOf(scopeClaims);
    }

    /**
     * @param claims claims that passed the {@link ClaimsCheck}
     * @return name, roles and scopes
     * @throws TokenRejectedException {@link Reason#MISSING_PRINCIPAL} when none of the principal
     *     claims is a non-empty string
     */
    Result extract(TokenClaims claims) throws TokenRejectedException {
        String name = null;
        for (String claim : principalClaims) {
            if (claims.all().get(claim) instanceof String s && !s.isEmpty()) {
                name = s;
                break;
            }
        }
        if (name == null) {
            throw new TokenRejectedException(Reason.MISSING_PRINCIPAL);
        }
        return new Result(name, merged(claims.all(), rolesClaims, false), merged(claims.all(), scopeClaims, true));
    }

    /** The claims read, for the start-up log. */
    String describe() {
        return "principal-claim=" + String.join(",", principalClaims) + ", roles-claim=" + String.join(",", rolesClaims)
                + ", scope-claim=" + String.join(",", scopeClaims);
    }

    private static Set<String> merged(Map<String, Object> claims, List<String> names, boolean splitSpaces) {
        if (names.size() == 1) {
            return strings(lookup(claims, names.get(0)), splitSpaces);
        }
        Set<String> out = new LinkedHashSet<>();
        for (String name : names) {
            out.addAll(strings(lookup(claims, name), splitSpaces));
        }
        return out;
    }

    /** A claim by name, or by dotted path into nested objects (e.g. {@code realm_access.roles}). */
    private static Object lookup(Map<String, Object> claims, String name) {
        Object direct = claims.get(name);
        if (direct != null || name.indexOf('.') < 0) {
            return direct;
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    private static Set<String> strings(Object value, boolean splitSpaces) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s) {
            if (splitSpaces) {
                for (int from = 0, n = s.length(); from < n; ) {
                    int space = s.indexOf(' ', from);
                    int end = space < 0 ? n : space;
                    if (end > from) {
                        out.add(s.substring(from, end));
                    }
                    from = end + 1;
                }
            } else if (!s.isEmpty()) {
                out.add(s);
            }
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof String s && !s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
