package dev.jwe.core;

import dev.jwe.core.internal.Compact;
import dev.jwe.core.internal.TokenDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@link JweTokenValidator}: runs the stages in order, cheap checks first, with the
 * verified-token cache, the revocation check and the audit event around them, and alone makes the
 * {@link VerifiedToken}. Each stage returns an immutable result; what the audit event may say is
 * assembled from them ({@link AuditFacts}), and travels with a failure ({@link StageFailure}).
 * Immutable and thread-safe.
 *
 * <ol>
 *   <li>length cap: {@link TokenForm#screenLength}, before the token is even hashed; characters
 *       ({@link TokenForm#screenCharacters}) before anything but a cache hit;
 *       then the cache: a hit has its time claims re-checked, a remembered rejection is repeated;</li>
 *   <li>strict compact form: {@link TokenForm#parse};</li>
 *   <li>header policy: {@link JweHeader#read}, {@link HeaderPolicy};</li>
 *   <li>key selection: {@link KeySelection};</li>
 *   <li>decryption: {@link Decryption};</li>
 *   <li>nesting and the inner signature: {@link NestedJws}, by the keys of the token's issuer
 *       ({@link IssuerTrust});</li>
 *   <li>claims: {@link TokenClaims#read}, {@link ClaimsCheck}, {@link PrincipalExtraction};</li>
 *   <li>revocation and one-time use: {@link RevocationCheck}, also on cache hits;</li>
 *   <li>the audit event, from what the stages returned.</li>
 * </ol>
 */
final class ValidationPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(JweTokenValidator.class);

    private final int maxTokenLength;
    private final KeySource decryptionKeys;
    private final IssuerTrust trust;
    private final HeaderPolicy headerPolicy;
    private final Decryption decryption;
    private final NestedJws nestedJws;
    private final ClaimsCheck claimsCheck;
    private final boolean needsDigest;
    private final VerifiedTokenCache cache;
    private final RevocationCheck revocation;
    private final AuditTrail audit;

    ValidationPipeline(ValidationPolicy policy, ValidatorState state) {
        KeySelection keySelection = new KeySelection(policy.clock());
        this.maxTokenLength = policy.maxTokenLength();
        this.decryptionKeys = policy.decryptionKeys();
        this.trust = IssuerTrust.of(policy);
        this.headerPolicy = new HeaderPolicy(policy.keyManagement(), policy.contentEncryption());
        this.decryption = new Decryption(policy.decryptionKeys(), keySelection, policy.jca());
        this.nestedJws = new NestedJws(trust, policy.signature(), policy.signatureRequired(), keySelection,
                policy.jca());
        this.claimsCheck = new ClaimsCheck(policy);
        this.needsDigest = state.needsDigest();
        this.cache = state.cache();
        this.revocation = state.revocation();
        this.audit = state.audit();
    }

    /**
     * @param token the token text
     * @param request client address, method and path, for the audit event
     * @param singleUse whether this call requires one-time use
     * @return the verified token
     * @throws TokenRejectedException the client's failure (also for an unexpected exception on a
     *     hostile input: {@code MALFORMED})
     * @throws ValidationUnavailableException our failure (key source, revocation store)
     */
    VerifiedToken validate(String token, RequestInfo request, boolean singleUse) throws TokenRejectedException {
        Objects.requireNonNull(request, "request");
        long start = audit.isOff() ? 0 : System.nanoTime(); // the duration is read by the audit event only
        VerifiedToken verified = null;
        try {
            verified = decide(token);
            revocation.enforce(verified, singleUse);
            if (!audit.isOff()) {
                audit(AuditFacts.of(verified), null, token, request, start);
            }
            return verified;
        } catch (StageFailure f) {
            throw failed(f.failure(), f.facts(), token, request, start);
        } catch (TokenRejectedException | RuntimeException e) {
            throw failed(e, verified == null ? AuditFacts.NONE : AuditFacts.of(verified), token, request, start);
        }
    }

    /** Stage 1, then the cache, then the stages on a miss. */
    private VerifiedToken decide(String token) throws TokenRejectedException, StageFailure {
        TokenForm.screenLength(token, maxTokenLength);
        if (!needsDigest) {
            // The digest keys the cache and correlates audit events; with neither, nobody reads it.
            TokenForm.screenCharacters(token);
            return verify(token, null, false);
        }
        TokenDigest digest = TokenDigest.of(token);
        if (cache == null) {
            TokenForm.screenCharacters(token);
            return verify(token, digest.fingerprint(), false);
        }
        // A hit before the character check: the digest is over the text's UTF-8 bytes and every
        // cached token is printable ASCII, so only that very text can hit (SHA-256): other
        // characters give other bytes (a lone surrogate gives '?', which no token has); any other
        // text is screened below as before. One pass over the token less per cached request.
        TokenFacts entry = cache.accepted(digest, decryptionKeys, trust.anyIssuerKeys());
        if (entry != null) {
            VerifiedToken hit = new VerifiedToken(entry, digest);
            try {
                claimsCheck.recheckTimes(hit);
            } catch (TokenRejectedException e) {
                if (e.reason() == Reason.EXPIRED) {
                    cache.invalidate(digest);
                }
                // With the fingerprint stored at the miss: no need to format it again.
                throw new StageFailure(e, AuditFacts.of(hit));
            }
            return hit;
        }
        TokenForm.screenCharacters(token);
        String fingerprint = digest.fingerprint();
        VerifiedTokenCache.Rejection known = cache.rejected(digest);
        if (known != null) {
            throw new StageFailure(new TokenRejectedException(known.reason()), AuditFacts.of(known, fingerprint));
        }
        try {
            VerifiedToken verified = verify(token, fingerprint, true);
            cache.putAccepted(digest, verified.facts());
            return verified;
        } catch (StageFailure f) {
            if (f.failure() instanceof TokenRejectedException e && VerifiedTokenCache.remembers(e.reason())) {
                cache.putRejected(digest, f.facts().rejection(e.reason()));
            }
            throw f;
        }
    }

    /**
     * Stages 2 to 7 on a cache miss: the token, whose facts hold the keys that decrypted and
     * verified it, and, when {@code forCache}, the claims' JSON text.
     */
    private VerifiedToken verify(String token, String fingerprint, boolean forCache) throws StageFailure {
        JweHeader header = null;
        TokenClaims claims = null;
        try {
            Compact jwe = TokenForm.parse(token);
            header = JweHeader.read(jwe);
            HeaderPolicy.Result allowed = headerPolicy.check(header, jwe);
            Decryption.Result plaintext = decryption.decrypt(jwe, allowed);
            NestedJws.Result inner = nestedJws.open(plaintext.payload(), allowed);
            claims = inner.claims() != null ? inner.claims() : TokenClaims.read(inner.claimsJson());
            IssuerTrust.Issuer issuer = inner.issuer() != null ? inner.issuer() : trust.select(claims.issuer());
            ClaimsCheck.Result checked = claimsCheck.check(claims, inner.typ(), header, issuer);
            PrincipalExtraction.Result principal = issuer.principals().extract(claims);
            TokenMetadata metadata = new TokenMetadata(header.kid(), header.alg(), header.enc(), inner.kid(),
                    inner.alg(), fingerprint, false);
            TokenFacts facts = new TokenFacts(principal.name(), claims.subject(), claims.issuer(), claims.jwtId(),
                    List.copyOf(checked.audiences()), Collections.unmodifiableSet(principal.scopes()),
                    Collections.unmodifiableSet(principal.roles()), checked.expiresAt().getEpochSecond(),
                    TokenFacts.seconds(checked.issuedAt()), TokenFacts.seconds(checked.notBefore()),
                    new TokenFacts.Protection(header.kid(), header.alg(), header.enc(), inner.kid(), inner.alg(),
                            plaintext.key(), inner.key()),
                    TokenFacts.Confirmation.read(claims.all().get("cnf")),
                    forCache ? inner.claimsJson().getBytes(StandardCharsets.UTF_8) : null);
            return new VerifiedToken(facts, claims.all(), metadata); // deeply unmodifiable as read
        } catch (TokenRejectedException | RuntimeException e) {
            throw new StageFailure(e, AuditFacts.of(header, claims, fingerprint));
        }
    }

    /**
     * Audits a failure and says what to throw: the rejection itself; for our own failure, the
     * failure is rethrown here (503); for anything else, {@code MALFORMED}.
     */
    private TokenRejectedException failed(Exception failure, AuditFacts facts, String token, RequestInfo request,
            long start) {
        if (failure instanceof TokenRejectedException rejected) {
            audit(facts, rejected.reason(), token, request, start);
            return rejected;
        }
        if (failure instanceof ValidationUnavailableException unavailable) {
            audit(facts, Reason.UNAVAILABLE, token, request, start);
            throw unavailable;
        }
        // A bug on a hostile input must still end as a client error, never as a 500 with a
        // library message: log the type only (the message may quote the token).
        LOG.debug("Unexpected {} while validating a token; rejected as malformed", failure.getClass().getName());
        audit(facts, Reason.MALFORMED, token, request, start);
        return new TokenRejectedException(Reason.MALFORMED);
    }

    private void audit(AuditFacts facts, Reason reason, String token, RequestInfo request, long start) {
        if (audit.isOff()) {
            return;
        }
        audit.deliver(facts.event(audit.clock().instant(), reason, token, request,
                Duration.ofNanos(System.nanoTime() - start)));
    }
}
