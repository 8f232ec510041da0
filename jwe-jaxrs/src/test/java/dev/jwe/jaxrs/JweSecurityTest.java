package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.JwePrincipal;
import dev.jwe.core.VerifiedToken;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

class JweSecurityTest {

    @Test
    void verifiedTokenWhenJweSecurityContextThenToken() throws Exception {
        VerifiedToken token = Tokens.verified(List.of("user"), List.of("orders:read"));
        SecurityContext sc = new JweSecurityContext(new JwePrincipal(token), true);
        assertThat(JweSecurity.verifiedToken(sc)).containsSame(token);
        assertThat(sc.getUserPrincipal().getName()).isEqualTo("alice");
        assertThat(sc.isUserInRole("user")).isTrue();
        assertThat(sc.isUserInRole("admin")).isFalse();
        assertThat(sc.isSecure()).isTrue();
        assertThat(sc.getAuthenticationScheme()).isEqualTo("Bearer");
    }

    @Test
    void verifiedTokenWhenOtherPrincipalOrNoneThenEmpty() {
        Principal other = () -> "bob";
        assertThat(JweSecurity.verifiedToken(context(other))).isEmpty();
        assertThat(JweSecurity.verifiedToken(context(null))).isEmpty();
        assertThat(JweSecurity.verifiedToken(null)).isEmpty();
    }

    private static SecurityContext context(Principal principal) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return null;
            }
        };
    }
}
