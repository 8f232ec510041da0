package dev.jwe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.AuditListener;
import dev.jwe.core.AuditTrail;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.Reason;
import dev.jwe.core.RequestInfo;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TestTokens;
import dev.jwe.core.TokenIssuer;
import dev.jwe.core.TokenValidator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a Prometheus server scrapes from a registry with a bound validator: the metric names, and
 * nothing of the tokens, not even after hostile tokens whose {@code kid}, {@code alg},
 * {@code iss}, {@code sub} and {@code jti} try to look like exposition text.
 */
class PrometheusScrapeTest {
    /** Every hostile value carries this mark. */
    private static final String MARK = "qx7";
    private static final String HOSTILE_KID = MARK + "-kid\"} 1\n# TYPE pwned counter\npwned_total 1\n";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JweMetrics metrics = JweMetrics.builder(registry).histogram().build();
    private final Fixture fixture = new Fixture();
    private final TokenValidator validator = metrics.bind(fixture.validator()
            .auditListener(AuditListener.all(AuditListener.slf4j(), metrics.auditListener())).build());

    private static Set<String> names(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    @Test
    void scrapeWhenValidatorBoundAndUsedThenTheseMetricNames() throws Exception {
        String token = Fixture.token();
        validator.validate(token);
        validator.validate(token);
        TestTokens.rejection(validator, "not.a.token");
        AuditTrail.of(validator, AuditTrail.NONE).rejected(Reason.MISSING_TOKEN, null, RequestInfo.NONE);

        String scrape = registry.scrape();

        assertThat(names(scrape)).containsExactly(
                "jwe_cache_evictions_total", "jwe_cache_gets_total", "jwe_cache_size",
                "jwe_keys_age_seconds", "jwe_keys_failing", "jwe_keys_usable",
                "jwe_store_errors_total",
                "jwe_validation_seconds_bucket", "jwe_validation_seconds_count", "jwe_validation_seconds_max",
                "jwe_validation_seconds_sum", "jwe_validations_total");
        assertThat(scrape).contains(
                "jwe_validations_total{cached=\"true\",outcome=\"accepted\",reason=\"none\"} 1.0",
                "jwe_validations_total{cached=\"false\",outcome=\"rejected\",reason=\"MISSING_TOKEN\"} 1.0",
                "jwe_cache_gets_total{cache=\"verified\",result=\"hit\"} 1.0",
                "jwe_keys_usable{index=\"0\",setting=\"jwe.decryption.keys\"} 1.0",
                "jwe_store_errors_total{mode=\"fail-open\"} 0.0",
                "# TYPE jwe_validation_seconds histogram");
        assertThat(scrape).contains("jwe_validation_seconds_bucket{cached=\"true\",outcome=\"accepted\",reason=\"none\",le=");
    }

    @Test
    void scrapeWhenHostileTokensThenNoTokenContent() throws Exception {
        KeyEntry theirs = TestKeys.ec(HOSTILE_KID, "P-256");
        List<String> tokens = List.of(
                // an unknown kid
                Fixture.token(TestKeys.publicOnly(theirs), Fixture.SIG, Fixture.claims().build()),
                // an odd issuer, subject and jti, signed and encrypted for us
                Fixture.token(Fixture.claims().issuer("https://" + MARK + "-iss/\"}").subject(MARK + "-sub\n")
                        .claim("jti", MARK + "-jti")),
                // accepted, with an odd subject and jti
                Fixture.token(Fixture.claims().subject(MARK + "-sub{le=\"1\"}").claim("jti", MARK + "-jti2")),
                // a forged header with an odd alg
                Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"" + MARK + "-alg\",\"enc\":\"A256GCM\"}")
                        .getBytes(StandardCharsets.UTF_8)) + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA");
        for (String token : tokens) {
            try {
                validator.validate(token);
            } catch (Exception e) {
                // rejected, as most of them should be
            }
        }

        String scrape = registry.scrape();

        assertThat(scrape).doesNotContain(MARK, "pwned", TestKeys.ISSUER, "alice", "enc-1", "sig-1");
        for (String token : tokens) {
            for (String segment : token.split("\\.")) {
                if (segment.length() >= 12) {
                    assertThat(scrape).doesNotContain(segment);
                }
            }
        }
        assertThat(scrape).contains("reason=\"UNKNOWN_KEY\"", "reason=\"INVALID_ISSUER\"",
                "reason=\"UNSUPPORTED_ALGORITHM\"", "outcome=\"accepted\"");
    }
}
