package dev.jwe.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.DpopProofs;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The Jakarta Security mechanism decides through core's HTTP layer, so DPoP-bound tokens are
 * checked there as in the filter: the container is played by plain proxies of the Servlet and
 * Jakarta Security interfaces (the full servers run in samples/ee-server-tests).
 */
class JweAuthenticationMechanismDpopTest {
    private static final byte[] ENC_BYTES = bytes(1);
    private static final byte[] SIG_BYTES = bytes(2);
    private static final KeyEntry ENC = KeyEntry.of("enc", new SecretKeySpec(ENC_BYTES, "AES"), null);
    private static final KeyEntry SIG = KeyEntry.of("sig", new SecretKeySpec(SIG_BYTES, "HmacSHA256"), null);
    private static final String URL = "https://api.example.com/app/orders";
    private static final DpopProofs.ClientKey CLIENT = DpopProofs.ec();

    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status = 200;
    private Principal loggedIn;

    private static byte[] bytes(int seed) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) seed);
        b[0] = (byte) (seed * 31);
        return b;
    }

    private static String jwks(String kid, byte[] key, String use) {
        return "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"" + kid + "\",\"use\":\"" + use + "\",\"k\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\"}]}";
    }

    private static String token(String jkt) {
        Map<String, Object> claims = new LinkedHashMap<>(TokenIssuer.claims(Clock.systemUTC()).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).subject("alice").expiresIn(Duration.ofMinutes(10)).build());
        claims.put("cnf", Map.of("jkt", jkt));
        return TokenIssuer.builder().encryptionKey(ENC).keyManagementAlgorithm("A256KW").signingKey(SIG)
                .signatureAlgorithm("HS256").build().issue(claims);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private AuthenticationStatus validate(JweAuthenticationMechanism mechanism, Map<String, List<String>> headers) {
        Map<String, String> params = Map.of("jwe.decryption.keys", jwks("enc", ENC_BYTES, "enc"),
                "jwe.verification.keys", jwks("sig", SIG_BYTES, "sig"), "jwe.issuer", TestKeys.ISSUER,
                "jwe.audience", TestKeys.AUDIENCE, "jwe.dpop", "allowed");
        ServletContext context = proxy(ServletContext.class, (p, m, a) -> switch (m.getName()) {
            case "getInitParameterNames" -> Collections.enumeration(params.keySet());
            case "getInitParameter" -> params.get((String) a[0]);
            case "getContextPath" -> "/app";
            default -> null;
        });
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        HttpServletRequest request = proxy(HttpServletRequest.class, (p, m, a) -> switch (m.getName()) {
            case "getServletContext" -> context;
            case "getAttribute" -> attributes.get((String) a[0]);
            case "setAttribute" -> attributes.put((String) a[0], a[1]);
            case "removeAttribute" -> attributes.remove((String) a[0]);
            case "getHeaders" -> Collections.enumeration(h.getOrDefault((String) a[0], List.of()));
            case "getMethod" -> "GET";
            case "getRemoteAddr" -> "192.0.2.1";
            case "getRequestURI" -> "/app/orders";
            case "getRequestURL" -> new StringBuffer(URL);
            default -> null;
        });
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        HttpServletResponse response = proxy(HttpServletResponse.class, (p, m, a) -> {
            switch (m.getName()) {
                case "setStatus" -> status = (Integer) a[0];
                case "setHeader" -> responseHeaders.put((String) a[0], (String) a[1]);
                case "getOutputStream" -> {
                    return out;
                }
                default -> {
                }
            }
            return null;
        });
        HttpMessageContext message = proxy(HttpMessageContext.class, (p, m, a) -> switch (m.getName()) {
            case "isProtected" -> true;
            case "isAuthenticationRequest" -> false;
            case "doNothing" -> AuthenticationStatus.NOT_DONE;
            case "notifyContainerAboutLogin" -> {
                loggedIn = (Principal) a[0];
                yield AuthenticationStatus.SUCCESS;
            }
            default -> null;
        });
        return mechanism.validateRequest(request, response, message);
    }

    @Test
    void validateRequestWhenDpopTokenWithValidProofThenCallerLoggedIn() {
        String t = token(CLIENT.thumbprint());
        AuthenticationStatus s = validate(new JweAuthenticationMechanism(), Map.of("Authorization", List.of("DPoP " + t),
                "DPoP", List.of(DpopProofs.proof(CLIENT, "GET", URL, t, Instant.now()).sign())));
        assertThat(s).isEqualTo(AuthenticationStatus.SUCCESS);
        assertThat(loggedIn.getName()).isEqualTo("alice");
    }

    @Test
    void validateRequestWhenProofForAnotherUrlThen401InvalidDpopProofWithBothChallenges() {
        String t = token(CLIENT.thumbprint());
        AuthenticationStatus s = validate(new JweAuthenticationMechanism(), Map.of("Authorization", List.of("DPoP " + t),
                "DPoP", List.of(DpopProofs.proof(CLIENT, "GET", URL + "/7", t, Instant.now()).sign())));
        assertThat(s).isEqualTo(AuthenticationStatus.SEND_FAILURE);
        assertThat(status).isEqualTo(401);
        assertThat(responseHeaders.get("WWW-Authenticate"))
                .startsWith("Bearer realm=\"api\", DPoP error=\"invalid_dpop_proof\"");
        assertThat(body.toString(StandardCharsets.UTF_8)).contains("DPOP_PROOF_MISMATCH");
        assertThat(loggedIn).isNull();
    }

    @Test
    void validateRequestWhenBoundTokenSentAsBearerThen401() {
        AuthenticationStatus s = validate(new JweAuthenticationMechanism(),
                Map.of("Authorization", List.of("Bearer " + token(CLIENT.thumbprint()))));
        assertThat(s).isEqualTo(AuthenticationStatus.SEND_FAILURE);
        assertThat(status).isEqualTo(401);
        assertThat(body.toString(StandardCharsets.UTF_8)).contains("DPOP_BOUND_TOKEN");
    }
}
