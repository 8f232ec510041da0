package dev.jwe.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.jwe.core.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one error answer every adapter copies onto its response. */
class ErrorResponseTest {

    @Test
    void rejectionWhenMissingTokenThenTheseExactBytes() {
        ErrorResponse r = ErrorResponse.rejection("api", Reason.MISSING_TOKEN, List.of());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers()).containsExactly(
                entry("WWW-Authenticate", "Bearer realm=\"api\""),
                entry("Cache-Control", "no-store"));
        assertThat(r.contentType()).isEqualTo("application/problem+json");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"about:blank\","
                + "\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"No access token was sent.\","
                + "\"reason\":\"MISSING_TOKEN\"}");
        assertThat(r.contentLength()).isEqualTo(r.body().length);
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, mode = EnumSource.Mode.EXCLUDE, names = "UNAVAILABLE")
    void rejectionWhenAnyClientReasonThenChallengeProblemAndNoStore(Reason reason) {
        ErrorResponse r = ErrorResponse.rejection("orders", reason, List.of());
        assertThat(r.reason()).isEqualTo(reason);
        assertThat(r.status()).isEqualTo(reason.httpStatus()).isIn(400, 401, 403);
        assertThat(r.headers()).containsOnlyKeys("WWW-Authenticate", "Cache-Control")
                .containsEntry("WWW-Authenticate", Challenge.wwwAuthenticate("orders", reason, List.of()))
                .containsEntry("Cache-Control", "no-store");
        assertThat(r.body()).isEqualTo(Challenge.problemJson(reason).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rejectionWhenInsufficientScopeWithScopesThenChallengeNamesThem() {
        ErrorResponse r = ErrorResponse.rejection("api", Reason.INSUFFICIENT_SCOPE, List.of("a:read", "a:write"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.headers().get("WWW-Authenticate")).endsWith(", scope=\"a:read a:write\"");
    }

    @Test
    void unavailableWhenCalledThen503WithoutChallengeWithNoStore() {
        ErrorResponse r = ErrorResponse.unavailable();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(r.headers()).containsOnlyKeys("Cache-Control").containsEntry("Cache-Control", "no-store");
        assertThat(r.body()).isEqualTo(Challenge.serviceUnavailableJson().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rejectionWhenUnavailableOrBadRealmOrScopeThenRefused() {
        assertThatThrownBy(() -> ErrorResponse.rejection("api", Reason.UNAVAILABLE, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unavailable()");
        assertThatThrownBy(() -> ErrorResponse.rejection("a\"b", Reason.EXPIRED, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErrorResponse.rejection("api", Reason.INSUFFICIENT_SCOPE, List.of("a b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErrorResponse.rejection("api", null, List.of())).isInstanceOf(NullPointerException.class);
    }

    @Test
    void bodyAndHeadersWhenChangedByCallerThenValueUnchanged() {
        ErrorResponse r = ErrorResponse.rejection("api", Reason.EXPIRED, List.of());
        byte[] body = r.body();
        body[0] = 'X';
        assertThat(r.body()[0]).isEqualTo((byte) '{');
        assertThatThrownBy(() -> r.headers().put("Cache-Control", "public"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalsWhenSameBytesThenEqual() {
        assertThat(ErrorResponse.rejection("api", Reason.EXPIRED, List.of()))
                .isEqualTo(ErrorResponse.rejection("api", Reason.EXPIRED, List.of()))
                .hasSameHashCodeAs(ErrorResponse.rejection("api", Reason.EXPIRED, List.of()))
                .isNotEqualTo(ErrorResponse.rejection("other", Reason.EXPIRED, List.of()))
                .isNotEqualTo(ErrorResponse.rejection("api", Reason.REVOKED, List.of()));
    }
}
