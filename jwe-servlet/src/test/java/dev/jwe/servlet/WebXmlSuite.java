package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter and the JWKS servlet declared in a real {@code WEB-INF/web.xml}: the filters build
 * their validators from init-params, context-params and the {@code jwe.config} file (which sets
 * the realm), on the system clock.
 */
abstract class WebXmlSuite extends AuthenticationSuite {

    @Override
    Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    ServletContainer.Deployment deployment(TestApp app, Path dir) {
        return app.webXml(dir);
    }

    @Test
    void deployWhenSettingMisspeltThenDeploymentFailsNamingIt(@TempDir Path dir) {
        ServletContainer.Deployment broken = app.webXml(dir, "misspelt-setting-web.xml");
        assertThatThrownBy(() -> container().start(broken, dir.resolve("work")).stop())
                .satisfies(e -> assertThat(messages(e)).contains("jwe.audiance: unknown setting (from context-param)"));
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
