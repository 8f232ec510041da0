package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.JweSettings;
import dev.jwe.core.KeySourceException;
import dev.jwe.core.Reason;
import dev.jwe.core.TokenValidator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

/** The decoder on its own, outside any HTTP request. */
class JweJwtDecoderTest {
    private static final Tokens TOKENS = Tokens.get();
    private final JweJwtDecoder decoder = new JweJwtDecoder(JweSettings.of(Tokens.properties()).buildValidator());

    @Test
    void decodeWhenValidThenJweJwtWithVerifiedClaimsInnerHeaderAndTokenValue() {
        String token = TOKENS.token(List.of("admin"), List.of("orders:read"));

        Jwt jwt = decoder.decode(token);

        assertThat(jwt).isInstanceOf(JweJwt.class);
        assertThat(jwt.getTokenValue()).isEqualTo(token);
        // The inner JWS header as sent: these test tokens carry no kid.
        assertThat(jwt.getHeaders()).isEqualTo(java.util.Map.of("alg", "ES256"));
        assertThat(jwt.getSubject()).isEqualTo("alice");
        assertThat(jwt.getAudience()).containsExactly(Tokens.AUDIENCE);
        assertThat(jwt.getClaims().get("exp")).isInstanceOf(Instant.class).isEqualTo(jwt.getExpiresAt());
        assertThat(jwt.getIssuedAt()).isNotNull().isBefore(jwt.getExpiresAt());
        assertThat(((JweJwt) jwt).verifiedToken().orElseThrow().roles()).containsExactly("admin");
    }

    @Test
    void decodeWhenExpiredThenBadJwtExceptionWithTheFixedTextOnly() {
        String token = TOKENS.token(Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC), c -> { });

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class)
                .hasMessage(Reason.EXPIRED.description()).hasNoCause();
    }

    @Test
    void decodeWhenOurKeysFailThenTheCoreExceptionPassesThroughForA503() {
        KeySourceException down = new KeySourceException("key set https://issuer.test/jwks.json unavailable");
        TokenValidator failing = (token, request) -> {
            throw down;
        };

        assertThatThrownBy(() -> new JweJwtDecoder(failing).decode("a.b.c.d.e")).isSameAs(down);
    }
}
