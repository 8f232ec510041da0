package dev.jwe.samples.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The protected resources: a token for all, a scope for orders, a role for admin. */
@RestController
@RequestMapping("/api")
class ApiController {

    /** Who the token says the caller is: the principal, the authorities and a few claims. */
    @GetMapping("/whoami")
    Map<String, Object> whoami(@AuthenticationPrincipal Jwt jwt, Authentication authentication) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("principal", authentication.getName());
        m.put("authorities", authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted()
                .toList());
        m.put("issuer", jwt.getClaimAsString("iss"));
        m.put("expiresAt", String.valueOf(jwt.getExpiresAt()));
        return m;
    }

    @GetMapping("/orders")
    @PreAuthorize("hasAuthority('SCOPE_orders:read')")
    List<Map<String, Object>> orders(@AuthenticationPrincipal Jwt jwt) {
        return List.of(Map.of("id", 1, "customer", jwt.getSubject(), "item", "encrypted tokens", "quantity", 2));
    }

    @GetMapping("/admin")
    @PreAuthorize("hasRole('admin')")
    Map<String, String> admin(@AuthenticationPrincipal Jwt jwt) {
        return Map.of("admin", jwt.getSubject());
    }
}
