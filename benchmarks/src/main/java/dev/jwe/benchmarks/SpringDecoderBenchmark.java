package dev.jwe.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.jwe.core.settings.CoreSettings;
import dev.jwe.spring.JweGrantedAuthoritiesConverter;
import dev.jwe.spring.JweJwtDecoder;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * What a request costs in Spring Security's resource server, from the bearer token to the
 * {@code Authentication} (Spring's {@link JwtAuthenticationProvider}: decoder, then the
 * authorities converter), with the starter's {@link JweJwtDecoder} on the encrypted token against
 * Spring's own {@link NimbusJwtDecoder} on a signed-only JWT of the same claims and signature
 * algorithm (issue 15). Both check signature, {@code exp}, issuer and audience, and map roles and
 * scopes to authorities the same way. Every method of one run shares the JVM and machine state, so
 * only ratios within one run are meaningful:
 * <ul>
 *   <li>{@code jweUncached / nimbusSignedOnly}: the first sight of a token, what encryption adds
 *       (one RSA-OAEP decryption or ECDH key agreement on top of the signature);</li>
 *   <li>{@code jweCached / nimbusSignedOnly}: every later request with the same token, which our
 *       verified-token cache answers while Nimbus verifies the signature again.</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SpringDecoderBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class SpringDecoderBenchmark {
    /** The suites with an inner signature (Spring's decoder has nothing to compare with for {@code dir}). */
    @Param({"RSA-OAEP-256+A256GCM+RS256", "ECDH-ES+A256KW+A256GCM+ES256"})
    public String suite;

    private String jweToken;
    private String jwsToken;
    private JwtAuthenticationProvider jweUncached;
    private JwtAuthenticationProvider jweCached;
    private JwtAuthenticationProvider nimbus;

    /**
     * Keys, tokens and providers; fails unless every provider authenticates {@code alice} with the
     * same authorities and refuses a tampered token.
     *
     * @throws Exception when a path misbehaves
     */
    @Setup
    public void setUp() throws Exception {
        Fixture f = new Fixture(suite);
        jweToken = f.token;
        jwsToken = signedOnly(f);
        JwtAuthenticationConverter converter = converter();
        jweUncached = provider(new JweJwtDecoder(f.jwe(0)), converter);
        jweCached = provider(new JweJwtDecoder(f.jwe(10_000)), converter);
        nimbus = provider(nimbusDecoder(f), converter);

        List<String> expected = authorities(jweUncached.authenticate(new BearerTokenAuthenticationToken(jweToken)));
        if (!expected.containsAll(List.of("ROLE_orders-admin", "SCOPE_orders:read"))
                || !authorities(jweCachedAuthentication()).equals(expected)
                || !authorities(nimbusSignedOnly()).equals(expected)
                || !nimbusSignedOnly().getName().equals("alice") || !jweUncached().getName().equals("alice")) {
            throw new IllegalStateException("the providers do not agree on alice's authorities: " + expected + " / "
                    + authorities(jweCachedAuthentication()) + " / " + authorities(nimbusSignedOnly()));
        }
        for (var p : List.of(jweUncached, jweCached, nimbus)) {
            String token = p == nimbus ? jwsToken : jweToken;
            try {
                p.authenticate(new BearerTokenAuthenticationToken(ValidationBenchmark.tamper(token)));
            } catch (RuntimeException expectedRefusal) {
                continue;
            }
            throw new IllegalStateException("a provider accepted a tampered token");
        }
    }

    private Authentication jweCachedAuthentication() {
        return jweCached.authenticate(new BearerTokenAuthenticationToken(jweToken));
    }

    /** @return alice's authentication, the encrypted token decrypted and verified every time (cache off) */
    @Benchmark
    public Authentication jweUncached() {
        return jweUncached.authenticate(new BearerTokenAuthenticationToken(jweToken));
    }

    /** @return alice's authentication, the encrypted token answered by the verified-token cache */
    @Benchmark
    public Authentication jweCached() {
        return jweCachedAuthentication();
    }

    /** @return alice's authentication from Spring's own decoder on the signed-only JWT */
    @Benchmark
    public Authentication nimbusSignedOnly() {
        return nimbus.authenticate(new BearerTokenAuthenticationToken(jwsToken));
    }

    private static List<String> authorities(Authentication a) {
        return a.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
    }

    /** The starter's converter: roles and scopes of the default claims (groups, scope). */
    private static JwtAuthenticationConverter converter() {
        JwtAuthenticationConverter c = new JwtAuthenticationConverter();
        c.setJwtGrantedAuthoritiesConverter(new JweGrantedAuthoritiesConverter(
                CoreSettings.ROLES_CLAIM.defaultValue(), CoreSettings.SCOPE_CLAIM.defaultValue()));
        c.setPrincipalClaimName(CoreSettings.PRINCIPAL_CLAIM.defaultValue());
        return c;
    }

    private static JwtAuthenticationProvider provider(JwtDecoder decoder, JwtAuthenticationConverter converter) {
        JwtAuthenticationProvider p = new JwtAuthenticationProvider(decoder);
        p.setJwtAuthenticationConverter(converter);
        return p;
    }

    /** The same claims as the suite's token, signed with its signing key and not encrypted. */
    private static String signedOnly(Fixture f) throws Exception {
        JWTClaimsSet claims = JWTClaimsSet.parse(f.claimsJson);
        JWSAlgorithm alg = JWSAlgorithm.parse(f.sigAlg);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID("sig-1").build(), claims);
        jwt.sign(alg == JWSAlgorithm.RS256 ? new RSASSASigner(f.signingKey)
                : new ECDSASigner((ECPrivateKey) f.signingKey));
        return jwt.serialize();
    }

    /**
     * Spring's decoder as an application configures it for one issuer's key: the public key, the
     * signature algorithm, and Spring's default validators plus issuer and audience.
     */
    private static NimbusJwtDecoder nimbusDecoder(Fixture f) {
        NimbusJwtDecoder decoder;
        if (f.verificationKey instanceof RSAPublicKey rsa) {
            decoder = NimbusJwtDecoder.withPublicKey(rsa)
                    .signatureAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256).build();
        } else {
            // Spring has no withPublicKey for EC keys: the processor an application would give it.
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(
                    new JWKSet(new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256,
                            (ECPublicKey) f.verificationKey).keyID("sig-1").build()))));
            processor.setJWTClaimsSetVerifier((claims, context) -> { }); // Spring's validators below check them
            decoder = new NimbusJwtDecoder(processor);
        }
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(Fixture.AUDIENCE));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(Fixture.ISSUER), audience));
        return decoder;
    }
}
