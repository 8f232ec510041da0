package dev.jwe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactTest {

    @Test
    void parseWhenFiveStrictSegmentsThenSegmentsAndLengths() {
        Compact c = Compact.parse("eyJh..AAAAAAAAAAAAAAAA.YQ.AAAAAAAAAAAAAAAAAAAAAA", 5);
        assertThat(c).isNotNull();
        assertThat(c.segment(0)).isEqualTo("eyJh");
        assertThat(c.segmentLength(1)).isZero();
        assertThat(c.decodedLength(2)).isEqualTo(12);
        assertThat(c.decode(3)).containsExactly('a');
        assertThat(c.decodedLength(4)).isEqualTo(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b.c.d", "YQ.YQ.YQ.YQ.YQ.YQ", "YQ.YQ.YQ.YQ.YQ.", ".YQ.YQ.YQ.YQ.", "YQ==.YQ.YQ.YQ.YQ",
        "YR.YQ.YQ.YQ.YQ", "Y.YQ.YQ.YQ.YQ", "Y+.YQ.YQ.YQ.YQ", "Y/.YQ.YQ.YQ.YQ", "YQ .YQ.YQ.YQ.YQ", "YQ.YQ.YQ.YQ.Y\u00e9"})
    void parseWhenNotFiveStrictSegmentsThenNull(String text) {
        assertThat(Compact.parse(text, 5)).isNull();
    }

    @Test
    void segmentCountWhenDotsThenOneMore() {
        assertThat(Compact.segmentCount("abc")).isEqualTo(1);
        assertThat(Compact.segmentCount("a.b.c")).isEqualTo(3);
        assertThat(Compact.segmentCount("....")).isEqualTo(5);
    }

    @Test
    void utf8WhenAsciiOrValidMultiByteThenText() {
        assertThat(Compact.utf8("{\"a\":1}".getBytes(StandardCharsets.US_ASCII))).isEqualTo("{\"a\":1}");
        assertThat(Compact.utf8("caf\u00e9 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8))).isEqualTo("caf\u00e9 \uD83D\uDE00");
    }

    @Test
    void utf8WhenMalformedThenNull() {
        assertThat(Compact.utf8(new byte[] {'a', (byte) 0xC0, (byte) 0x80})).isNull();
        assertThat(Compact.utf8(new byte[] {(byte) 0xFF})).isNull();
        assertThat(Compact.utf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isNull();
    }
}
