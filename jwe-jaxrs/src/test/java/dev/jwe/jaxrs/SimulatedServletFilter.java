package dev.jwe.jaxrs;

import dev.jwe.core.JwePrincipal;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.http.BearerToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * Stands in for the jwe Servlet filter (another module): validates the bearer token with the same
 * validator, records the client address, and leaves the result in the request attribute.
 */
final class SimulatedServletFilter implements Filter {
    private final TokenValidator validator;

    SimulatedServletFilter(TokenValidator validator) {
        this.validator = validator;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        BearerToken found = BearerToken.extract(Collections.list(request.getHeaders("Authorization")), List.of());
        if (found.outcome() == BearerToken.Outcome.FOUND) {
            try {
                request.setAttribute(JwePrincipal.REQUEST_ATTRIBUTE, validator.validate(found.token(),
                        new RequestInfo(request.getRemoteAddr(), request.getMethod(), request.getRequestURI())));
                request.setAttribute(JwePrincipal.VALIDATOR_ATTRIBUTE, validator);
            } catch (TokenRejectedException e) {
                ((HttpServletResponse) res).sendError(401);
                return;
            }
        }
        chain.doFilter(req, res);
    }
}
