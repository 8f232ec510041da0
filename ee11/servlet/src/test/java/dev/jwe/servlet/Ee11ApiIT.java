package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletResponse;
import java.nio.charset.Charset;
import org.apache.catalina.util.ServerInfo;
import org.junit.jupiter.api.Test;

/** What this leg claims to run on is what is on its class path. */
class Ee11ApiIT {

    @Test
    void classPathWhenEe11LegThenServlet61AndTomcat11() throws Exception {
        // Servlet 6.1 added ServletResponse.setCharacterEncoding(Charset).
        assertThat(ServletResponse.class.getMethod("setCharacterEncoding", Charset.class)).isNotNull();
        assertThat(ServerInfo.getServerNumber()).startsWith("11.");
        assertThat(new JettyEe11Container().toString()).isEqualTo("Jetty 12.1 ee11");
    }
}
