package dev.jwe.jaxrs;

import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AccessRule} of each resource method and locator, read once. As a {@link DynamicFeature}
 * it reads every rule while the application deploys, so that a bad {@link RequireScope} or
 * disagreeing interface annotations fail the deployment rather than a request, and it hands every
 * root resource class to the {@link Routes} that the pre-matching authentication consults; methods
 * the implementation only finds later (sub-resources returned by locators) are read on their first
 * request. Thread-safe.
 */
final class AccessRules implements DynamicFeature {
    private static final Logger LOG = LoggerFactory.getLogger(AccessRules.class);

    private record Key(Class<?> resourceClass, Method method) {
    }

    // Bounded by the application's resource methods.
    private final ConcurrentMap<Key, AccessRule> rules = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Routes routes = new Routes(this);

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        ruleFor(resourceInfo);
        if (resourceInfo != null && resourceInfo.getResourceClass() != null) {
            routes.add(resourceInfo.getResourceClass(), true);
        }
    }

    /** The root resources this application is known to have. */
    Routes routes() {
        return routes;
    }

    /**
     * The rule for the matched resource method.
     *
     * @param resourceInfo the matched resource, or {@code null}
     * @return the rule; {@link AccessRule.Kind#AUTHENTICATED} when the method is unknown (fail closed)
     */
    AccessRule ruleFor(ResourceInfo resourceInfo) {
        return resourceInfo == null ? ruleFor(null, null)
                : ruleFor(resourceInfo.getResourceClass(), resourceInfo.getResourceMethod());
    }

    /**
     * The rule of a method (or locator) called on a resource class.
     *
     * @param resourceClass the resource class, or {@code null}
     * @param method the method, or {@code null}
     * @return the rule
     * @throws IllegalArgumentException naming the method when its annotations are unusable
     */
    AccessRule ruleFor(Class<?> resourceClass, Method method) {
        return rules.computeIfAbsent(new Key(resourceClass, method), k -> read(k.resourceClass(), k.method()));
    }

    private AccessRule read(Class<?> resourceClass, Method method) {
        AccessRule rule = AccessRule.of(resourceClass, method);
        AccessRule.overrideWarning(resourceClass, method, rule).ifPresent(warning -> {
            if (warned.add(warning)) {
                LOG.warn(warning);
            }
        });
        return rule;
    }
}
