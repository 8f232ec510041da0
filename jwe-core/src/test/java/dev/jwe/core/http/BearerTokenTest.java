package dev.jwe.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.http.BearerToken.Outcome;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6750 §2.1: {@code credentials = "Bearer" 1*SP b64token}, and where else a token may come from. */
class BearerTokenTest {
    private static final String B64TOKEN = "eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.abc-_~+/.x.y.z";

    private static BearerToken header(String... values) {
        return BearerToken.extract(Arrays.asList(values), List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER ", "bEaReR ", "Bearer  ", "Bearer      "})
    void extractWhenSchemeAnyCaseAndOneOrMoreSpacesThenFound(String prefix) {
        BearerToken t = header(prefix + B64TOKEN);
        assertThat(t.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(t.token()).isEqualTo(B64TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z9", "-._~+/", "abc=", "abc==", "a=========", "ABCxyz0189-._~+/="})
    void extractWhenEveryB64TokenCharacterThenFound(String token) {
        assertThat(header("Bearer " + token).token()).isEqualTo(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Bearer", "Bearer ", "Bearer    ", "Bearer =", "Bearer ==abc", "Bearer ab=c", "Bearer abc=d=",
        "Bearer abc def", "Bearer abc ", "Bearer abc\t", "Bearer \tabc", "Bearer abc,def", "Bearer a\"b",
        "Bearer a;b", "Bearer a%2Eb", "Bearer a\\b", "Bearer a\u00e9b", "Bearer a\u0000b", "Bearer abc\r\nX: y",
        "Bearer a:b", "Bearer a*b"})
    void extractWhenBearerSchemeWithMalformedTokenThenInvalidRequest(String value) {
        BearerToken t = header(value);
        assertThat(t.outcome()).isEqualTo(Outcome.INVALID_REQUEST);
        assertThat(t.token()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic dXNlcjpwYXNz", "Bearerx abc", "Token abc", "DPoP abc", "", " Bearer abc", "Negotiate"})
    void extractWhenOtherSchemeOrNoSchemeThenNone(String value) {
        BearerToken t = header(value);
        assertThat(t.outcome()).isEqualTo(Outcome.NONE);
        assertThat(t.token()).isNull();
    }

    @Test
    void extractWhenNoHeadersThenNone() {
        assertThat(BearerToken.extract(List.of(), List.of()).outcome()).isEqualTo(Outcome.NONE);
        assertThat(BearerToken.extract(Arrays.asList((String) null), Arrays.asList(null, "")).outcome())
                .isEqualTo(Outcome.NONE);
    }

    @Test
    void extractWhenTwoBearerAuthorizationHeadersThenInvalidRequest() {
        assertThat(header("Bearer abc", "Bearer def").outcome()).isEqualTo(Outcome.INVALID_REQUEST);
        assertThat(header("Bearer abc", "Bearer abc").outcome()).as("even the same token twice")
                .isEqualTo(Outcome.INVALID_REQUEST);
    }

    @Test
    void extractWhenBearerAndOtherSchemeHeadersThenBearerTokenFound() {
        // Only the Bearer credentials count: a Basic header beside it carries no token.
        assertThat(header("Basic dXNlcjpwYXNz", "Bearer abc").token()).isEqualTo("abc");
    }

    @Test
    void extractWhenMalformedBearerHeaderBesideGoodOneThenInvalidRequest() {
        assertThat(header("Bearer abc", "Bearer a b").outcome()).isEqualTo(Outcome.INVALID_REQUEST);
    }

    @Test
    void extractWhenOnlyConfiguredHeaderOrCookieThenFoundAsIs() {
        BearerToken t = BearerToken.extract(List.of(), List.of(B64TOKEN));
        assertThat(t.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(t.token()).isEqualTo(B64TOKEN);
    }

    @Test
    void extractWhenAuthorizationHeaderAndCookieThenInvalidRequest() {
        assertThat(BearerToken.extract(List.of("Bearer abc"), List.of("abc")).outcome())
                .isEqualTo(Outcome.INVALID_REQUEST);
        assertThat(BearerToken.extract(List.of(), List.of("abc", "def")).outcome()).isEqualTo(Outcome.INVALID_REQUEST);
    }

    @Test
    void extractWhenCookieValueMalformedThenInvalidRequest() {
        assertThat(BearerToken.extract(List.of(), List.of("Bearer abc")).outcome()).isEqualTo(Outcome.INVALID_REQUEST);
        assertThat(BearerToken.extract(List.of(), List.of("a b")).outcome()).isEqualTo(Outcome.INVALID_REQUEST);
        assertThat(BearerToken.extract(List.of(), List.of("=abc")).outcome()).isEqualTo(Outcome.INVALID_REQUEST);
    }

    @Test
    void extractWhenListsNullThenFailsNamingThem() {
        assertThatThrownBy(() -> BearerToken.extract(null, List.of())).hasMessage("authorizationHeaders");
        assertThatThrownBy(() -> BearerToken.extract(List.of(), null)).hasMessage("headerValues");
        assertThatThrownBy(() -> BearerToken.extract(List.of(), List.of(), null)).hasMessage("cookieValues");
    }

    @Test
    void extractWhenFoundThenSaysWhere() {
        assertThat(BearerToken.extract(List.of("Bearer abc"), List.of(), List.of()).source())
                .isEqualTo(BearerToken.Source.AUTHORIZATION);
        assertThat(BearerToken.extract(List.of(), List.of("abc"), List.of()).source()).isEqualTo(BearerToken.Source.HEADER);
        assertThat(BearerToken.extract(List.of(), List.of(), List.of("abc")).source()).isEqualTo(BearerToken.Source.COOKIE);
        assertThat(BearerToken.extract(List.of(), List.of(), List.of()).source()).isNull();
    }

    @Test
    void extractWhenCookieAndAnotherPlaceThenInvalidRequest() {
        assertThat(BearerToken.extract(List.of(), List.of("abc"), List.of("abc")).outcome())
                .isEqualTo(Outcome.INVALID_REQUEST);
        assertThat(BearerToken.extract(List.of(), List.of(), List.of("abc", "abc")).outcome())
                .isEqualTo(Outcome.INVALID_REQUEST);
        assertThat(BearerToken.extract(List.of(), List.of(), List.of("a b")).outcome()).isEqualTo(Outcome.INVALID_REQUEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "CONNECT", "PROPPATCH", "get", "Get", ""})
    void refusedForWhenCookieOnMethodThatIsNotSafeThenRefusedUnlessCsrfProtected(String method) {
        BearerToken cookie = BearerToken.extract(List.of(), List.of(), List.of("abc"));
        assertThat(cookie.refusedFor(method, false)).isTrue();
        assertThat(cookie.refusedFor(method, true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS", "TRACE"})
    void refusedForWhenSafeMethodOrNotCookieThenNotRefused(String method) {
        assertThat(BearerToken.extract(List.of(), List.of(), List.of("abc")).refusedFor(method, false)).isFalse();
        assertThat(BearerToken.extract(List.of("Bearer abc"), List.of(), List.of()).refusedFor("POST", false)).isFalse();
        assertThat(BearerToken.extract(List.of(), List.of("abc"), List.of()).refusedFor("DELETE", false)).isFalse();
    }
}
