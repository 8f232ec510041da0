package dev.jwe.samples.demo;

import dev.jwe.samples.demo.TokenRequest.BadTokenRequest;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /dev/token}: mints a nested, encrypted access token with the development keys. When
 * the demo runs with configured keys it is off and answers every request with 404. Takes a form or a JSON object ({@link TokenRequest})
 * of at most {@value #MAX_BODY} bytes and answers like an OAuth token endpoint (RFC 6749 §5.1):
 * {@code {"access_token":"...","token_type":"Bearer","expires_in":600}} ({@code "token_type":"DPoP"}
 * for a token bound to a DPoP key with {@code dpop_jkt}, RFC 9449 §5) with
 * {@code Cache-Control: no-store}; bad input gets a 400 {@code application/problem+json}, another
 * media type 415, another method 405. Thread-safe.
 */
final class DevTokenServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX_BODY = 8192;

    private final transient DemoConfig.DevTokens tokens;

    /** @param tokens the minter, or {@code null} when the endpoint is off */
    DevTokenServlet(DemoConfig.DevTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (tokens == null) {
            JsonResponses.problem(response, 404, "Not Found",
                    "POST /dev/token is off: the demo runs with configured keys (jwe.decryption.keys)");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            JsonResponses.problem(response, 405, "Method Not Allowed", "use POST");
            return;
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            JsonResponses.problem(response, 413, "Content Too Large", "the body may be at most " + MAX_BODY + " bytes");
            return;
        }
        String type = request.getContentType() == null ? ""
                : request.getContentType().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        TokenRequest asked;
        try {
            if (type.equals("application/x-www-form-urlencoded")) {
                asked = TokenRequest.fromForm(formParameters(request));
            } else if (type.equals("application/json")) {
                String body = readBody(request.getInputStream());
                if (body == null) {
                    JsonResponses.problem(response, 413, "Content Too Large", "the body may be at most "
                            + MAX_BODY + " bytes");
                    return;
                }
                asked = TokenRequest.fromJson(body);
            } else {
                JsonResponses.problem(response, 415, "Unsupported Media Type",
                        "send application/x-www-form-urlencoded or application/json");
                return;
            }
        } catch (BadTokenRequest e) {
            JsonResponses.problem(response, 400, "Bad Request", e.getMessage());
            return;
        }
        String token = tokens.mint(asked);
        JsonResponses.send(response, 200, "application/json", Json.createObjectBuilder()
                .add("access_token", token).add("token_type", asked.dpopJkt() == null ? "Bearer" : "DPoP")
                .add("expires_in", asked.ttl().getSeconds()).build());
    }

    private static Map<String, String[]> formParameters(HttpServletRequest request) throws BadTokenRequest {
        try {
            return request.getParameterMap();
        } catch (RuntimeException e) {
            // The container refuses a malformed or oversized form with an exception of its own.
            throw new BadTokenRequest("the form cannot be read");
        }
    }

    /** The body as UTF-8, or {@code null} when it is longer than {@link #MAX_BODY}. */
    private static String readBody(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        return bytes.length > MAX_BODY ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
