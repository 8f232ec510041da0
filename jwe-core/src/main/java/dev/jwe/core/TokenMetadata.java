package dev.jwe.core;

/**
 * How a verified token was protected. Immutable; contains no secret.
 *
 * @param keyId the JWE {@code kid}, or {@code null}
 * @param keyManagementAlgorithm the JWE {@code alg}
 * @param contentEncryptionAlgorithm the JWE {@code enc}
 * @param signingKeyId the inner JWS {@code kid}, or {@code null}
 * @param signatureAlgorithm the inner JWS {@code alg}, or {@code null} for an unsigned payload
 * @param fingerprint the first 16 hex digits of SHA-256 over the token, for correlating logs; {@code null}
 *     when the validator has neither a cache nor an audit listener ({@link AuditListener#NOOP}), the
 *     only readers of the digest
 * @param cached whether this result came from the verified-token cache
 */
public record TokenMetadata(String keyId, String keyManagementAlgorithm, String contentEncryptionAlgorithm,
        String signingKeyId, String signatureAlgorithm, String fingerprint, boolean cached) {
}
