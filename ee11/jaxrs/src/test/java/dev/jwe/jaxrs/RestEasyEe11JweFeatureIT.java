package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.junit.jupiter.api.Test;

/** {@link JweFeatureSuite} on RESTEasy 7.0 (Jakarta REST 4.0) in Jetty 12.1 ee11 (Servlet 6.1). */
class RestEasyEe11JweFeatureIT extends RestEasyJweFeatureIT {
    @Override
    ServletHost host() {
        return new JettyEe11Host();
    }

    @Test
    void classPathWhenEe11LegThenRestEasy7OnRest40AndServlet61() throws Exception {
        Ee11Api.assertRest40AndServlet61();
        assertThat(ResteasyDeploymentImpl.class.getPackage().getImplementationVersion()).startsWith("7.");
    }
}
