package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.internal.Compact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenFormTest {
    private static final String HEADER = Forge.b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}");
    private static final String TOKEN = HEADER + "..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";

    private static void assertRejected(ThrowingCall call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(TokenRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void screenWhenNullOrEmptyThenMalformed() {
        assertRejected(() -> TokenForm.screen(null, 256), Reason.MALFORMED);
        assertRejected(() -> TokenForm.screen("", 256), Reason.MALFORMED);
    }

    @Test
    void screenWhenOneCharacterOverTheCapThenTokenTooLarge() throws Exception {
        TokenForm.screen("a".repeat(256), 256);
        assertRejected(() -> TokenForm.screen("a".repeat(257), 256), Reason.TOKEN_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\tb", "a\nb", "a\u007fb", "a\u00e9b", "a\u2028b", "a\u0000b"})
    void screenWhenNotPrintableAsciiThenMalformed(String token) {
        assertRejected(() -> TokenForm.screen(token, 256), Reason.MALFORMED);
    }

    @Test
    void screenWhenOverTheCapAndNotAsciiThenTheCapDecidesFirst() {
        // The length is the cheapest fact: a huge token is never scanned character by character.
        assertRejected(() -> TokenForm.screen("\u00e9".repeat(300), 256), Reason.TOKEN_TOO_LARGE);
    }

    @Test
    void parseWhenFiveStrictSegmentsThenSegmentsKept() throws Exception {
        Compact jwe = TokenForm.parse(TOKEN);
        assertThat(jwe.segment(0)).isEqualTo(HEADER);
        assertThat(jwe.segmentLength(1)).isZero();
        assertThat(jwe.decodedLength(2)).isEqualTo(12);
        assertThat(jwe.text()).isEqualTo(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"e30.AAAA.AAAA.AAAA", "e30.AAAA.AAAA.AAAA.AAAA.AAAA", "e30", "e30=.AAAA.AAAA.AAAA.AAAA",
            "e30.AAAA.AAAA.AAAA.AA+A", "e30.AAAA.AAAA.AAAA.AA/A", "e31.AAAA.AAAA.AAAA.AAAA", "e30.A.AAAA.AAAA.AAAA"})
    void parseWhenNotFiveStrictSegmentsThenMalformed(String token) {
        assertRejected(() -> TokenForm.parse(token), Reason.MALFORMED);
    }

    @Test
    void parseWhenHeaderDecodesToMoreThan2048BytesThenMalformed() throws Exception {
        String atCap = Forge.b64(new byte[TokenForm.MAX_HEADER_BYTES]);
        assertThat(TokenForm.parse(atCap + "..AAAA.AAAA.AAAA").decodedLength(0)).isEqualTo(2048);
        String over = Forge.b64(new byte[TokenForm.MAX_HEADER_BYTES + 1]);
        assertRejected(() -> TokenForm.parse(over + "..AAAA.AAAA.AAAA"), Reason.MALFORMED);
    }

    @Test
    void parseWhenThreeSegmentsAskedForANestedJwsThenSameRules() throws Exception {
        assertThat(TokenForm.parse("e30.e30.c2ln", 3).segment(2)).isEqualTo("c2ln");
        assertRejected(() -> TokenForm.parse("e30.e30.c2ln.x", 3), Reason.MALFORMED);
        String over = Forge.b64(new byte[TokenForm.MAX_HEADER_BYTES + 1]);
        assertRejected(() -> TokenForm.parse(over + ".e30.c2ln", 3), Reason.MALFORMED);
    }
}
