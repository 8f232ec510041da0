package dev.jwe.core;

import dev.jwe.core.internal.Compact;
import java.util.Map;

/**
 * The JWE protected header as read, before any policy: what the audit event of a rejection may
 * already name ({@code kid}, {@code alg}, {@code enc}). Immutable.
 *
 * @param alg the {@code alg}, or {@code null} when absent
 * @param enc the {@code enc}, or {@code null} when absent
 * @param kid the {@code kid}, or {@code null} when absent
 * @param fields every member, as parsed (not copied: no stage writes to it)
 */
record JweHeader(String alg, String enc, String kid, Map<String, Object> fields) {

    /**
     * @param jwe a token of strict compact form
     * @return its header
     * @throws TokenRejectedException {@code MALFORMED} when the header is not a strict JSON object,
     *     {@code alg}, {@code enc} or {@code kid} is not a string, or {@code kid} is too long
     */
    static JweHeader read(Compact jwe) throws TokenRejectedException {
        Map<String, Object> fields = JoseHeader.parse(jwe);
        String alg = JoseHeader.string(fields, "alg", Reason.MALFORMED);
        String enc = JoseHeader.string(fields, "enc", Reason.MALFORMED);
        return new JweHeader(alg, enc, JoseHeader.keyId(fields), fields);
    }
}
