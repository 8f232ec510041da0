package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

/**
 * Nothing that leaves jwe-core (audit events, the default SLF4J audit log, exception messages,
 * {@code toString()} of every public value, the policy description) contains a token or a
 * recognisable part of one, key material, or a claim value other than {@code sub}, {@code iss},
 * {@code jti} (and those only once the signature has been verified). Distinctive canary values
 * make a leak findable; tokens include rejections after decryption, where the claims were in
 * memory.
 */
class LeakTest {
    private static final KeyEntry RSA_ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry OCT = TestKeys.oct("oct-1", 32);
    private static final KeyEntry SIG = TestKeys.rsa("sig-1", 2048);
    private static final KeyEntry IMPOSTOR = TestKeys.rsa("sig-1", 2048);
    private static final long NOW = TestKeys.NOW.getEpochSecond();
    private static final RequestInfo REQUEST = new RequestInfo("203.0.113.7", "GET", "/orders/42");
    /** A needle shorter than this could match output by chance. */
    private static final int WINDOW = 20;

    /** Claim values that must never appear anywhere. */
    private static final List<String> SECRET_CLAIM_VALUES = List.of(
            "DE89370400440532013000", "jane.canary@leak-test.example", "Jane Canary-Leakwood",
            "role-canary-5b1e", "scope-canary-0c7d", "urn:canary:audience:93af", "tenant-canary-77aa");
    /** sub, iss and jti of a token whose signature does not verify: never to be reported either. */
    private static final List<String> UNVERIFIED_VALUES = List.of(
            "sub-canary-unverified-1d4c", "https://iss-canary-unverified.test", "jti-canary-unverified-e2b9");

    private final CapturingAuditListener capture = new CapturingAuditListener();

    private static Map<String, Object> claims() {
        Map<String, Object> c = TestKeys.claims();
        c.put("iban", SECRET_CLAIM_VALUES.get(0));
        c.put("email", SECRET_CLAIM_VALUES.get(1));
        c.put("name", SECRET_CLAIM_VALUES.get(2));
        c.put("groups", List.of(SECRET_CLAIM_VALUES.get(3)));
        c.put("scope", SECRET_CLAIM_VALUES.get(4));
        c.put("tenant", SECRET_CLAIM_VALUES.get(6));
        return c;
    }

    private static String signed(Map<String, Object> claims, KeyEntry key) {
        return Forge.jws(JsonUtil.toJson(claims), "RS256", key.key(), Map.of("kid", "sig-1"));
    }

    private static String encrypted(String payload, String kid) {
        return Forge.jwe(payload, "RSA-OAEP-256", "A256GCM", RSA_ENC.publicKey().orElseThrow(),
                Map.of("kid", kid, "cty", "JWT"));
    }

    private static String direct(String payload, boolean jwt) {
        return Forge.jwe(payload, "dir", "A256GCM", OCT.key(), jwt ? Map.of("cty", "JWT") : Map.of());
    }

    /** Tokens by name, with the inner JWS where there is one (its text must not leak either). */
    private static Map<String, List<String>> tokens() {
        Map<String, List<String>> t = new LinkedHashMap<>();
        String good = signed(claims(), SIG);
        t.put("valid RSA-OAEP-256", List.of(encrypted(good, "enc-1"), good));
        t.put("valid dir", List.of(direct(good, true), good));
        t.put("unsigned dir", List.of(direct(JsonUtil.toJson(claims()), false)));

        Map<String, Object> expired = claims();
        expired.put("exp", NOW - 3600);
        String expiredJws = signed(expired, SIG);
        t.put("expired", List.of(encrypted(expiredJws, "enc-1"), expiredJws));
        Map<String, Object> wrongAud = claims();
        wrongAud.put("aud", SECRET_CLAIM_VALUES.get(5));
        String wrongAudJws = signed(wrongAud, SIG);
        t.put("wrong aud", List.of(encrypted(wrongAudJws, "enc-1"), wrongAudJws));
        Map<String, Object> wrongIss = claims();
        wrongIss.put("iss", "https://other-issuer.test");
        String wrongIssJws = signed(wrongIss, SIG);
        t.put("wrong iss", List.of(encrypted(wrongIssJws, "enc-1"), wrongIssJws));
        Map<String, Object> notYet = claims();
        notYet.put("nbf", NOW + 3600);
        String notYetJws = signed(notYet, SIG);
        t.put("not yet valid", List.of(encrypted(notYetJws, "enc-1"), notYetJws));

        Map<String, Object> forged = claims();
        forged.put("sub", UNVERIFIED_VALUES.get(0));
        forged.put("iss", UNVERIFIED_VALUES.get(1));
        forged.put("jti", UNVERIFIED_VALUES.get(2));
        String forgedJws = signed(forged, IMPOSTOR);
        t.put("bad signature", List.of(encrypted(forgedJws, "enc-1"), forgedJws));
        t.put("unsigned RSA-OAEP-256", List.of(Forge.jwe(JsonUtil.toJson(forged), "RSA-OAEP-256", "A256GCM",
                RSA_ENC.publicKey().orElseThrow(), Map.of("kid", "enc-1"))));
        String dupJson = JsonUtil.toJson(claims()).replaceFirst("\\{", "{\"sub\":\"" + UNVERIFIED_VALUES.get(0) + "\",");
        String dupJws = Forge.jws(dupJson, "RS256", SIG.key(), Map.of("kid", "sig-1"));
        t.put("duplicate sub", List.of(encrypted(dupJws, "enc-1"), dupJws));

        String valid = encrypted(good, "enc-1");
        t.put("JWE in JWE", List.of(encrypted(valid, "enc-1"), valid, good));
        String[] s = Forge.segments(valid);
        byte[] tag = Forge.unb64(s[4]);
        tag[0] ^= 1;
        t.put("tag flipped", List.of(Forge.withSegment(valid, 4, Forge.b64(tag)), good));
        t.put("unknown kid", List.of(encrypted(good, "enc-unknown"), good));
        t.put("padded", List.of(Forge.withSegment(valid, 4, s[4] + "=="), good));
        t.put("too large", List.of(Forge.withSegment(valid, 3, s[3] + s[3].repeat(30)), good));
        t.put("log forging kid", List.of(encrypted(good, "x\n[main] INFO dev.jwe.audit - {\"outcome\":\"accepted\"}"),
                good));
        return t;
    }

    /** A key as a JWK, private or secret parameters included (as a key file would hold it). */
    private static JsonWebKey jwk(KeyEntry k) throws JoseException {
        JsonWebKey jwk;
        if (k.isSymmetric()) {
            jwk = JsonWebKey.Factory.newJwk(k.key());
        } else {
            PublicJsonWebKey pub = PublicJsonWebKey.Factory.newPublicJwk(k.publicKey().orElseThrow());
            pub.setPrivateKey((PrivateKey) k.key());
            jwk = pub;
        }
        jwk.setKeyId(k.kid().orElseThrow());
        return jwk;
    }

    /** Private and secret key material in the forms it could be printed in. */
    private static List<String> keyMaterial() throws JoseException {
        List<String> out = new ArrayList<>();
        for (KeyEntry k : List.of(RSA_ENC, SIG, IMPOSTOR)) {
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) k.key();
            Map<String, Object> params = jwk(k).toParams(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE);
            for (String name : List.of("d", "p", "q", "dp", "dq", "qi")) {
                out.add((String) params.get(name));
            }
            for (BigInteger part : List.of(priv.getPrivateExponent(), priv.getPrimeP(), priv.getPrimeQ(),
                    priv.getPrimeExponentP(), priv.getPrimeExponentQ(), priv.getCrtCoefficient())) {
                out.addAll(base64Forms(part.toByteArray()));
                out.add(part.toString(16));
                out.add(part.toString());
            }
        }
        byte[] secret = OCT.key().getEncoded();
        out.addAll(base64Forms(secret));
        out.add(HexFormat.of().formatHex(secret));
        out.add((String) jwk(OCT).toParams(JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC).get("k"));
        return out;
    }

    /**
     * The text that {@code data} turns into inside any base64 or base64url stream (such as a
     * PKCS#8 key printed whole), whatever its offset: encoded after 0, 1 and 2 leading bytes,
     * without the characters that the neighbouring bytes also influence. Only private values go
     * in, so the public modulus printed in a JWKS cannot match by accident.
     */
    private static List<String> base64Forms(byte[] data) {
        List<String> out = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + data.length];
            System.arraycopy(data, 0, shifted, offset, data.length);
            for (Base64.Encoder e : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String text = e.withoutPadding().encodeToString(shifted);
                out.add(text.substring(offset == 0 ? 0 : 4, text.length() - 4));
            }
        }
        return out;
    }

    /**
     * Settings that hold the private keys inline (as a web.xml init-param would), the validator
     * built from them, and the error for a broken inline key that carries secret material.
     */
    private static void settingsOutput(StringBuilder out) throws JoseException {
        String privateJwks = "{\"keys\":[" + jwk(RSA_ENC).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE) + ","
                + jwk(OCT).toJson(JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC) + "]}";
        JweSettings settings = JweSettings.builder().add("init-param", Map.of(
                "jwe.decryption.keys", privateJwks,
                "jwe.verification.keys", jwk(SIG).toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
                "jwe.issuer", TestKeys.ISSUER, "jwe.audience", TestKeys.AUDIENCE)).build();
        JweTokenValidator fromSettings = settings.buildValidator();
        out.append(settings).append('\n').append(settings.describe()).append('\n').append(fromSettings).append('\n');
        String brokenKey = "{\"kty\":\"oct\",\"kid\":\"broken\",\"alg\":7,\"k\":\""
                + jwk(OCT).toParams(JsonWebKey.OutputControlLevel.INCLUDE_SYMMETRIC).get("k") + "\"}";
        try {
            JweSettings.of(Map.of("jwe.decryption.keys", brokenKey, "jwe.issuer", TestKeys.ISSUER,
                    "jwe.audience", TestKeys.AUDIENCE)).buildValidator();
            fail("a broken inline key was accepted");
        } catch (ConfigurationException e) {
            assertThat(e.getMessage()).contains("jwe.decryption.keys");
            out.append(e).append('\n').append(stackTrace(e));
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void validateWhenManyTokensAcceptedAndRejectedThenNothingLeaks() throws Exception {
        long mark = TestLog.mark();
        JweTokenValidator.Builder config = JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(RSA_ENC, OCT))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK);
        JweTokenValidator captured = config.auditListener(capture).build();
        // The default listener: AuditListener.slf4j().
        JweTokenValidator logged = JweTokenValidator.builder()
                .decryptionKeys(KeySource.of(RSA_ENC, OCT))
                .verificationKeys(KeySource.of(TestKeys.publicOnly(SIG)))
                .allowUnsignedWithSymmetricKeyManagement()
                .issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).clock(TestKeys.CLOCK).build();

        Map<String, List<String>> tokens = tokens();
        StringBuilder out = new StringBuilder();
        Map<Reason, Integer> reasons = new HashMap<>();
        Map<JweTokenValidator, Integer> accepted = new HashMap<>();
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            for (List<String> t : tokens.values()) {
                for (JweTokenValidator v : List.of(captured, logged)) {
                    try {
                        VerifiedToken verified = v.validate(t.get(0), REQUEST);
                        out.append(verified).append('\n').append(verified.metadata()).append('\n')
                                .append(new JwePrincipal(verified)).append('\n');
                        // Rejected after validation (a missing role): audited with the verified token.
                        v.auditTrail().rejected(Reason.INSUFFICIENT_SCOPE, verified, REQUEST);
                        accepted.merge(v, 1, Integer::sum);
                    } catch (TokenRejectedException e) {
                        reasons.merge(e.reason(), 1, Integer::sum);
                        out.append(e).append('\n').append(e.getMessage()).append('\n').append(e.getLocalizedMessage())
                                .append('\n').append(e.description()).append('\n').append(stackTrace(e));
                    }
                }
            }
        }
        List<AuditEvent> events = capture.events();
        for (AuditEvent e : events) {
            out.append(e).append('\n').append(AuditLog.toJson(e)).append('\n');
        }
        KeySet all = KeySet.of(List.of(RSA_ENC, OCT, SIG, IMPOSTOR));
        out.append(all).append('\n').append(all.toPublicJwks("enc")).append('\n').append(all.keyIds()).append('\n');
        for (KeyEntry k : all.all()) {
            out.append(k).append('\n').append(k.describeType()).append('\n');
        }
        out.append(captured).append('\n').append(captured.describePolicy()).append('\n')
                .append(logged).append('\n').append(logged.describePolicy()).append('\n');
        settingsOutput(out);
        String log = TestLog.since(mark);
        out.append(log);

        // The run covered what it claims to: acceptances, rejections after decryption, and a log.
        int validations = rounds * tokens.size();
        assertThat(accepted.get(captured)).isEqualTo(rounds * 2);
        assertThat(accepted.get(logged)).as("the unsigned dir token too").isEqualTo(rounds * 3);
        assertThat(reasons).containsKeys(Reason.EXPIRED, Reason.INVALID_AUDIENCE, Reason.INVALID_ISSUER,
                Reason.NOT_YET_VALID, Reason.INVALID_SIGNATURE, Reason.UNSIGNED, Reason.MALFORMED_CLAIMS,
                Reason.INVALID_NESTING, Reason.DECRYPTION_FAILED, Reason.UNKNOWN_KEY, Reason.MALFORMED,
                Reason.TOKEN_TOO_LARGE);
        assertThat(events).hasSize(validations + accepted.get(captured));
        assertThat(count(log, "\"outcome\":\"accepted\"")).isEqualTo(accepted.get(logged));
        // Every validation that was not accepted, plus one auditRejection per accepted token.
        assertThat(count(log, "\"outcome\":\"rejected\"")).isEqualTo(validations);
        assertThat(log).contains("\"sub\":\"alice\"", "\"token\":\"", "\"reason\":\"EXPIRED\"");
        assertThat(log).contains("\"kid\":\"x\\n[main] INFO");
        assertThat(log.lines().filter(l -> l.contains("audit - {\"outcome\"")))
                .as("a header value forged a log line").isEmpty();

        String corpus = out.toString();
        for (String value : SECRET_CLAIM_VALUES) {
            assertThat(corpus).as("claim value leaked").doesNotContain(value);
        }
        for (String value : UNVERIFIED_VALUES) {
            assertThat(corpus).as("unverified claim value leaked").doesNotContain(value);
        }
        Map<String, String> needles = new HashMap<>();
        tokens.forEach((name, texts) -> {
            for (String text : texts) {
                for (String segment : Forge.segments(text)) {
                    addWindows(needles, segment, "token '" + name + "'");
                }
            }
        });
        for (String material : keyMaterial()) {
            addWindows(needles, material, "key material");
        }
        assertNoWindowOf(corpus, needles);
    }

    private static int count(String text, String what) {
        return (int) Pattern.compile(Pattern.quote(what)).matcher(text).results().count();
    }

    private static void addWindows(Map<String, String> needles, String text, String source) {
        for (int i = 0; i + WINDOW <= text.length(); i++) {
            needles.putIfAbsent(text.substring(i, i + WINDOW), source);
        }
    }

    private static void assertNoWindowOf(String corpus, Map<String, String> needles) {
        for (int i = 0; i + WINDOW <= corpus.length(); i++) {
            String source = needles.get(corpus.substring(i, i + WINDOW));
            if (source != null) {
                int from = Math.max(0, corpus.lastIndexOf('\n', i) + 1);
                fail("part of a " + source + " leaked at offset " + i + " in: "
                        + corpus.substring(from, Math.min(corpus.length(), from + 200)));
            }
        }
    }
}
