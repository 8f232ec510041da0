package dev.jwe.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The resources of the test applications. */
@RestController
class OrdersController {

    /** What Spring Security made of the token. */
    @GetMapping("/whoami")
    Map<String, Object> whoami(@AuthenticationPrincipal Jwt jwt, Authentication authentication) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", authentication.getName());
        m.put("authorities", authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
        m.put("jwtType", jwt.getClass().getSimpleName());
        m.put("subject", jwt.getSubject());
        m.put("audience", jwt.getAudience());
        m.put("headers", jwt.getHeaders());
        m.put("tokenValue", jwt.getTokenValue());
        m.put("expiresAt", String.valueOf(jwt.getExpiresAt()));
        m.put("expClaimType", jwt.getClaims().get("exp").getClass().getSimpleName());
        m.put("decodedBy", jwt.getClaims().getOrDefault("decoded_by", "jwe"));
        return m;
    }

    @GetMapping("/orders")
    @PreAuthorize("hasAuthority('SCOPE_orders:read')")
    String orders() {
        return "orders";
    }

    /** A state-changing request: what a forged cross-site form would post. */
    @PostMapping("/orders")
    @PreAuthorize("hasAuthority('SCOPE_orders:read')")
    String placeOrder() {
        return "placed";
    }

    @GetMapping("/admin")
    @PreAuthorize("hasRole('admin')")
    String admin() {
        return "admin";
    }

    /** Guarded by a URL rule of the application's own chain, not by an annotation. */
    @GetMapping("/reports")
    String reports() {
        return "reports";
    }
}
