package dev.jwe.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

/**
 * A filter or servlet configuration without a container, for testing {@code init()}: init-params
 * and context-params only; any other {@link ServletContext} method fails the test.
 *
 * @param name the filter or servlet name
 * @param initParams the init-params
 * @param contextParams the context-params
 */
record FakeConfig(String name, Map<String, String> initParams, Map<String, String> contextParams)
        implements FilterConfig, ServletConfig {

    FakeConfig(Map<String, String> initParams) {
        this("jwe", initParams, Map.of());
    }

    @Override
    public String getFilterName() {
        return name;
    }

    @Override
    public String getServletName() {
        return name;
    }

    @Override
    public ServletContext getServletContext() {
        return (ServletContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getInitParameterNames" -> Collections.enumeration(contextParams.keySet());
                    case "getInitParameter" -> contextParams.get((String) args[0]);
                    case "getContextPath" -> "/app";
                    case "log", "getAttribute", "setAttribute" -> null;
                    default -> throw new UnsupportedOperationException("ServletContext." + method.getName());
                });
    }

    @Override
    public String getInitParameter(String name) {
        return initParams.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(initParams.keySet());
    }
}
