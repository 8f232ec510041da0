package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.TestKeys;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up check and its guard, against a recording {@link ServletContext}: a misconfigured
 * filter fails start-up naming the setting, and a filter that fails later (skipped by the
 * container, or initialised on the first request) makes every request a 503, never a pass.
 */
class JweStartupCheckTest {
    @TempDir
    static Path dir;
    private static KeyFiles keys;

    @BeforeAll
    static void keys() {
        keys = KeyFiles.create(dir.resolve("keys"), 2048);
    }

    private static Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("jwe.decryption.keys", keys.decryptionKeyFile().toString());
        m.put("jwe.verification.keys", keys.verificationKeyFile().toString());
        m.put("jwe.issuer", TestKeys.ISSUER);
        m.put("jwe.audience", TestKeys.AUDIENCE);
        return m;
    }

    private static Map<String, String> misspelt() {
        Map<String, String> m = valid();
        m.put("jwe.audiance", m.remove("jwe.audience"));
        return m;
    }

    @Test
    void onStartupWhenFilterSettingMisspeltThenFailsNamingItAndGuardAnswers503() throws Exception {
        FakeContext app = new FakeContext();
        app.declareFilter("jwe", JweAuthenticationFilter.class.getName(), misspelt());
        assertThatThrownBy(() -> new JweStartupCheck().onStartup(Collections.emptySet(), app.context()))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("jwe filter 'jwe': jwe.audiance: unknown setting");

        FakeResponse response = new FakeResponse();
        AtomicInteger passed = new AtomicInteger();
        app.guard().doFilter(request(), response.response(), (req, res) -> passed.incrementAndGet());
        assertThat(passed).hasValue(0);
        assertThat(response.status).isEqualTo(503);
        assertThat(response.headers).containsEntry("Cache-Control", "no-store").doesNotContainKey("WWW-Authenticate");
        assertThat(response.body()).contains("\"status\":503");
    }

    @Test
    void onStartupWhenFilterValidThenPassesAndGuardLetsRequestsThrough() throws Exception {
        FakeContext app = new FakeContext();
        app.declareFilter("jwe", JweAuthenticationFilter.class.getName(), valid());
        app.declareFilter("other", "com.example.OtherFilter", Map.of("jwe.audiance", "not ours"));
        new JweStartupCheck().onStartup(Collections.emptySet(), app.context());

        FakeResponse response = new FakeResponse();
        AtomicInteger passed = new AtomicInteger();
        app.guard().doFilter(request(), response.response(), (req, res) -> passed.incrementAndGet());
        assertThat(passed).hasValue(1);
        assertThat(response.status).isZero();
    }

    @Test
    void doFilterWhenJweFilterFailsOnFirstRequestThenAnswers503Always() throws Exception {
        FakeContext app = new FakeContext();
        new JweStartupCheck().onStartup(Collections.emptySet(), app.context());
        // Registered later (in code), initialised lazily inside the chain, as Undertow does.
        FilterChain lazyInit = (req, res) -> {
            new JweAuthenticationFilter().init(app.filterConfig("late", misspelt()));
            throw new AssertionError("init() passed");
        };
        for (int i = 0; i < 2; i++) {
            FakeResponse response = new FakeResponse();
            app.guard().doFilter(request(), response.response(), lazyInit);
            assertThat(response.status).isEqualTo(503);
            assertThat(response.body()).contains("Service Unavailable");
        }
    }

    @Test
    void doFilterWhenApplicationFailsThenGuardRethrows() throws Exception {
        FakeContext app = new FakeContext();
        new JweStartupCheck().onStartup(Collections.emptySet(), app.context());
        FilterChain failing = (req, res) -> {
            throw new ServletException("the application's own failure");
        };
        assertThatThrownBy(() -> app.guard().doFilter(request(), new FakeResponse().response(), failing))
                .hasMessage("the application's own failure");
    }

    private static HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(JweStartupCheckTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException("HttpServletRequest." + method.getName());
                });
    }

    /** A servlet context with context attributes, filter registrations and an added guard. */
    private static final class FakeContext {
        private final Map<String, Object> attributes = new HashMap<>();
        private final Map<String, FilterRegistration> registrations = new LinkedHashMap<>();
        private final Map<String, Filter> added = new HashMap<>();
        private final ServletContext context = (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInitParameterNames" -> Collections.emptyEnumeration();
                    case "getInitParameter" -> null;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getFilterRegistrations" -> Map.copyOf(registrations);
                    case "addFilter" -> addFilter((String) args[0], (Filter) args[1]);
                    default -> throw new UnsupportedOperationException("ServletContext." + method.getName());
                });

        ServletContext context() {
            return context;
        }

        void declareFilter(String name, String className, Map<String, String> initParams) {
            registrations.put(name, (FilterRegistration) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {FilterRegistration.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getName" -> name;
                        case "getClassName" -> className;
                        case "getInitParameter" -> initParams.get((String) args[0]);
                        case "getInitParameters" -> Map.copyOf(initParams);
                        default -> throw new UnsupportedOperationException("FilterRegistration." + method.getName());
                    }));
        }

        private FilterRegistration.Dynamic addFilter(String name, Filter filter) {
            added.put(name, filter);
            return (FilterRegistration.Dynamic) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {FilterRegistration.Dynamic.class}, (proxy, method, args) -> null);
        }

        FilterConfig filterConfig(String name, Map<String, String> initParams) {
            return new FilterConfig() {
                @Override
                public String getFilterName() {
                    return name;
                }

                @Override
                public ServletContext getServletContext() {
                    return context;
                }

                @Override
                public String getInitParameter(String param) {
                    return initParams.get(param);
                }

                @Override
                public java.util.Enumeration<String> getInitParameterNames() {
                    return Collections.enumeration(initParams.keySet());
                }
            };
        }

        /** The guard the check registered, initialised as the container would. */
        Filter guard() throws ServletException {
            Filter guard = added.get(StartupGuard.NAME);
            assertThat(guard).as("guard registered").isNotNull();
            guard.init(filterConfig(StartupGuard.NAME, Map.of()));
            return guard;
        }
    }

    /** Records status, headers and body. */
    private static final class FakeResponse {
        int status;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        String body() {
            return out.toString(StandardCharsets.UTF_8);
        }

        HttpServletResponse response() {
            ServletOutputStream stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    out.write(b);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }
            };
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "setStatus" -> {
                            status = (Integer) args[0];
                            yield null;
                        }
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                        case "setContentLength", "reset" -> null;
                        case "isCommitted" -> false;
                        case "getOutputStream" -> stream;
                        default -> throw new UnsupportedOperationException("HttpServletResponse." + method.getName());
                    });
        }
    }
}
