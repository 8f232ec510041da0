package dev.jwe.core.http;

import dev.jwe.core.VerifiedToken;
import java.util.Objects;

/**
 * What {@link HttpAuthenticator#authenticate} decided for one request; the adapter acts on it
 * with its native API. Immutable.
 */
public sealed interface Authentication {

    /** Let the request through unauthenticated: no token where none is needed, or a CORS preflight. */
    record Pass() implements Authentication {
    }

    /**
     * Let the request through as the token's principal.
     *
     * @param token the verified token
     */
    record Authenticated(VerifiedToken token) implements Authentication {
        /** @param token the verified token */
        public Authenticated {
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * Refuse the request with this answer (already audited).
     *
     * @param response what to send
     */
    record Answer(ErrorResponse response) implements Authentication {
        /** @param response what to send */
        public Answer {
            Objects.requireNonNull(response, "response");
        }
    }
}
