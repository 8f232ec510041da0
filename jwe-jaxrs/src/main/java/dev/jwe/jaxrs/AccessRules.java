package dev.jwe.jaxrs;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link AccessRule} of each resource method, read once. As a {@link DynamicFeature} it reads
 * every rule while the application deploys, so that a bad {@link RequireScope} fails the
 * deployment rather than a request; methods the implementation only finds later (sub-resources
 * returned by locators) are read on their first request. Thread-safe.
 */
final class AccessRules implements DynamicFeature {
    private record Key(Class<?> resourceClass, Method method) {
    }

    private final String realm;
    // Bounded by the application's resource methods.
    private final ConcurrentMap<Key, AccessRule> rules = new ConcurrentHashMap<>();

    AccessRules(String realm) {
        this.realm = realm;
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        ruleFor(resourceInfo);
    }

    /**
     * The rule for the matched resource method.
     *
     * @param resourceInfo the matched resource, or {@code null}
     * @return the rule; {@link AccessRule.Kind#AUTHENTICATED} when the method is unknown (fail closed)
     */
    AccessRule ruleFor(ResourceInfo resourceInfo) {
        Class<?> resourceClass = resourceInfo == null ? null : resourceInfo.getResourceClass();
        Method method = resourceInfo == null ? null : resourceInfo.getResourceMethod();
        return rules.computeIfAbsent(new Key(resourceClass, method), k -> AccessRule.of(k.resourceClass(), k.method(), realm));
    }
}
