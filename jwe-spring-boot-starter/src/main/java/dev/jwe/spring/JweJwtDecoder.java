package dev.jwe.spring;

import dev.jwe.core.AuditTrail;
import dev.jwe.core.BearerError;
import dev.jwe.core.Reason;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.ValidationUnavailableException;
import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.SenderConstraintOptions;
import dev.jwe.core.http.SenderConstraints;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * A Spring Security {@link JwtDecoder} for encrypted access tokens (a signed JWT nested in a JWE),
 * backed by a {@link TokenValidator}: decryption, the inner signature (always required under
 * public-key encryption) and the claims are checked by jwe-core, not by Nimbus, so a JWE whose
 * payload is bare claims is refused rather than trusted.
 * <pre>{@code
 * http.oauth2ResourceServer(o -> o.jwt(jwt -> jwt.decoder(new JweJwtDecoder(validator))));
 * }</pre>
 * With the starter's auto-configuration this decoder is the application's {@code JwtDecoder}
 * bean, so Boot's default chain and {@code o.jwt(withDefaults())} use it.
 *
 * <ul>
 *   <li>Accepted: a {@link JweJwt} (the verified claims, the inner JWS header, the compact JWE as
 *       token value).</li>
 *   <li>Rejected by the client's fault: {@link BadJwtException} whose message is the reason's fixed
 *       description ({@link Reason#description()}), which Spring Security sends as
 *       {@code error_description} of its 401 {@code invalid_token} challenge: the same text the
 *       other adapters send, never token text, claims or a library message.</li>
 *   <li>Our failure (keys or a fail-closed store unavailable): the core
 *       {@link ValidationUnavailableException} itself, not a {@code JwtException}, so that Spring
 *       Security neither blames the client (401) nor handles it as its own error; the starter's
 *       filter answers it with 503. The outage is logged at ERROR once until validation works
 *       again.</li>
 * </ul>
 * Every call leaves one audit event through the validator, with the client address, method and
 * path of the current request when there is one.
 *
 * <p>Sender-constrained tokens go through core's {@link SenderConstraints} against the current
 * request: a {@code cnf.jkt} token is accepted only with the {@code DPoP} scheme and a proof that
 * passes jwe's checks (proof {@code jti}s in the validator's replay store, shared through JCache),
 * a {@code cnf.x5t#S256} token only with that client certificate, and {@code jwe.dpop=required}
 * refuses Bearer tokens. Spring Security 6.5 and 7.0 route {@code Authorization: DPoP} requests
 * through their own DPoP filter, which calls this decoder and then checks the proof again; the
 * starter's resolver leaves those requests to that filter, so a request is decoded once. A proof
 * failure is an {@code invalid_dpop_proof} (or {@code use_dpop_nonce}) error, a binding failure
 * {@code invalid_token}. Thread-safe.
 */
public final class JweJwtDecoder implements JwtDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(JweJwtDecoder.class);

    private final TokenValidator validator;
    private final SenderConstraints senderConstraints;
    private final AuditTrail audit;
    /** Spring's own claim typing, so that a JweJwt reads like one from NimbusJwtDecoder. */
    private final Converter<Map<String, Object>, Map<String, Object>> claimTypes =
            MappedJwtClaimSetConverter.withDefaults(Collections.emptyMap());
    /** Whether our side failed last time: an outage is logged once, not per request. */
    private final AtomicBoolean failing = new AtomicBoolean();

    /**
     * @param validator validates the tokens (its audit listener receives the events)
     */
    public JweJwtDecoder(TokenValidator validator) {
        this(validator, SenderConstraints.of(validator, SenderConstraintOptions.defaults()));
    }

    /**
     * @param validator validates the tokens (its audit listener receives the events)
     * @param senderConstraints the DPoP and certificate checks ({@code jwe.dpop}, {@code jwe.mtls.*})
     */
    public JweJwtDecoder(TokenValidator validator, SenderConstraints senderConstraints) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.senderConstraints = Objects.requireNonNull(senderConstraints, "senderConstraints");
        this.audit = AuditTrail.of(validator, AuditTrail.NONE);
    }

    @Override
    public Jwt decode(String token) {
        CurrentRequest request = CurrentRequest.get();
        VerifiedToken verified;
        try {
            verified = validator.validate(token, request.info());
        } catch (TokenRejectedException e) {
            request.rejected(e.reason());
            throw new BadJwtException(e.description());
        } catch (ValidationUnavailableException e) {
            request.rejected(Reason.UNAVAILABLE);
            if (failing.compareAndSet(false, true)) {
                LOG.error("jwe: token validation failed on our side (keys or revocation store); answering 503 until"
                        + " it works again: {}", e.getMessage());
            }
            throw e;
        }
        if (failing.compareAndSet(true, false)) {
            LOG.info("jwe: token validation works again");
        }
        Reason refused;
        try {
            refused = senderConstraints.check(request.view(), token, verified).orElse(null);
        } catch (ValidationUnavailableException e) {
            request.rejected(Reason.UNAVAILABLE);
            throw e;
        }
        if (refused != null) {
            audit.rejected(refused, verified, request.info());
            request.rejected(refused);
            BearerError error = refused.bearerError();
            if (error == BearerError.INVALID_DPOP_PROOF || error == BearerError.USE_DPOP_NONCE) {
                throw new OAuth2AuthenticationException(new OAuth2Error(error.code(), refused.description(), null));
            }
            throw new BadJwtException(refused.description());
        }
        request.accepted(verified);
        return new JweJwt(token, verified, claimTypes.convert(verified.claims()));
    }

    @Override
    public String toString() {
        return "JweJwtDecoder[" + validator + "]";
    }
}
