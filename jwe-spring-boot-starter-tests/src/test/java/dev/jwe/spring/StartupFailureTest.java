package dev.jwe.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A wrong {@code jwe.*} property stops the application, naming the full key, from any property source. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    private static SpringApplicationBuilder app(Map<String, Object> extra) {
        Map<String, Object> properties = new LinkedHashMap<>(Tokens.properties());
        properties.putAll(extra);
        return new SpringApplicationBuilder(OrdersApplication.class).web(WebApplicationType.NONE)
                .properties(properties);
    }

    @Test
    void runWhenUnknownJwePropertyThenFailsNamingIt(CapturedOutput output) {
        assertThatThrownBy(() -> app(Map.of("jwe.audiance", "orders-api")).run())
                .rootCause().isInstanceOf(ConfigurationException.class).hasMessageContaining("jwe.audiance");
        assertThat(output).contains("jwe configuration error: jwe.audiance: unknown setting");
    }

    @Test
    void runWhenUnknownJwePropertyInProfileFileThenFailsNamingKeyAndFile() {
        assertThatThrownBy(() -> app(Map.of()).profiles("typo").run())
                .rootCause().isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("jwe.audiance")
                .hasMessageContaining("application-typo.properties");
    }
}
