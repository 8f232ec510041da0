package dev.jwe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The load-test server over real HTTP on loopback: what http-load.sh drives answers as it should. */
class HttpLoadServerIT {
    private static HttpLoadServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        server = HttpLoadServer.start(0);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void getWhenPlainPathThenHelloAnonymousWithoutToken() throws Exception {
        HttpResponse<String> r = get("/plain/hello", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("hello anonymous\n");
    }

    @Test
    void getWhenFilteredPathsWithTokenThenHelloPrincipal() throws Exception {
        for (String path : List.of("/api/hello", "/audited/hello", "/uncached/hello")) {
            HttpResponse<String> r = get(path, server.token());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isEqualTo("hello alice\n");
        }
    }

    @Test
    void getWhenDistinctTokensThenEachAccepted() throws Exception {
        List<String> tokens = server.distinctTokens(3);
        assertThat(tokens).doesNotHaveDuplicates().doesNotContain(server.token());
        for (String token : tokens) {
            assertThat(get("/uncached/hello", token).body()).isEqualTo("hello alice\n");
        }
    }

    @Test
    void getWhenAuditedPathThenOneJsonLineReachesTheFileThroughTheAsyncAppender() throws Exception {
        String token = server.distinctTokens(1).get(0);
        assertThat(get("/audited/hello", token).statusCode()).isEqualTo(200);
        Path file = Path.of(System.getProperty("benchmarks.audit.file"));
        String fingerprint = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), 0, 8);
        List<String> lines = List.of();
        for (int i = 0; i < 100 && lines.isEmpty(); i++) { // the appender's worker writes it a moment later
            Thread.sleep(50);
            lines = Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> l.contains(fingerprint)).toList()
                    : List.of();
        }
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("{\"time\":").contains("\"outcome\":\"accepted\"", "\"sub\":\"alice\"",
                "\"path\":\"/audited/hello\"").doesNotContain(token.substring(0, 40));
    }

    @Test
    void getWhenFilteredPathWithoutTokenThen401WithBearerChallenge() throws Exception {
        HttpResponse<String> r = get("/api/hello", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"api\"");
        assertThat(r.body()).doesNotContain("hello");
    }

    @Test
    void getWhenTamperedTokenThen401InvalidToken() throws Exception {
        HttpResponse<String> r = get("/api/hello", ValidationBenchmark.tamper(server.token()));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_token\"");
    }
}
