package dev.jwe.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.BearerError;
import dev.jwe.core.Reason;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code WWW-Authenticate} challenges (RFC 6750 §3, RFC 7235 §2.1) and problem documents (RFC 9457). */
class ChallengeTest {
    /** RFC 7230 §3.2.6 token. */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** RFC 6750 §3: quoted values without quotes or backslashes, hence without quoted-pairs. */
    private static final String QUOTED = "\"([\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*)\"";
    private static final String AUTH_PARAM = "(" + TOKEN + ")=" + QUOTED;
    /** RFC 7235 challenge with auth-params, as we write it: one space after the scheme, ", " between params. */
    private static final Pattern CHALLENGE = Pattern.compile("Bearer " + AUTH_PARAM + "(, " + AUTH_PARAM + ")*");
    private static final Pattern PARAM = Pattern.compile(AUTH_PARAM);
    /** RFC 6749 §3.3: scope = scope-token *( SP scope-token ), scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");

    /** Checks the grammar and returns the params in order; fails on a repeated param. */
    private static Map<String, String> params(String challenge) {
        assertThat(challenge).matches(CHALLENGE);
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            assertThat(out.put(m.group(1), m.group(2))).as("repeated " + m.group(1)).isNull();
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void wwwAuthenticateWhenAnyReasonThenRfc6750Challenge(Reason reason) {
        Map<String, String> p = params(Challenge.wwwAuthenticate("orders api", reason, List.of("orders:write")));

        assertThat(p.keySet().iterator().next()).isEqualTo("realm");
        assertThat(p).containsEntry("realm", "orders api");
        if (reason.bearerError() == BearerError.NONE) {
            assertThat(p).as("RFC 6750 §3.1: no error code without a token (or for our own failure)")
                    .containsOnlyKeys("realm");
            return;
        }
        assertThat(p).containsEntry("error", reason.bearerError().code())
                .containsEntry("error_description", reason.description());
        assertThat(p.get("error")).isIn("invalid_request", "invalid_token", "insufficient_scope", "invalid_dpop_proof",
                "use_dpop_nonce");
        if (reason == Reason.INSUFFICIENT_SCOPE) {
            assertThat(p).containsEntry("scope", "orders:write");
        } else {
            assertThat(p).containsOnlyKeys("realm", "error", "error_description");
        }
    }

    @Test
    void wwwAuthenticateWhenInsufficientScopeWithSeveralScopesThenSpaceSeparated() {
        Map<String, String> p = params(Challenge.wwwAuthenticate("api", Reason.INSUFFICIENT_SCOPE,
                List.of("orders:read", "!#$%&'()*+,-./:;<=>?@[]^_`{|}~")));
        assertThat(p.get("scope")).matches(SCOPE).isEqualTo("orders:read !#$%&'()*+,-./:;<=>?@[]^_`{|}~");
    }

    @Test
    void wwwAuthenticateWhenInsufficientScopeWithoutScopesThenNoScopeParam() {
        assertThat(params(Challenge.wwwAuthenticate("api", Reason.INSUFFICIENT_SCOPE, List.of())))
                .doesNotContainKey("scope");
        assertThat(params(Challenge.wwwAuthenticate("api", Reason.INSUFFICIENT_SCOPE, null)))
                .doesNotContainKey("scope");
    }

    @Test
    void wwwAuthenticateWhenExactTextThenAsDocumented() {
        assertThat(Challenge.wwwAuthenticate("api", Reason.MISSING_TOKEN, List.of())).isEqualTo("Bearer realm=\"api\"");
        assertThat(Challenge.wwwAuthenticate("api", Reason.EXPIRED, List.of()))
                .isEqualTo("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The token has expired.\"");
    }

    @ParameterizedTest
    @EnumSource(value = Reason.class, names = {"MISSING_TOKEN", "EXPIRED", "INSUFFICIENT_SCOPE"})
    void wwwAuthenticateWhenResourceMetadataThenRfc9728ParameterLastInEveryChallenge(Reason reason) {
        String url = "https://api.example/.well-known/oauth-protected-resource/orders";
        String challenge = Challenge.wwwAuthenticate("api", reason, List.of("orders:write"), url);

        Map<String, String> p = params(challenge);
        assertThat(p).containsEntry("resource_metadata", url);
        assertThat(challenge).isEqualTo(Challenge.wwwAuthenticate("api", reason, List.of("orders:write"))
                + ", resource_metadata=\"" + url + "\"");
        assertThat(Challenge.wwwAuthenticate("api", reason, List.of("orders:write"), null))
                .doesNotContain("resource_metadata");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "a\\b", "a\nb", "a\rb", "a\tb", "a\u0000b", "a\u007fb", "caf\u00e9", "\u2028"})
    void wwwAuthenticateWhenRealmHasForbiddenCharacterThenRejected(String realm) {
        assertThatThrownBy(() -> Challenge.wwwAuthenticate(realm, Reason.EXPIRED, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("realm:");
        assertThatThrownBy(() -> Challenge.checkRealm(realm))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("jwe.realm:")
                .message().doesNotContain(realm);
    }

    @Test
    void checkRealmWhenPrintableAsciiThenReturnedUnchanged() {
        String realm = " !#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~";
        assertThat(Challenge.checkRealm(realm)).isEqualTo(realm);
        assertThat(params(Challenge.wwwAuthenticate(realm, Reason.MALFORMED, List.of()))).containsEntry("realm", realm);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a\"b", "a\\b", "a\tb", "\u00e9", "a\u0000"})
    void wwwAuthenticateAndCheckScopeWhenScopeIsNotAScopeTokenThenRejected(String scope) {
        assertThatThrownBy(() -> Challenge.wwwAuthenticate("api", Reason.INSUFFICIENT_SCOPE, List.of("ok", scope)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scope:");
        assertThatThrownBy(() -> Challenge.checkScope(scope))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("scope:");
    }

    @Test
    void checkScopeWhenScopeTokenThenReturnedUnchanged() {
        String scope = "!#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~";
        assertThat(Challenge.checkScope(scope)).isEqualTo(scope);
        assertThat(Challenge.wwwAuthenticate("api", Reason.INSUFFICIENT_SCOPE, List.of(scope)))
                .endsWith(", scope=\"" + scope + "\"");
    }

    @Test
    void wwwAuthenticateWhenRealmOrReasonNullThenFailsNamingIt() {
        assertThatThrownBy(() -> Challenge.wwwAuthenticate(null, Reason.EXPIRED, List.of())).hasMessage("realm");
        assertThatThrownBy(() -> Challenge.wwwAuthenticate("api", null, List.of())).hasMessage("reason");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void statusWhenAnyReasonThenMappedByErrorCode(Reason reason) {
        int expected = switch (reason.bearerError()) {
            case INVALID_REQUEST -> 400;
            case INSUFFICIENT_SCOPE -> 403;
            case INVALID_TOKEN, INVALID_DPOP_PROOF, USE_DPOP_NONCE -> 401;
            case NONE -> reason == Reason.UNAVAILABLE ? 503 : 401;
        };
        assertThat(Challenge.status(reason)).isEqualTo(expected).isEqualTo(reason.httpStatus());
        assertThat(reason.bearerError()).isEqualTo(switch (reason) {
            case MISSING_TOKEN, UNAVAILABLE -> BearerError.NONE;
            case INVALID_REQUEST, COOKIE_UNSAFE_METHOD -> BearerError.INVALID_REQUEST;
            case INSUFFICIENT_SCOPE -> BearerError.INSUFFICIENT_SCOPE;
            case DPOP_PROOF_MISSING, DPOP_PROOF_INVALID, DPOP_PROOF_MISMATCH, DPOP_PROOF_EXPIRED, DPOP_PROOF_REPLAYED,
                    DPOP_KEY_MISMATCH -> BearerError.INVALID_DPOP_PROOF;
            case DPOP_NONCE_REQUIRED -> BearerError.USE_DPOP_NONCE;
            default -> BearerError.INVALID_TOKEN;
        });
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void problemJsonWhenAnyReasonThenValidJsonWithFixedFields(Reason reason) throws Exception {
        String json = Challenge.problemJson(reason);

        Map<String, Object> doc = JsonUtil.parseJson(json);
        assertThat(doc).containsOnlyKeys("type", "title", "status", "detail", "reason")
                .containsEntry("type", "about:blank")
                .containsEntry("status", (long) reason.httpStatus())
                .containsEntry("detail", reason.description())
                .containsEntry("reason", reason.name());
        assertThat(doc.get("title")).isEqualTo(switch (reason.httpStatus()) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 503 -> "Service Unavailable";
            default -> "Unauthorized";
        });
        assertThat(json).doesNotContain("\n");
    }

    @Test
    void serviceUnavailableJsonWhenCalledThenValidJsonWith503() throws Exception {
        Map<String, Object> doc = JsonUtil.parseJson(Challenge.serviceUnavailableJson());
        assertThat(doc).containsOnlyKeys("type", "title", "status", "detail")
                .containsEntry("status", 503L).containsEntry("title", "Service Unavailable");
        assertThat(Challenge.PROBLEM_JSON).isEqualTo("application/problem+json");
    }

    @Test
    void wwwAuthenticateWhenDpopAllowedAndResourceConfiguredThenEachChallengeNamesTheMetadata() {
        String metadata = "https://api.example/.well-known/oauth-protected-resource";
        assertThat(Challenge.wwwAuthenticate("api", Reason.MISSING_TOKEN, List.of(),
                SenderConstraintOptions.DpopMode.ALLOWED, List.of("ES256"), false, metadata))
                .isEqualTo("Bearer realm=\"api\", resource_metadata=\"" + metadata + "\", DPoP algs=\"ES256\","
                        + " resource_metadata=\"" + metadata + "\"");
        assertThat(Challenge.wwwAuthenticate("api", Reason.DPOP_PROOF_INVALID, List.of(),
                SenderConstraintOptions.DpopMode.REQUIRED, List.of("ES256"), true, metadata))
                .startsWith("DPoP error=\"invalid_dpop_proof\", algs=\"ES256\", error_description=\"")
                .endsWith(", resource_metadata=\"" + metadata + "\"");
        assertThat(Challenge.wwwAuthenticate("api", Reason.EXPIRED, List.of(),
                SenderConstraintOptions.DpopMode.OFF, List.of("ES256"), false, metadata))
                .isEqualTo(Challenge.wwwAuthenticate("api", Reason.EXPIRED, List.of(), metadata));
    }
}
