package dev.jwe.spring;

import dev.jwe.core.AuditTrail;
import dev.jwe.core.Reason;
import dev.jwe.core.ValidationUnavailableException;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.ErrorResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Wraps Spring Security's filter chain (registered just before it) for two jobs that Spring
 * Security leaves to the application:
 * <ul>
 *   <li><b>503 for our failures.</b> {@link JweJwtDecoder} lets a
 *       {@link ValidationUnavailableException} pass through Spring Security unchanged; here it is
 *       answered directly with 503, {@code Cache-Control: no-store}, no challenge, and the fixed
 *       RFC 9457 body of {@link ErrorResponse#unavailable()}: not a 401 that blames the
 *       client, not a 500, and not an error dispatch that the application's security rules could
 *       turn into a 401.</li>
 *   <li><b>One audit event per attempt.</b> The validator records every token it sees. What Spring
 *       Security decides without it, or after it, is read from the answer it gave: a 401 Bearer
 *       challenge without an error code and no token validated is {@link Reason#MISSING_TOKEN}; a
 *       400 {@code invalid_request} is {@link Reason#INVALID_REQUEST} (or
 *       {@link Reason#COOKIE_UNSAFE_METHOD}, as {@link JweBearerTokenResolver} left it); a 403
 *       {@code insufficient_scope} after an accepted token is {@link Reason#INSUFFICIENT_SCOPE},
 *       with that token. Spring Security's entry point and access-denied handler stay in charge of
 *       the answers; an application that replaces them with handlers that send no Bearer challenge
 *       gets no event for those answers.</li>
 * </ul>
 * It also makes the request visible to the decoder through {@link RequestContextHolder} when no
 * {@code RequestContextFilter} did. Runs on REQUEST dispatches only. Thread-safe.
 */
final class JweAttemptFilter extends OncePerRequestFilter {
    private final AuditTrail audit;

    JweAttemptFilter(AuditTrail audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean bind = RequestContextHolder.getRequestAttributes() == null;
        if (bind) {
            RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
        }
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!causedByUs(e) || response.isCommitted()) {
                throw e;
            }
            sendUnavailable(response);
            return;
        } finally {
            if (bind) {
                RequestContextHolder.resetRequestAttributes();
            }
        }
        auditAnswer(request, response);
    }

    private static boolean causedByUs(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValidationUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static void sendUnavailable(HttpServletResponse response) throws IOException {
        // The same bytes as every other adapter's 503 (dev.jwe.core.http.ErrorResponse).
        ErrorResponse answer = ErrorResponse.unavailable();
        response.resetBuffer();
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setContentType(answer.contentType());
        response.setContentLength(answer.contentLength());
        response.getOutputStream().write(answer.body());
    }

    private void auditAnswer(HttpServletRequest request, HttpServletResponse response) {
        String challenge = response.getHeader("WWW-Authenticate");
        if (challenge == null || !challenge.regionMatches(true, 0, "Bearer", 0, "Bearer".length())) {
            return;
        }
        String lower = challenge.toLowerCase(Locale.ROOT);
        Object attempt = request.getAttribute(CurrentRequest.ATTEMPT_ATTRIBUTE);
        int status = response.getStatus();
        if (attempt instanceof VerifiedToken token) {
            if (status == HttpServletResponse.SC_FORBIDDEN && lower.contains("error=\"insufficient_scope\"")) {
                audit.rejected(Reason.INSUFFICIENT_SCOPE, token, CurrentRequest.info(request));
            }
        } else if (attempt == null) {
            // The validator saw no token in this request: the event is ours to write.
            if (status == HttpServletResponse.SC_UNAUTHORIZED && !lower.contains("error=")) {
                audit.rejected(Reason.MISSING_TOKEN, null, CurrentRequest.info(request));
            } else if (status == HttpServletResponse.SC_BAD_REQUEST && lower.contains("error=\"invalid_request\"")) {
                Reason reason = request.getAttribute(CurrentRequest.REFUSAL_ATTRIBUTE) instanceof Reason r ? r
                        : Reason.INVALID_REQUEST;
                audit.rejected(reason, null, CurrentRequest.info(request));
            }
        }
    }
}
