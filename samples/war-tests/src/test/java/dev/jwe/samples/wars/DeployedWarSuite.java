package dev.jwe.samples.wars;

import static org.assertj.core.api.Assertions.fail;

import dev.jwe.samples.Http;
import dev.jwe.samples.KeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sample {@code .war}, as Maven built it, deployed once per test class into a container.
 * The deployment settings (key files made for this run, the issuer) are system properties set
 * before the deployment and restored after it stops; the WAR brings the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class DeployedWarSuite {
    /** The issuer the deployment trusts. */
    protected static final String ISSUER = "https://login.example.com";

    private KeyFiles keys;
    private SystemProperties settings;
    private WarContainer.Deployed deployed;
    private Http http;

    /** @return the container to deploy into */
    protected abstract WarContainer container();

    /** @return the system property that names the {@code .war} file (set by the pom) */
    protected abstract String warProperty();

    /** @return the context path */
    protected abstract String contextPath();

    @BeforeAll
    void deploy(@TempDir Path dir) throws Exception {
        String location = System.getProperty(warProperty());
        if (location == null || !Files.isRegularFile(Paths.get(location))) {
            fail("No .war at " + warProperty() + "=" + location + ": run through Maven (mvn verify), which builds it");
        }
        keys = KeyFiles.create(dir.resolve("keys"));
        settings = SystemProperties.set(Map.of(
                "jwe.decryption.keys", keys.decryptionKeyFile().toString(),
                "jwe.verification.keys", keys.verificationKeyFile().toString(),
                "jwe.issuer", ISSUER));
        try {
            deployed = container().deploy(Paths.get(location), contextPath(), dir.resolve("work"));
        } catch (Exception | Error e) {
            settings.close();
            throw e;
        }
        http = new Http(deployed.base());
    }

    @AfterAll
    void undeploy() throws Exception {
        try {
            if (deployed != null) {
                deployed.close();
            }
        } finally {
            if (settings != null) {
                settings.close();
            }
        }
    }

    /** @return a client for the deployed application; paths are relative ({@code api/whoami}) */
    protected Http http() {
        return http;
    }

    /** @return the key files of this run */
    protected KeyFiles keys() {
        return keys;
    }

    /**
     * A token from {@link #ISSUER} for subject {@code alice}, valid for ten minutes.
     *
     * @param audience the audience
     * @param roles the roles
     * @param scopes the scopes
     * @return the {@code Authorization} header value
     */
    protected String bearer(String audience, List<String> roles, List<String> scopes) {
        return "Bearer " + keys.mint(Clock.systemUTC(), ISSUER, audience, "alice", roles, scopes);
    }
}
