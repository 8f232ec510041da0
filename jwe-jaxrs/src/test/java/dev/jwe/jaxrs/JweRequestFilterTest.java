package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JweRequestFilterTest {

    @Test
    void cookieValuesWhenSeveralCookiesThenOnlyTheNamedOne() {
        assertThat(JweRequestFilter.cookieValues("theme=dark; at=abc.def; at2=zzz", "at")).containsExactly("abc.def");
    }

    @Test
    void cookieValuesWhenNamedTwiceThenBothReturned() {
        assertThat(JweRequestFilter.cookieValues("at=one;at=two", "at")).containsExactly("one", "two");
    }

    @Test
    void cookieValuesWhenQuotedThenQuotesRemoved() {
        assertThat(JweRequestFilter.cookieValues("at=\"abc\"", "at")).containsExactly("abc");
    }

    @Test
    void cookieValuesWhenAbsentOrNamelessThenEmpty() {
        assertThat(JweRequestFilter.cookieValues("=abc; theme=dark; at", "at")).isEmpty();
    }

    @Test
    void cookieValuesWhenValueHasEqualsThenKeptWhole() {
        assertThat(JweRequestFilter.cookieValues("at=abc==", "at")).containsExactly("abc==");
    }
}
