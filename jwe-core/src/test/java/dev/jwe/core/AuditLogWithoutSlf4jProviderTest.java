package dev.jwe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The audit trail when SLF4J has no provider (as on Payara): the lines go to java.util.logging on
 * {@code dev.jwe.audit}, and one warning says so. Runs in its own surefire execution without
 * slf4j-simple on the class path (see the pom); the default execution excludes it.
 */
class AuditLogWithoutSlf4jProviderTest {
    // JUL keeps loggers weakly: hold them so the handlers stay attached.
    private static final Logger AUDIT = Logger.getLogger("dev.jwe.audit");
    private static final Logger NOTICE = Logger.getLogger(AuditLog.class.getName());
    private static final List<LogRecord> AUDIT_RECORDS = new CopyOnWriteArrayList<>();
    private static final List<LogRecord> NOTICES = new CopyOnWriteArrayList<>();

    private static final KeyEntry ENC = TestKeys.rsa("enc-1", 2048);
    private static final KeyEntry SIG = TestKeys.ec("sig-1", "P-256");

    @BeforeAll
    static void capture() {
        // Before AuditLog is loaded: its start-up warning must be seen.
        AUDIT.addHandler(recorder(AUDIT_RECORDS));
        NOTICE.addHandler(recorder(NOTICES));
        assertThat(LoggerFactory.getILoggerFactory())
                .as("this test must run without an SLF4J provider (surefire execution no-slf4j-provider)")
                .isInstanceOf(NOPLoggerFactory.class);
    }

    private static Handler recorder(List<LogRecord> records) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void onRejectedWhenNoSlf4jProviderThenJsonLineOnJulAtWarningAndOneStartupWarning() throws Exception {
        JweTokenValidator validator = TestTokens.validator(KeySource.of(ENC), KeySource.of(TestKeys.publicOnly(SIG)))
                .auditListener(AuditListener.slf4j()).build();
        String token = TokenIssuer.builder().encryptionKey(ENC).signingKey(SIG).build().issue(TestKeys.claims());
        RequestInfo request = new RequestInfo("203.0.113.7", "GET", "/orders/42");

        validator.validate(token, request);
        assertThatThrownBy(() -> validator.validate("junk", request)).isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> validator.validate("more.junk", request)).isInstanceOf(TokenRejectedException.class);

        assertThat(AUDIT_RECORDS).hasSize(3);
        LogRecord accepted = AUDIT_RECORDS.get(0);
        assertThat(accepted.getLevel()).isEqualTo(Level.INFO);
        assertThat(accepted.getLoggerName()).isEqualTo("dev.jwe.audit");
        assertThat(accepted.getMessage()).startsWith("{").contains("\"outcome\":\"accepted\"", "\"sub\":\"alice\"",
                "\"path\":\"/orders/42\"").doesNotContain(token.substring(0, 30));
        LogRecord rejected = AUDIT_RECORDS.get(1);
        assertThat(rejected.getLevel()).isEqualTo(Level.WARNING);
        assertThat(rejected.getMessage()).contains("\"outcome\":\"rejected\"", "\"reason\":\"MALFORMED\"",
                "\"client\":\"203.0.113.7\"");

        assertThat(NOTICES).singleElement().satisfies(n -> {
            assertThat(n.getLevel()).isEqualTo(Level.WARNING);
            assertThat(n.getMessage()).contains("SLF4J has no provider", "java.util.logging", "dev.jwe.audit");
        });
    }
}
