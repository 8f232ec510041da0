package dev.jwe.core.http;

import dev.jwe.core.AuditTrail;
import dev.jwe.core.InMemoryRevocationStore;
import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.SingleUseTokenValidator;
import dev.jwe.core.TokenRejectedException;
import dev.jwe.core.TokenValidator;
import dev.jwe.core.ValidationUnavailableException;
import dev.jwe.core.VerifiedToken;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision every adapter makes for a request, written once: CORS preflight, token
 * extraction ({@link BearerToken}), validation, the error answer ({@link ErrorResponse}), the
 * audit event of attempts that never reach the validator (no token, a malformed header, a missing
 * scope) and the outage log. The adapter reads its native request into a {@link RequestView} and
 * acts on the {@link Authentication}: pass the request on, pass it on as the token's principal, or
 * copy the answer onto its native response.
 *
 * <p>Order: an allowed preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}, when {@code jwe.allow-preflight=true}) passes without
 * looking for a token; a malformed {@code Authorization: Bearer} header or two tokens is 400
 * {@code invalid_request}, and so is a token in the cookie on an unsafe method unless
 * {@code jwe.token-cookie.csrf-protected=true} ({@link BearerToken#refusedFor(String, boolean)});
 * no token is 401 with a bare challenge where a token is needed, else it
 * passes; a token is validated: 401 {@code invalid_token} when refused, 503 without challenge when
 * our side fails (logged at ERROR once per outage, and at INFO when it works again).
 *
 * <p>Sender-constrained tokens ({@link SenderConstraintOptions}): with {@code jwe.dpop=allowed}
 * or {@code required} the {@code DPoP} scheme is recognised (RFC 9449 §7.1), and a request with it
 * must carry exactly one {@code DPoP} proof header; under {@code required} a Bearer token is refused
 * before it is opened. After the token validated, its {@code cnf} decides, whatever the settings: a
 * {@code cnf.jkt} token needs the {@code DPoP} scheme and a proof for this request, URL and token,
 * signed with that key, whose {@code jti} is recorded in the validator's replay store (shared in a
 * cluster through JCache); a {@code cnf.x5t#S256} token needs that TLS client certificate
 * (RFC 8705). These checks run on every request, also when the token came from the cache.
 *
 * <p>Thread-safe and immutable apart from the outage state; one per adapter instance.
 */
public final class HttpAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(HttpAuthenticator.class);
    private static final Authentication PASS = new Authentication.Pass();
    private static final BooleanSupplier REQUIRED = () -> true;
    private static final BooleanSupplier NOT_REQUIRED = () -> false;

    private final TokenValidator validator;
    private final AdapterOptions options;
    private final AuditTrail audit;
    private final OutageLog outage;
    private final SenderConstraintOptions senderOptions;
    private final SenderConstraintCheck senderCheck;
    private final Map<Reason, ErrorResponse> answers = new EnumMap<>(Reason.class);
    /** The answers to a request that used {@code Authorization: DPoP}. */
    private final Map<Reason, ErrorResponse> dpopAnswers = new EnumMap<>(Reason.class);
    private final ErrorResponse unavailable = ErrorResponse.unavailable();

    private HttpAuthenticator(TokenValidator validator, AdapterOptions options, SenderConstraintOptions senderOptions,
            Logger log, String name, Clock clock) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.options = Objects.requireNonNull(options, "options");
        this.senderOptions = Objects.requireNonNull(senderOptions, "senderOptions");
        this.audit = AuditTrail.of(validator, AuditTrail.NONE);
        this.outage = new OutageLog(log, Objects.requireNonNull(name, "name"));
        this.senderCheck = new SenderConstraintCheck(senderOptions, replayStore(validator, senderOptions, log, name,
                Objects.requireNonNull(clock, "clock")), clock);
        for (Reason r : Reason.values()) {
            if (r != Reason.UNAVAILABLE) {
                answers.put(r, ErrorResponse.rejection(options.realm(), r, List.of(), senderOptions, false, null,
                        options.resourceMetadata()));
                dpopAnswers.put(r, ErrorResponse.rejection(options.realm(), r, List.of(), senderOptions, true, null,
                        options.resourceMetadata()));
            }
        }
    }

    /** The validator's store, so that a proof is good once wherever the store is shared. */
    private static dev.jwe.core.RevocationStore replayStore(TokenValidator validator, SenderConstraintOptions sc,
            Logger log, String name, Clock clock) {
        if (validator instanceof JweTokenValidator jwe) {
            return jwe.revocationStore();
        }
        if (sc.dpop() != SenderConstraintOptions.DpopMode.OFF) {
            log.warn("{}: the validator is not a JweTokenValidator; DPoP proof jti values are remembered in this"
                    + " process only", name);
        }
        return new InMemoryRevocationStore(clock);
    }

    /**
     * An authenticator for one adapter.
     *
     * @param validator validates the tokens; its audit trail ({@link AuditTrail#of(TokenValidator, AuditTrail)})
     *     also receives the rejections decided here
     * @param options the adapter settings
     * @param name names the adapter in log lines, e.g. {@code jwe filter 'api'}
     * @return the authenticator
     */
    public static HttpAuthenticator of(TokenValidator validator, AdapterOptions options, String name) {
        return of(validator, options, SenderConstraintOptions.defaults(), name);
    }

    /**
     * An authenticator for one adapter, with DPoP and certificate-bound token settings.
     *
     * @param validator validates the tokens; a {@link JweTokenValidator}'s replay store also keeps
     *     the DPoP proof {@code jti}s
     * @param options the adapter settings
     * @param senderOptions the sender-constraint settings ({@link SenderConstraintOptions#from})
     * @param name names the adapter in log lines
     * @return the authenticator
     */
    public static HttpAuthenticator of(TokenValidator validator, AdapterOptions options,
            SenderConstraintOptions senderOptions, String name) {
        return new HttpAuthenticator(validator, options, senderOptions, LOG, name, Clock.systemUTC());
    }

    static HttpAuthenticator of(TokenValidator validator, AdapterOptions options, Logger log, String name) {
        return new HttpAuthenticator(validator, options, SenderConstraintOptions.defaults(), log, name,
                Clock.systemUTC());
    }

    static HttpAuthenticator of(TokenValidator validator, AdapterOptions options, SenderConstraintOptions senderOptions,
            String name, Clock clock) {
        return new HttpAuthenticator(validator, options, senderOptions, LOG, name, clock);
    }

    /** The validator. */
    public TokenValidator validator() {
        return validator;
    }

    /** The adapter settings. */
    public AdapterOptions options() {
        return options;
    }

    /** The sender-constraint settings (DPoP, certificate-bound tokens). */
    public SenderConstraintOptions senderConstraints() {
        return senderOptions;
    }

    /**
     * Decides a request whose resource needs a token unless {@code jwe.anonymous=true}.
     *
     * @param request the request
     * @return what to do
     */
    public Authentication authenticate(RequestView request) {
        return authenticate(request, !options.anonymous(), false);
    }

    /**
     * Decides a request.
     *
     * @param request the request
     * @param tokenRequired whether a request without any token is refused (a token that is sent is
     *     validated either way)
     * @param singleUse whether the token is one-time here ({@link SingleUseTokenValidator})
     * @return what to do
     * @throws IllegalStateException when {@code singleUse} is asked of a validator without that capability
     */
    public Authentication authenticate(RequestView request, boolean tokenRequired, boolean singleUse) {
        return authenticate(request, tokenRequired ? REQUIRED : NOT_REQUIRED, singleUse);
    }

    /**
     * Decides a request, asking whether a token is required only when the request carries none:
     * for an adapter that must find out what the request would reach before it can tell (the
     * JAX-RS feature, which authenticates before the implementation matches the request, so that
     * no resource code runs for a refused one). Preflight, extraction, validation, answers, audit
     * and outage log are those of {@link #authenticate(RequestView, boolean, boolean)}.
     *
     * @param request the request
     * @param tokenRequired asked at most once, and only for a request without any token that is not
     *     an allowed preflight: whether to refuse it (401, audited) rather than let it pass
     * @param singleUse whether the token is one-time here ({@link SingleUseTokenValidator})
     * @return what to do
     * @throws IllegalStateException when {@code singleUse} is asked of a validator without that capability
     */
    public Authentication authenticate(RequestView request, BooleanSupplier tokenRequired, boolean singleUse) {
        Objects.requireNonNull(tokenRequired, "tokenRequired");
        if (options.allowPreflight() && isPreflight(request)) {
            return PASS;
        }
        SenderConstraintOptions.DpopMode dpop = senderOptions.dpop();
        BearerToken found = BearerToken.extract(request.headers("Authorization"), headerValues(request),
                cookieValues(request), dpop != SenderConstraintOptions.DpopMode.OFF);
        switch (found.outcome()) {
            case INVALID_REQUEST:
                return refuse(Reason.INVALID_REQUEST, request.info(), false);
            case NONE:
                return tokenRequired.getAsBoolean() ? refuse(Reason.MISSING_TOKEN, request.info(), false) : PASS;
            default:
                if (found.refusedFor(request.method(), options.cookieCsrfProtected())) {
                    return refuse(Reason.COOKIE_UNSAFE_METHOD, request.info(), false);
                }
                break;
        }
        boolean dpopScheme = found.source() == BearerToken.Source.DPOP;
        if (dpop == SenderConstraintOptions.DpopMode.REQUIRED && !dpopScheme) {
            return refuse(Reason.DPOP_REQUIRED, request.info(), false);
        }
        if (dpopScheme && request.headers("DPoP").size() != 1) {
            return refuse(Reason.DPOP_PROOF_MISSING, request.info(), true);
        }
        VerifiedToken token;
        Reason refused;
        try {
            token = validate(found.token(), request.info(), singleUse);
            refused = senderCheck.check(request, found.token(), dpopScheme, token);
        } catch (TokenRejectedException e) {
            // The validator has written the audit event.
            return new Authentication.Answer(answer(e.reason(), dpopScheme));
        } catch (ValidationUnavailableException e) {
            outage.failed(e);
            return new Authentication.Answer(unavailable);
        }
        outage.worked();
        if (refused != null) {
            audit.rejected(refused, token, request.info());
            return new Authentication.Answer(refused == Reason.DPOP_NONCE_REQUIRED
                    ? ErrorResponse.rejection(options.realm(), refused, List.of(), senderOptions, dpopScheme,
                            senderCheck.newNonce(), options.resourceMetadata())
                    : answer(refused, dpopScheme));
        }
        return new Authentication.Authenticated(token);
    }

    private ErrorResponse answer(Reason reason, boolean dpopScheme) {
        return (dpopScheme ? dpopAnswers : answers).get(reason);
    }

    /**
     * The answer for a verified token that lacks a role or scope the resource needs (403), after
     * recording the rejection in the audit trail.
     *
     * @param request the request
     * @param token the verified token
     * @param requiredScopes the scopes to name in the challenge, may be empty
     * @return the answer
     */
    public ErrorResponse forbidden(RequestView request, VerifiedToken token, Collection<String> requiredScopes) {
        Objects.requireNonNull(token, "token");
        audit.rejected(Reason.INSUFFICIENT_SCOPE, token, request.info());
        return requiredScopes.isEmpty() ? answers.get(Reason.INSUFFICIENT_SCOPE)
                : ErrorResponse.rejection(options.realm(), Reason.INSUFFICIENT_SCOPE, requiredScopes, senderOptions,
                        false, null, options.resourceMetadata());
    }

    private VerifiedToken validate(String token, RequestInfo info, boolean singleUse) throws TokenRejectedException {
        if (!singleUse) {
            return validator.validate(token, info);
        }
        if (validator instanceof SingleUseTokenValidator once) {
            return once.validateSingleUse(token, info);
        }
        throw new IllegalStateException("The validator " + validator.getClass().getName()
                + " does not support one-time tokens");
    }

    private Authentication refuse(Reason reason, RequestInfo info, boolean dpopScheme) {
        audit.rejected(reason, null, info);
        return new Authentication.Answer(answer(reason, dpopScheme));
    }

    /** A CORS preflight (Fetch standard, CORS-preflight request): OPTIONS with Origin and Access-Control-Request-Method. */
    static boolean isPreflight(RequestView request) {
        return "OPTIONS".equals(request.method()) && !request.headers("Origin").isEmpty()
                && !request.headers("Access-Control-Request-Method").isEmpty();
    }

    private List<String> headerValues(RequestView request) {
        return options.tokenHeader() == null ? List.of() : request.headers(options.tokenHeader());
    }

    private List<String> cookieValues(RequestView request) {
        if (options.tokenCookie() == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>(1);
        for (String header : request.headers("Cookie")) {
            values.addAll(CookieHeader.values(header, options.tokenCookie()));
        }
        return values;
    }
}
