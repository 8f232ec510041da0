package dev.jwe.jaxrs;

import jakarta.ws.rs.core.Application;
import java.util.Map;
import java.util.Set;

/** An {@code Application} as a user writes one: classes, singletons and properties. */
final class TestApplication extends Application {
    private final Set<Class<?>> classes;
    private final Set<Object> singletons;
    private final Map<String, Object> properties;

    TestApplication(Set<Class<?>> classes, Set<Object> singletons, Map<String, Object> properties) {
        this.classes = Set.copyOf(classes);
        this.singletons = Set.copyOf(singletons);
        this.properties = Map.copyOf(properties);
    }

    @Override
    public Set<Class<?>> getClasses() {
        return classes;
    }

    @Override
    @SuppressWarnings("deprecation")
    public Set<Object> getSingletons() {
        return singletons;
    }

    @Override
    public Map<String, Object> getProperties() {
        return properties;
    }
}
