package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.JweTokenValidator;
import dev.jwe.core.KeyEntry;
import dev.jwe.core.KeySource;
import dev.jwe.core.TestKeys;
import dev.jwe.core.TokenIssuer;
import jakarta.servlet.FilterRegistration;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate-bound tokens (RFC 8705 §3) through the filter on Jetty with client-certificate TLS
 * on loopback. The certificates are made for the test by the JDK's {@code keytool}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JettyMtlsIT {
    private static final KeyEntry ENC = TestKeys.oct("enc", 32);
    private static final KeyEntry SIG = TestKeys.oct("sig", 32);
    private static final char[] PASSWORD = "changeit".toCharArray();

    private Path dir;
    private Server server;
    private URI base;
    private KeyStore serverStore;
    private KeyStore client;
    private KeyStore otherClient;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        serverStore = keyPair("server", "CN=localhost", "san=ip:127.0.0.1");
        client = keyPair("client", "CN=client", null);
        otherClient = keyPair("other", "CN=other", null);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("client", client.getCertificate("client"));
        trusted.setCertificateEntry("other", otherClient.getCertificate("other"));

        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(serverStore);
        tls.setKeyStorePassword("changeit");
        tls.setTrustStore(trusted);
        tls.setWantClientAuth(true);
        server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        config.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(config));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        JweTokenValidator validator = JweTokenValidator.builder().decryptionKeys(KeySource.of(ENC))
                .verificationKeys(KeySource.of(SIG)).issuer(TestKeys.ISSUER).audience(TestKeys.AUDIENCE).build();
        ServletContextHandler context = new ServletContextHandler("/app");
        context.addServletContainerInitializer((classes, ctx) -> {
            ctx.addServlet("echo", new EchoServlet()).addMapping("/api/*", "/proxied/*");
            ctx.addFilter("jwe", new JweAuthenticationFilter(validator)).addMappingForUrlPatterns(null, false, "/api/*");
            FilterRegistration.Dynamic proxied = ctx.addFilter("jwe-proxied", new JweAuthenticationFilter(validator));
            proxied.setInitParameter("jwe.mtls.certificate-header", "Client-Cert");
            proxied.addMappingForUrlPatterns(null, false, "/proxied/*");
        });
        server.setHandler(context);
        server.start();
        base = URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/app");
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private KeyStore keyPair(String alias, String dname, String ext) throws Exception {
        Path file = dir.resolve(alias + ".p12");
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname,
                "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", "changeit"));
        if (ext != null) {
            cmd.addAll(List.of("-ext", ext));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private HttpClient clientWith(KeyStore identity) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverStore.getCertificate("server"));
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (identity != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, PASSWORD);
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
    }

    private static String thumbprint(KeyStore store, String alias) throws Exception {
        X509Certificate cert = (X509Certificate) store.getCertificate(alias);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    private static String boundToken(String x5t) {
        Map<String, Object> claims = new LinkedHashMap<>(TokenIssuer.claims(Clock.systemUTC()).issuer(TestKeys.ISSUER)
                .audience(TestKeys.AUDIENCE).subject("alice").expiresIn(Duration.ofMinutes(10)).build());
        claims.put("cnf", Map.of("x5t#S256", x5t));
        return TokenIssuer.builder().encryptionKey(ENC).keyManagementAlgorithm("A256KW").signingKey(SIG)
                .signatureAlgorithm("HS256").build().issue(claims);
    }

    private HttpResponse<String> get(HttpClient http, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertCertificateMismatch(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer realm=\"api\", error=\"invalid_token\"");
        assertThat(r.body()).contains("\"reason\":\"CERTIFICATE_MISMATCH\"");
    }

    @Test
    void requestWhenBoundTokenWithItsCertificateThenAuthenticated() throws Exception {
        HttpResponse<String> r = get(clientWith(client), "/api/orders", "Authorization",
                "Bearer " + boundToken(thumbprint(client, "client")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("principal=alice");
    }

    @Test
    void requestWhenBoundTokenWithAnotherCertificateThenCertificateMismatch() throws Exception {
        assertCertificateMismatch(get(clientWith(otherClient), "/api/orders", "Authorization",
                "Bearer " + boundToken(thumbprint(client, "client"))));
    }

    @Test
    void requestWhenBoundTokenWithoutCertificateThenCertificateMismatch() throws Exception {
        assertCertificateMismatch(get(clientWith(null), "/api/orders", "Authorization",
                "Bearer " + boundToken(thumbprint(client, "client"))));
    }

    @Test
    void requestWhenCertificateHeaderConfiguredThenItsCertificateCountsNotTheConnection() throws Exception {
        String token = boundToken(thumbprint(client, "client"));
        String header = ":" + Base64.getEncoder().encodeToString(client.getCertificate("client").getEncoded()) + ":";
        HttpResponse<String> ok = get(clientWith(null), "/proxied/orders", "Authorization", "Bearer " + token,
                "Client-Cert", header);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        // the connection's certificate is not consulted once the header is configured
        assertCertificateMismatch(get(clientWith(client), "/proxied/orders", "Authorization", "Bearer " + token));
    }
}
