package dev.jwe.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token cookie read from raw {@code Cookie} headers (moved from jwe-jaxrs JweRequestFilterTest). */
class CookieHeaderTest {

    @Test
    void valuesWhenSeveralCookiesThenOnlyTheNamedOne() {
        assertThat(CookieHeader.values("theme=dark; at=abc.def; at2=zzz", "at")).containsExactly("abc.def");
    }

    @Test
    void valuesWhenNamedTwiceThenBothReturned() {
        assertThat(CookieHeader.values("at=one;at=two", "at")).containsExactly("one", "two");
    }

    @Test
    void valuesWhenQuotedThenQuotesRemoved() {
        assertThat(CookieHeader.values("at=\"abc\"", "at")).containsExactly("abc");
    }

    @Test
    void valuesWhenAbsentOrNamelessThenEmpty() {
        assertThat(CookieHeader.values("=abc; theme=dark; at", "at")).isEmpty();
    }

    @Test
    void valuesWhenValueHasEqualsThenKeptWhole() {
        assertThat(CookieHeader.values("at=abc==", "at")).containsExactly("abc==");
    }
}
