package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletResponse;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.Charset;

/** What this leg claims to run on is what is on its class path. */
final class Ee11Api {
    private Ee11Api() {
    }

    /** Jakarta REST 4.0 and Servlet 6.1, by a method each of them added. */
    static void assertRest40AndServlet61() throws NoSuchMethodException {
        assertThat(UriInfo.class.getMethod("getMatchedResourceTemplate")).isNotNull();
        assertThat(ServletResponse.class.getMethod("setCharacterEncoding", Charset.class)).isNotNull();
    }
}
