package dev.jwe.servlet;

import dev.jwe.core.http.ErrorResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Copies an {@link ErrorResponse} (made by core, the same for every adapter) onto a servlet response. */
final class ProblemResponse {

    private ProblemResponse() {
    }

    /**
     * Sends the answer: status, headers ({@code WWW-Authenticate} when any, {@code Cache-Control:
     * no-store}), content type and length, and the problem document.
     *
     * @param response the response, not committed yet
     * @param answer what to send
     * @throws IOException when the client went away
     */
    static void send(HttpServletResponse response, ErrorResponse answer) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setContentType(answer.contentType());
        response.setContentLength(answer.contentLength());
        response.getOutputStream().write(answer.body());
    }
}
