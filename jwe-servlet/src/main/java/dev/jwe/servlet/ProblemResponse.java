package dev.jwe.servlet;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes the fixed-text answers of the filter and the JWKS servlet. */
final class ProblemResponse {

    private ProblemResponse() {
    }

    /**
     * Sends an RFC 9457 problem document with {@code Cache-Control: no-store}.
     *
     * @param response the response
     * @param status the status
     * @param problemJson the document (fixed text from {@link dev.jwe.core.http.Challenge})
     * @param challenge the {@code WWW-Authenticate} value, or {@code null} for none
     * @throws IOException when the client went away
     */
    static void send(HttpServletResponse response, int status, String problemJson, String challenge)
            throws IOException {
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(dev.jwe.core.http.Challenge.PROBLEM_JSON);
        byte[] body = problemJson.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
