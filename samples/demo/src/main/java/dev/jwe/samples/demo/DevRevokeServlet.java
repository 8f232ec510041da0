package dev.jwe.samples.demo;

import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.ValidationUnavailableException;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.Challenge;
import dev.jwe.core.http.BearerToken;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * {@code POST /dev/revoke}: revokes the token sent as {@code Authorization: Bearer} (a "log out"),
 * by its {@code jti}, in the validator's revocation store; from then on every request with it is
 * rejected as {@code REVOKED}, cached or not. Only with development keys; 404 otherwise. A token
 * that is not valid cannot be revoked (400 with its reason's fixed text). Thread-safe.
 */
final class DevRevokeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient JweTokenValidator validator;

    /** @param validator the demo's validator, or {@code null} when the endpoint is off */
    DevRevokeServlet(JweTokenValidator validator) {
        this.validator = validator;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (validator == null) {
            JsonResponses.problem(response, 404, "Not Found",
                    "POST /dev/revoke is off: the demo runs with configured keys (jwe.decryption.keys)");
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            JsonResponses.problem(response, 405, "Method Not Allowed", "use POST");
            return;
        }
        BearerToken found = BearerToken.extract(Collections.list(request.getHeaders("Authorization")), List.of());
        if (found.outcome() != BearerToken.Outcome.FOUND) {
            JsonResponses.problem(response, 400, "Bad Request", "send the token to revoke as Authorization: Bearer");
            return;
        }
        VerifiedToken token;
        Instant until;
        try {
            token = validator.validate(found.token(),
                    new RequestInfo(request.getRemoteAddr(), request.getMethod(), request.getRequestURI()));
            if (token.jwtId().isEmpty()) {
                JsonResponses.problem(response, 400, "Bad Request", "the token has no jti");
                return;
            }
            until = validator.revocationStore().revoke(token);
        } catch (TokenRejectedException e) {
            JsonResponses.problem(response, 400, "Bad Request", "the token to revoke is not valid: " + e.description());
            return;
        } catch (ValidationUnavailableException e) {
            // Our side (keys or the store) failed: not the client's fault.
            JsonResponses.send(response, 503, Challenge.PROBLEM_JSON,
                    Json.createReader(new java.io.StringReader(Challenge.serviceUnavailableJson())).readObject());
            return;
        }
        JsonResponses.send(response, 200, "application/json", Json.createObjectBuilder()
                .add("revoked", "token").add("sub", token.principalName()).add("jti", token.jwtId().get())
                .add("kept_until", until.toString()).build());
    }
}
