/**
 * Micrometer metrics and observations for a jwe validator: {@link dev.jwe.micrometer.JweMetrics}
 * counts and times validations (by outcome, rejection reason and cache use), reports the caches,
 * the key locations and the revocation store's failures, and wraps each validation in an
 * {@link io.micrometer.observation.Observation}. Uses jwe-core's public API only.
 */
package dev.jwe.micrometer;
