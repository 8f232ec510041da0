package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.ConfigurationException;
import dev.jwe.core.JweSettings;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code init()} and the answer without {@code jwe.resource}; the document itself is tested in a container. */
class ProtectedResourceMetadataServletTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jwe.resource|http://orders.example/api",
        "jwe.resource|orders-api",
        "jwe.resource.jwks-uri|http://keys.example/jwks.json",
        "jwe.resource.authorization-servers|https://sso.example, not a url",
        "jwe.resource.scopes|orders:read, \"quoted\""})
    void initWhenSettingInvalidThenDeploymentFailsNamingIt(String setting, String value) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("jwe.resource", "https://orders.example/api");
        params.put("jwe.resource.jwks-uri", "https://orders.example/api/jwks.json");
        params.put(setting, value);

        assertThatThrownBy(() -> new ProtectedResourceMetadataServlet().init(new FakeConfig(params)))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("jwe servlet 'jwe': " + setting + ": ")
                .cause().isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.setting()).isEqualTo(setting));
    }

    @Test
    void getWhenResourceNotSetThen404WithoutDocument() throws Exception {
        ProtectedResourceMetadataServlet servlet = new ProtectedResourceMetadataServlet();
        servlet.init(new FakeConfig(Map.of()));
        Map<String, Object> seen = new LinkedHashMap<>();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "GET";
                    case "getProtocol" -> "HTTP/1.1";
                    default -> null;
                });
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setStatus" -> seen.put("status", args[0]);
                        case "setHeader", "setContentType", "setContentLength" -> seen.put(method.getName(),
                                List.of(args));
                        case "getOutputStream" -> throw new AssertionError("a body was written");
                        default -> {
                        }
                    }
                    return null;
                });

        servlet.service(request, response);

        assertThat(seen).containsEntry("status", 404).doesNotContainKey("setContentType");
    }

    @Test
    void configuredIssuersWhenIssuerListSetThenEachIsAnAuthorizationServer() {
        assertThat(ProtectedResourceMetadataServlet.configuredIssuers(JweSettings.of(Map.of("jwe.issuer",
                "https://sso.example/realms/main, https://partner.example"))))
                .containsExactly("https://sso.example/realms/main", "https://partner.example");
    }
}
