package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.internal.Compact;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JweHeaderTest {
    private static Compact jwe(String headerJson) {
        return jwe(headerJson.getBytes(StandardCharsets.UTF_8));
    }

    private static Compact jwe(byte[] header) {
        return Compact.parse(Forge.b64(header) + "..AAAA.AAAA.AAAA", 5);
    }

    private static Reason rejection(Compact jwe) {
        try {
            JweHeader.read(jwe);
        } catch (TokenRejectedException e) {
            return e.reason();
        }
        throw new AssertionError("the header was read");
    }

    @Test
    void readWhenAlgEncKidThenAllReadWithEveryMember() throws Exception {
        JweHeader h = JweHeader.read(jwe("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"enc-1\",\"typ\":\"at+jwt\"}"));
        assertThat(h.alg()).isEqualTo("RSA-OAEP-256");
        assertThat(h.enc()).isEqualTo("A256GCM");
        assertThat(h.kid()).isEqualTo("enc-1");
        assertThat(h.fields()).containsEntry("typ", "at+jwt").hasSize(4);
    }

    @Test
    void readWhenAlgEncKidAbsentThenNullsForThePolicyToJudge() throws Exception {
        JweHeader h = JweHeader.read(jwe("{}"));
        assertThat(h.alg()).isNull();
        assertThat(h.enc()).isNull();
        assertThat(h.kid()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"alg\":1,\"enc\":\"A256GCM\"}", "{\"alg\":\"dir\",\"enc\":[\"A256GCM\"]}",
            "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"kid\":{}}", "{\"alg\":true,\"enc\":\"A256GCM\"}"})
    void readWhenAlgEncOrKidNotAStringThenMalformed(String header) {
        assertThat(rejection(jwe(header))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void readWhenMemberIsJsonNullThenReadAsAbsent() throws Exception {
        JweHeader h = JweHeader.read(jwe("{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"kid\":null}"));
        assertThat(h.kid()).isNull();
        assertThat(h.alg()).isEqualTo("dir");
    }

    @Test
    void readWhenKidLongerThan256ThenMalformed() throws Exception {
        String atCap = "k".repeat(JoseHeader.MAX_KID_LENGTH);
        assertThat(JweHeader.read(jwe("{\"alg\":\"dir\",\"kid\":\"" + atCap + "\"}")).kid()).isEqualTo(atCap);
        assertThat(rejection(jwe("{\"alg\":\"dir\",\"kid\":\"" + atCap + "k\"}"))).isEqualTo(Reason.MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"dir\"", "{\"alg\":\"dir\"} x", "{\"alg\":\"dir\",\"alg\":\"RSA-OAEP\"}",
            "{\"a\":{\"b\":{}}}", "{'alg':'dir'}", ""})
    void readWhenNotOneStrictShallowJsonObjectThenMalformed(String header) {
        assertThat(rejection(jwe(header))).isEqualTo(Reason.MALFORMED);
    }

    @Test
    void readWhenHeaderNotUtf8ThenMalformed() {
        assertThat(rejection(jwe(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'})))
                .isEqualTo(Reason.MALFORMED);
    }
}
