package dev.jwe.spring;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.Reason;
import dev.jwe.core.http.BearerToken;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Finds the bearer token with jwe-core's {@link BearerToken}, so that Spring applications accept
 * exactly what the Servlet filter and the JAX-RS feature accept (RFC 6750 §2.1, strict; every
 * {@code Authorization} header is read, and two tokens are a 400), plus the optional
 * {@code jwe.token-header} and {@code jwe.token-cookie}. Never the query string or a form body. A
 * malformed header or a second token raises Spring's {@code invalid_request} error with the fixed
 * text of {@link Reason#INVALID_REQUEST}; a token in the cookie on an unsafe method, unless
 * {@code jwe.token-cookie.csrf-protected=true}, the same error with the text of
 * {@link Reason#COOKIE_UNSAFE_METHOD} (the rule of {@link BearerToken#refusedFor(String, boolean)}).
 * Immutable and thread-safe.
 */
final class JweBearerTokenResolver implements BearerTokenResolver {
    private final String tokenHeader;
    private final String tokenCookie;
    private final boolean cookieCsrfProtected;

    /**
     * @param tokenHeader another header that may carry the raw token, or {@code null}
     * @param tokenCookie a cookie that may carry the raw token, or {@code null}
     * @param cookieCsrfProtected {@code jwe.token-cookie.csrf-protected}
     */
    JweBearerTokenResolver(String tokenHeader, String tokenCookie, boolean cookieCsrfProtected) {
        if (tokenHeader != null && tokenHeader.equalsIgnoreCase("Authorization")) {
            throw new ConfigurationException("jwe.token-header", "Authorization is always read; name another header");
        }
        if (cookieCsrfProtected && tokenCookie == null) {
            throw new ConfigurationException("jwe.token-cookie.csrf-protected", "only means something with jwe.token-cookie");
        }
        this.tokenHeader = tokenHeader;
        this.tokenCookie = tokenCookie;
        this.cookieCsrfProtected = cookieCsrfProtected;
    }

    @Override
    public String resolve(HttpServletRequest request) {
        BearerToken found = BearerToken.extract(Collections.list(request.getHeaders("Authorization")),
                tokenHeader == null ? List.of() : Collections.list(request.getHeaders(tokenHeader)),
                cookieValues(request));
        return switch (found.outcome()) {
            case FOUND -> {
                if (found.refusedFor(request.getMethod(), cookieCsrfProtected)) {
                    request.setAttribute(CurrentRequest.REFUSAL_ATTRIBUTE, Reason.COOKIE_UNSAFE_METHOD);
                    throw new OAuth2AuthenticationException(
                            BearerTokenErrors.invalidRequest(Reason.COOKIE_UNSAFE_METHOD.description()));
                }
                yield found.token();
            }
            case NONE -> null;
            case INVALID_REQUEST -> throw new OAuth2AuthenticationException(
                    BearerTokenErrors.invalidRequest(Reason.INVALID_REQUEST.description()));
        };
    }

    private List<String> cookieValues(HttpServletRequest request) {
        Cookie[] cookies = tokenCookie == null ? null : request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        for (Cookie c : cookies) {
            if (c.getName().equals(tokenCookie)) {
                values.add(c.getValue());
            }
        }
        return values;
    }
}
