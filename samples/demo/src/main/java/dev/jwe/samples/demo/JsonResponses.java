package dev.jwe.samples.demo;

import dev.jwe.core.VerifiedToken;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The JSON the demo's own endpoints answer with. Stateless. */
final class JsonResponses {
    static final String PROBLEM_JSON = "application/problem+json";

    private JsonResponses() {
    }

    /**
     * Who the token says the caller is. The caller sees its own token's claims; nothing here goes
     * to a log.
     *
     * @param token the verified token
     * @param via which adapter authenticated the request
     * @return the JSON object
     */
    static JsonObject whoami(VerifiedToken token, String via) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("principal", token.principalName());
        token.subject().ifPresent(s -> b.add("subject", s));
        token.issuer().ifPresent(s -> b.add("issuer", s));
        return b.add("audience", Json.createArrayBuilder(token.audiences()))
                .add("roles", Json.createArrayBuilder(token.roles().stream().sorted().toList()))
                .add("scopes", Json.createArrayBuilder(token.scopes().stream().sorted().toList()))
                .add("expiresAt", token.expiresAt().toString())
                .add("authenticatedBy", via)
                .build();
    }

    /**
     * Writes a JSON answer that must not be cached.
     *
     * @param response the response
     * @param status the status
     * @param contentType the media type
     * @param body the body
     * @throws IOException when writing fails
     */
    static void send(HttpServletResponse response, int status, String contentType, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * Writes an RFC 9457 problem with fixed text.
     *
     * @param response the response
     * @param status the status
     * @param title the title
     * @param detail the detail (fixed text, never the client's input)
     * @throws IOException when writing fails
     */
    static void problem(HttpServletResponse response, int status, String title, String detail) throws IOException {
        send(response, status, PROBLEM_JSON, Json.createObjectBuilder().add("type", "about:blank")
                .add("title", title).add("status", status).add("detail", detail).build());
    }
}
