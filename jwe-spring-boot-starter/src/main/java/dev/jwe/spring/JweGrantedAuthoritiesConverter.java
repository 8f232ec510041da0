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
 * falls back to Spring's {@link JwtGrantedAuthoritiesConverter} on the same claim names, top-level
 * claims only. Immutable and thread-safe.
 */
public final class JweGrantedAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {
    private final JwtGrantedAuthoritiesConverter fallbackRoles = new JwtGrantedAuthoritiesConverter();
    private final JwtGrantedAuthoritiesConverter fallbackScopes = new JwtGrantedAuthoritiesConverter();

    /**
     * @param rolesClaim the roles claim ({@code jwe.roles-claim}), used only for other decoders' tokens
     * @param scopeClaim the scope claim ({@code jwe.scope-claim}), used only for other decoders' tokens
     */
    public JweGrantedAuthoritiesConverter(String rolesClaim, String scopeClaim) {
        fallbackRoles.setAuthoritiesClaimName(Objects.requireNonNull(rolesClaim, "rolesClaim"));
        fallbackRoles.setAuthorityPrefix("ROLE_");
        fallbackScopes.setAuthoritiesClaimName(Objects.requireNonNull(scopeClaim, "scopeClaim"));
        fallbackScopes.setAuthorityPrefix("SCOPE_");
    }

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        Optional<VerifiedToken> verified = jwt instanceof JweJwt ours ? ours.verifiedToken() : Optional.empty();
        if (verified.isEmpty()) {
            List<GrantedAuthority> out = new ArrayList<>(fallbackRoles.convert(jwt));
            out.addAll(fallbackScopes.convert(jwt));
            return List.copyOf(out);
        }
        Set<GrantedAuthority> out = new LinkedHashSet<>();
        verified.get().roles().forEach(r -> out.add(new SimpleGrantedAuthority("ROLE_" + r)));
        verified.get().scopes().forEach(s -> out.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        return List.copyOf(out);
    }
}
