/**
 * Spring Security and Spring Boot support for encrypted JWT access tokens: {@link
 * dev.jwe.spring.JweJwtDecoder} (a {@code JwtDecoder} backed by jwe-core's validator) and the
 * auto-configuration that wires it from {@code jwe.*} properties ({@link
 * dev.jwe.spring.JweAutoConfiguration}), with authorities, audit, 503 for our own failures and an
 * Actuator health contributor. Works on Spring Boot 4 (Spring Security 7) and Spring Boot 3.5
 * (Spring Security 6.5), Servlet stack.
 */
package dev.jwe.spring;
