package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

/** {@link JweFeatureSuite} on Jersey 4.0 (Jakarta REST 4.0) in Jetty 12.1 ee11 (Servlet 6.1). */
class JerseyEe11JweFeatureIT extends JerseyJweFeatureIT {
    @Override
    ServletHost host() {
        return new JettyEe11Host();
    }

    @Test
    void classPathWhenEe11LegThenJersey4OnRest40AndServlet61() throws Exception {
        Ee11Api.assertRest40AndServlet61();
        assertThat(ResourceConfig.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .contains("jersey-server-4.");
    }
}
