package dev.jwe.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.KeyEntry;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import dev.jwe.samples.Http;
import dev.jwe.samples.KeyFiles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo's {@code GET /metrics} scraped over HTTP after a mix of requests through both adapters,
 * as Prometheus would: counts by outcome, reason and cache use, the validation time histogram,
 * the caches, the key locations and the store; no token content even after hostile tokens with
 * odd {@code kid}, {@code alg}, {@code iss} and {@code sub} values; and every query of the Grafana
 * dashboard {@code docs/dashboards/jwe.json} finds the metrics and labels it asks for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoMetricsIT {
    private static final String ISSUER = "https://login.example.com";
    private static final String AUDIENCE = "orders-api";
    private static final Path DASHBOARD = Path.of("../../docs/dashboards/jwe.json");
    /** Every hostile value carries this mark; a scrape must never contain it. */
    private static final String MARK = "zq9";
    private static final String HOSTILE_KID = MARK + "-kid\"} 9\n# TYPE evil counter\n";
    private static final String HOSTILE_ALG = MARK + "-alg\\\"}";
    private static final String HOSTILE_ISS = "https://" + MARK + "-iss.example/\"}{";
    private static final String HOSTILE_SUB = MARK + "-sub<script>alert(1)</script>";

    private Path dir;
    private KeyFiles keys;
    private DemoProcess demo;
    private Http http;
    private final List<String> sent = new ArrayList<>();
    private String body;
    private Scrape scrape;

    @BeforeAll
    void startAndSendAMixOfRequests() throws Exception {
        dir = Files.createTempDirectory("jwe-demo-metrics-it");
        keys = KeyFiles.create(dir);
        demo = DemoProcess.start(Map.of("JWE_DECRYPTION_KEYS", keys.decryptionKeyFile().toString(),
                "JWE_VERIFICATION_KEYS", keys.verificationKeyFile().toString(),
                "JWE_ISSUER", ISSUER, "JWE_AUDIENCE", AUDIENCE));
        http = new Http(demo.base());

        String alice = mint(ISSUER, "alice");
        expect(200, "/api/whoami", alice);
        expect(200, "/api/whoami", alice);
        expect(200, "/servlet/whoami", alice);
        expect(403, "/api/admin", alice);
        expect(401, "/api/whoami", null);
        String tampered = tampered(alice);
        expect(401, "/api/whoami", tampered);
        expect(401, "/servlet/whoami", tampered);
        expect(401, "/api/whoami", mint("https://other.example", "mallory"));
        expect(401, "/api/whoami", "not-a-token");
        // Hostile values: a kid that is not ours, a forged header, an odd issuer, an odd subject.
        KeyEntry theirs = TestKeys.rsa(HOSTILE_KID, 2048);
        expect(401, "/api/whoami", TokenIssuer.builder().encryptionKey(TestKeys.publicOnly(theirs))
                .signingKey(TestKeys.ec(HOSTILE_KID, "P-256")).build().issue(TokenIssuer.claims(Clock.systemUTC())
                        .issuer(HOSTILE_ISS).audience(AUDIENCE).subject(HOSTILE_SUB).expiresIn(Duration.ofMinutes(5))
                        .build()));
        expect(401, "/api/whoami", forgedHeader());
        expect(401, "/api/whoami", mint(HOSTILE_ISS, HOSTILE_SUB));
        expect(200, "/servlet/whoami", mint(ISSUER, HOSTILE_SUB));

        HttpResponse<String> r = http.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        body = r.body();
        scrape = Scrape.parse(body);
    }

    @AfterAll
    void stop() throws Exception {
        if (demo != null) {
            demo.close();
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private String mint(String iss, String sub) {
        String token = keys.mint(Clock.systemUTC(), iss, AUDIENCE, sub, List.of("user"), List.of("orders:read"));
        sent.add(token);
        return token;
    }

    private void expect(int status, String path, String token) throws Exception {
        HttpResponse<String> r = token == null ? http.get(path) : http.get(path, "Authorization", "Bearer " + token);
        assertThat(r.statusCode()).as(path).isEqualTo(status);
        if (token != null) {
            sent.add(token);
        }
    }

    /** Five strict base64url segments with a header whose alg and kid are hostile. */
    private static String forgedHeader() {
        String header = "{\"alg\":\"" + HOSTILE_ALG + "\",\"enc\":\"A256GCM\",\"kid\":\"" + MARK + "-forged\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + ".AAAA." + b64.encodeToString(new byte[12])
                + ".AAAA." + b64.encodeToString(new byte[16]);
    }

    private static String tampered(String token) {
        String[] s = token.split("\\.");
        int i = s[3].length() / 2;
        s[3] = s[3].substring(0, i) + (s[3].charAt(i) == 'A' ? 'B' : 'A') + s[3].substring(i + 1);
        return String.join(".", s);
    }

    private double count(String outcome, String reason, String cached) {
        return scrape.value("jwe_validations_total", "outcome", outcome, "reason", reason, "cached", cached)
                .orElse(0.0);
    }

    @Test
    void startWhenMetricsOnThenTheStartupReportListsTheEndpoint() {
        assertThat(demo.console()).contains("GET  /metrics");
    }

    @Test
    void scrapeWhenMixOfRequestsThenValidationsCountedByOutcomeReasonAndCache() {
        assertThat(count("accepted", "none", "false")).isEqualTo(2); // alice, then the odd subject
        assertThat(count("accepted", "none", "true")).isEqualTo(3); // again, the servlet, before the 403
        assertThat(count("rejected", "INSUFFICIENT_SCOPE", "true")).isEqualTo(1);
        assertThat(count("rejected", "MISSING_TOKEN", "false")).isEqualTo(1);
        assertThat(count("rejected", "DECRYPTION_FAILED", "false")).isEqualTo(1);
        assertThat(count("rejected", "DECRYPTION_FAILED", "true")).isEqualTo(1);
        assertThat(count("rejected", "INVALID_ISSUER", "false")).isEqualTo(2);
        assertThat(count("rejected", "MALFORMED", "false")).isEqualTo(1);
        assertThat(count("rejected", "UNKNOWN_KEY", "false")).isEqualTo(1);
        assertThat(count("rejected", "UNSUPPORTED_ALGORITHM", "false")).isEqualTo(1);
        assertThat(scrape.find("jwe_validations_total").stream().mapToDouble(Scrape.Sample::value).sum())
                .isEqualTo(14);
        assertThat(scrape.find("jwe_validations_total", "outcome", "unavailable")).isEmpty();
    }

    @Test
    void scrapeWhenHistogramOnThenBucketsPerOutcomeAndNotForAdapterRejections() {
        List<Scrape.Sample> buckets = scrape.find("jwe_validation_seconds_bucket", "outcome", "accepted", "cached",
                "true");
        assertThat(buckets).extracting(s -> s.labels().get("le")).contains("5.0E-6", "0.001", "1.0", "+Inf");
        assertThat(scrape.value("jwe_validation_seconds_bucket", "outcome", "accepted", "cached", "true", "le",
                "+Inf")).hasValue(3.0);
        assertThat(scrape.value("jwe_validation_seconds_count", "outcome", "accepted", "cached", "false"))
                .hasValue(2.0);
        assertThat(scrape.find("jwe_validation_seconds_count", "reason", "MISSING_TOKEN")).isEmpty();
        assertThat(scrape.find("jwe_validation_seconds_count", "reason", "INSUFFICIENT_SCOPE")).isEmpty();
    }

    @Test
    void scrapeWhenCachesUsedThenHitsMissesSizesAndEvictions() {
        assertThat(scrape.value("jwe_cache_gets_total", "cache", "verified", "result", "hit")).hasValue(3.0);
        assertThat(scrape.value("jwe_cache_gets_total", "cache", "rejected", "result", "hit")).hasValue(1.0);
        assertThat(scrape.value("jwe_cache_size", "cache", "verified")).hasValue(2.0);
        assertThat(scrape.value("jwe_cache_evictions_total", "cache", "verified")).hasValue(0.0);
        assertThat(scrape.find("jwe_cache_gets_total", "result", "miss")).hasSize(2);
    }

    @Test
    void scrapeWhenKeyFilesLoadedThenEachLocationFreshUsableAndNamedBySettingNotPath() {
        assertThat(scrape.value("jwe_keys_usable", "setting", "jwe.decryption.keys", "index", "0")).hasValue(1.0);
        assertThat(scrape.value("jwe_keys_usable", "setting", "jwe.verification.keys", "index", "0")).hasValue(1.0);
        assertThat(scrape.find("jwe_keys_age_seconds")).hasSize(2)
                .allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 600.0));
        assertThat(scrape.find("jwe_keys_failing")).hasSize(2).allSatisfy(s -> assertThat(s.value()).isZero());
        assertThat(body).doesNotContain(dir.toString(), "enc.pem", "sig.pub.pem", keys.encryptionKeyId());
    }

    @Test
    void scrapeWhenStoreWorkedThenNoFailOpenPassesNorStoreErrors() {
        assertThat(scrape.value("jwe_store_errors_total", "mode", "fail-open")).hasValue(0.0);
        assertThat(scrape.value("jwe_store_errors_total", "mode", "fail-closed")).hasValue(0.0);
    }

    @Test
    void scrapeWhenHostileTokensSentThenNoTokenContentInIt() {
        assertThat(body).doesNotContain(MARK, "alice", "mallory", ISSUER, "other.example");
        for (String token : sent) {
            for (String segment : token.split("\\.")) {
                if (segment.length() >= 12) {
                    assertThat(body).doesNotContain(segment);
                }
            }
        }
        Set<String> labelNames = new TreeSet<>();
        scrape.samples().stream().filter(s -> s.name().startsWith("jwe_")).forEach(s -> labelNames.addAll(s.labels().keySet()));
        assertThat(labelNames).containsExactlyInAnyOrder("outcome", "reason", "cached", "le", "cache", "result",
                "setting", "index", "mode");
    }

    /** A series selector in a query: {@code jwe_metric{label="value", other=~"re"}}. */
    private static final Pattern SELECTOR = Pattern.compile("(jwe_[a-z_]+)(?:\\{([^}]*)\\})?");
    private static final Pattern EQUALS = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
    private static final Pattern BY = Pattern.compile("by \\(([^)]*)\\)");

    @Test
    void dashboardWhenEveryQueryCheckedAgainstTheScrapeThenItsMetricsLabelsAndValuesExist() throws Exception {
        JsonObject dashboard;
        try (Reader in = Files.newBufferedReader(DASHBOARD); JsonReader json = Json.createReader(in)) {
            dashboard = json.readObject();
        }
        List<JsonObject> panels = dashboard.getJsonArray("panels").getValuesAs(JsonObject.class);
        assertThat(panels).extracting(p -> p.getString("title")).contains("Rejections by reason",
                "Validation time p50 / p99 by cached", "Cache hit ratio", "Key freshness", "Revocation store failures");
        int queries = 0;
        for (JsonObject panel : panels) {
            List<JsonObject> targets = panel.getJsonArray("targets").getValuesAs(JsonObject.class);
            assertThat(targets).as(panel.getString("title")).isNotEmpty();
            for (JsonObject target : targets) {
                checkQuery(panel.getString("title"), target.getString("expr"));
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(panels.size());
        String templated = dashboard.getJsonObject("templating").getJsonArray("list").getValuesAs(JsonObject.class)
                .stream().filter(v -> v.containsKey("query") && v.get("query") instanceof JsonString)
                .map(v -> v.getString("query")).reduce("", String::concat);
        assertThat(SELECTOR.matcher(templated).results().map(m -> m.group(1))).allMatch(scrape.names()::contains);
    }

    private void checkQuery(String panel, String expr) {
        Matcher m = SELECTOR.matcher(expr);
        Set<String> metrics = new TreeSet<>();
        while (m.find()) {
            String name = m.group(1);
            metrics.add(name);
            List<String> labels = new ArrayList<>();
            if (m.group(2) != null) {
                Matcher eq = EQUALS.matcher(m.group(2));
                while (eq.find()) {
                    labels.add(eq.group(1));
                    labels.add(eq.group(2));
                }
            }
            assertThat(scrape.find(name, labels.toArray(String[]::new)))
                    .as("%s: %s with %s in the demo's scrape", panel, name, labels).isNotEmpty();
        }
        assertThat(metrics).as(panel + ": " + expr).isNotEmpty();
        Matcher by = BY.matcher(expr);
        while (by.find()) {
            for (String label : by.group(1).split(",\\s*")) {
                assertThat(metrics).as("%s: a metric of '%s' has label %s", panel, expr, label).anyMatch(name ->
                        scrape.find(name).stream().anyMatch(s -> s.labels().containsKey(label)));
            }
        }
    }
}
