package dev.jwe.spring;

import dev.jwe.core.VerifiedToken;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * Authorities of a verified token: each role as {@code ROLE_<role>} (for {@code hasRole}) and each
 * scope as {@code SCOPE_<scope>} (for {@code hasAuthority('SCOPE_orders:read')}). For a
 * {@link JweJwt} they are the roles and scopes jwe-core read with the configured claims
 * ({@code jwe.roles-claim}, dotted paths such as {@code realm_access.roles} included;
 * {@code jwe.scope-claim}), so Spring sees the same roles as the other adapters. A {@link Jwt} made
 * by another decoder (for example one that wraps {@link JweJwtDecoder} and builds a new token)
 * falls back to Spring's {@link JwtGrantedAuthoritiesConverter} on the same claim names (each of a
 * comma-separated list), top-level claims only. Immutable and thread-safe.
 */
public final class JweGrantedAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {
    private final List<JwtGrantedAuthoritiesConverter> fallback = new ArrayList<>();

    /**
     * @param rolesClaim the roles claims ({@code jwe.roles-claim}, comma-separated), used only for
     *     other decoders' tokens
     * @param scopeClaim the scope claims ({@code jwe.scope-claim}, comma-separated), used only for
     *     other decoders' tokens
     */
    public JweGrantedAuthoritiesConverter(String rolesClaim, String scopeClaim) {
        addFallback(Objects.requireNonNull(rolesClaim, "rolesClaim"), "ROLE_");
        addFallback(Objects.requireNonNull(scopeClaim, "scopeClaim"), "SCOPE_");
    }

    private void addFallback(String claims, String prefix) {
        for (String claim : claims.split(",")) {
            if (!claim.isBlank()) {
                JwtGrantedAuthoritiesConverter c = new JwtGrantedAuthoritiesConverter();
                c.setAuthoritiesClaimName(claim.trim());
                c.setAuthorityPrefix(prefix);
                fallback.add(c);
            }
        }
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Optional<VerifiedToken> verified = jwt instanceof JweJwt ours ? ours.verifiedToken() : Optional.empty();
        if (verified.isEmpty()) {
            Set<GrantedAuthority> out = new LinkedHashSet<>();
            fallback.forEach(c -> out.addAll(c.convert(jwt)));
            return List.copyOf(out);
        }
        Set<GrantedAuthority> out = new LinkedHashSet<>();
        verified.get().roles().forEach(r -> out.add(new SimpleGrantedAuthority("ROLE_" + r)));
        verified.get().scopes().forEach(s -> out.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        return List.copyOf(out);
    }
}
