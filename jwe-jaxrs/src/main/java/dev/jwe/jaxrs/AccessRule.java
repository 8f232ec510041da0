package dev.jwe.jaxrs;

import dev.jwe.core.VerifiedToken;
import dev.jwe.core.http.Challenge;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one resource method demands, read from {@code @DenyAll}, {@code @RolesAllowed},
 * {@link RequireScope} and {@code @PermitAll}. Immutable.
 *
 * @param kind the kind of rule
 * @param roles for {@link Kind#RESTRICTED}: the token needs one of these (empty: no role needed)
 * @param scopes for {@link Kind#RESTRICTED}: the token needs all of these (each an RFC 6750
 *     scope-token, so that the 403 challenge naming them is well-formed)
 */
record AccessRule(Kind kind, Set<String> roles, List<String> scopes) {

    /** The kinds of rule. */
    enum Kind {
        /** No annotation: a token is needed unless anonymous access is configured. */
        AUTHENTICATED,
        /** {@code @PermitAll}: no token needed; a token that is sent must still be valid. */
        PERMIT_ALL,
        /** {@code @DenyAll} or an empty {@code @RolesAllowed}: 401 without a token, else 403. */
        DENY_ALL,
        /** {@code @RolesAllowed} and/or {@code @RequireScope}: a token with a listed role and every scope. */
        RESTRICTED
    }

    AccessRule {
        roles = Set.copyOf(roles);
        scopes = List.copyOf(scopes);
    }

    /**
     * The rule of a resource method (or sub-resource locator), from the first of these that
     * carries any of the four annotations:
     * <ol>
     * <li>the declaration that runs (generated proxy subclasses and bridges looked through);</li>
     * <li>the abstract declarations it implements, on interfaces or abstract superclasses;</li>
     * <li>the class that declares the method that runs or, when that class has none, the nearest
     * class below it down to the resource class that has some (Jakarta Annotations 2.1 §2.1: an
     * inherited method keeps the class-level annotations of the class that declared it; a
     * subclass's class-level annotations cover inherited methods that have no rule of their own);</li>
     * <li>the types that declare the abstract declarations of step 2.</li>
     * </ol>
     * The annotations of a concrete superclass method that is overridden do not apply (§2.1).
     *
     * @param resourceClass the resource class, possibly a generated proxy, or {@code null}
     * @param method the resource method or locator as the implementation reports it, or {@code null}
     * @return the rule ({@link Kind#AUTHENTICATED} when nothing is annotated or nothing is known)
     * @throws IllegalArgumentException when a {@code @RequireScope} is empty or not RFC 6750 syntax,
     *         or when abstract declarations of step 2 or 4 disagree
     */
    static AccessRule of(Class<?> resourceClass, Method method) {
        if (method == null) {
            AccessRule rule = resourceClass == null ? null : fromElement(Hierarchy.applicationClass(resourceClass));
            return rule != null ? rule : authenticated();
        }
        Class<?> type = resourceClass != null ? Hierarchy.applicationClass(resourceClass) : method.getDeclaringClass();
        Method runs = implementation(type, method);
        List<Method> declarations = Hierarchy.abstractDeclarations(type, runs);
        AccessRule rule = fromElement(runs);
        if (rule == null) {
            rule = agreed(runs, new ArrayList<>(declarations));
        }
        Set<Class<?>> declaringTypes = new LinkedHashSet<>();
        if (runs.getDeclaringClass().isInterface()) {
            declaringTypes.add(runs.getDeclaringClass());
        } else {
            for (Class<?> c : Hierarchy.downFrom(runs.getDeclaringClass(), type)) {
                if (rule == null) {
                    rule = fromElement(c);
                }
            }
        }
        if (rule == null) {
            declarations.forEach(d -> declaringTypes.add(d.getDeclaringClass()));
            rule = agreed(runs, new ArrayList<>(declaringTypes));
        }
        return rule != null ? rule : authenticated();
    }

    /**
     * The declaration that runs for a method the implementation reports on a resource class.
     *
     * @param type the application's resource class
     * @param method the method as reported (possibly an interface, superclass or proxy declaration)
     * @return the declaration that runs, or {@code method} itself when no class declares it
     */
    static Method implementation(Class<?> type, Method method) {
        Method runs = Hierarchy.implementation(type, method.getName(), method.getParameterTypes());
        return runs != null ? runs : method;
    }

    /**
     * Why an override without annotations of its own has another rule than the superclass method
     * it overrides, for a warning at start-up: §2.1 drops the overridden method's annotations,
     * which surprises.
     *
     * @return the warning, or empty when the override is annotated, keeps the rule or overrides nothing
     */
    static Optional<String> overrideWarning(Class<?> resourceClass, Method method, AccessRule rule) {
        if (method == null) {
            return Optional.empty();
        }
        Class<?> type = resourceClass != null ? Hierarchy.applicationClass(resourceClass) : method.getDeclaringClass();
        Method runs = implementation(type, method);
        Method overridden = Hierarchy.overridden(runs);
        if (overridden == null || Hierarchy.hasSecurityAnnotation(runs)) {
            return Optional.empty();
        }
        AccessRule before = of(overridden.getDeclaringClass(), overridden);
        // Only a rule the overridden method had from annotations can be lost.
        if (before.kind() == Kind.AUTHENTICATED || before.sameDemand(rule)) {
            return Optional.empty();
        }
        return Optional.of(runs.getDeclaringClass().getName() + "." + runs.getName() + " overrides "
                + overridden.getDeclaringClass().getName() + "." + overridden.getName() + " and does not keep its rule ("
                + before.describe() + " there, " + rule.describe() + " here): the annotations of an overridden method and"
                + " of its class do not apply to the override (Jakarta Annotations 2.1 §2.1); annotate the override");
    }

    /** The rule that several declarations give, which must agree. */
    private static AccessRule agreed(Method runs, List<? extends AnnotatedElement> elements) {
        AccessRule found = null;
        AnnotatedElement from = null;
        for (AnnotatedElement element : elements) {
            AccessRule rule = fromElement(element);
            if (rule == null) {
                continue;
            }
            if (found != null && !found.sameDemand(rule)) {
                throw new IllegalArgumentException("Security annotations on " + name(from) + " and " + name(element)
                        + " disagree for " + runs.getDeclaringClass().getName() + "." + runs.getName()
                        + ": annotate that method itself");
            }
            found = rule;
            from = element;
        }
        return found;
    }

    private static String name(AnnotatedElement element) {
        return element instanceof Method m ? m.getDeclaringClass().getName() + "." + m.getName()
                : ((Class<?>) element).getName();
    }

    /** {@link Kind#DENY_ALL}, for resource code whose annotations cannot be read. */
    static AccessRule deniedAll() {
        return new AccessRule(Kind.DENY_ALL, Set.of(), List.of());
    }

    private static AccessRule authenticated() {
        return new AccessRule(Kind.AUTHENTICATED, Set.of(), List.of());
    }

    private static AccessRule fromElement(AnnotatedElement element) {
        RolesAllowed rolesAllowed = element.getAnnotation(RolesAllowed.class);
        RequireScope requireScope = element.getAnnotation(RequireScope.class);
        // An empty @RolesAllowed admits no role at all: it denies like @DenyAll.
        if (element.isAnnotationPresent(DenyAll.class) || rolesAllowed != null && rolesAllowed.value().length == 0) {
            return deniedAll();
        }
        if (rolesAllowed != null || requireScope != null) {
            List<String> scopes = requireScope == null ? List.of() : List.of(requireScope.value());
            if (requireScope != null && scopes.isEmpty()) {
                throw new IllegalArgumentException("@RequireScope on " + element + " names no scope");
            }
            Set<String> roles = rolesAllowed == null ? Set.of() : Set.of(rolesAllowed.value());
            try {
                scopes.forEach(Challenge::checkScope);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("@RequireScope on " + element + ": " + e.getMessage(), e);
            }
            return new AccessRule(Kind.RESTRICTED, roles, scopes);
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            return new AccessRule(Kind.PERMIT_ALL, Set.of(), List.of());
        }
        return null;
    }

    /** Whether two rules demand the same (kind, roles, scopes). */
    boolean sameDemand(AccessRule other) {
        return kind == other.kind && roles.equals(other.roles) && scopes.equals(other.scopes);
    }

    /** The rule as the annotations say it, for messages. */
    String describe() {
        return switch (kind) {
            case AUTHENTICATED -> "any valid token";
            case PERMIT_ALL -> "@PermitAll";
            case DENY_ALL -> "@DenyAll";
            case RESTRICTED -> (roles.isEmpty() ? "" : "@RolesAllowed" + new TreeSet<>(roles))
                    + (roles.isEmpty() || scopes.isEmpty() ? "" : " ") + (scopes.isEmpty() ? "" : "@RequireScope" + scopes);
        };
    }

    /**
     * Whether a request without any token must be refused.
     *
     * @param anonymousAllowed {@code jwe.anonymous}
     * @return true when a token is needed
     */
    boolean requiresToken(boolean anonymousAllowed) {
        return switch (kind) {
            case PERMIT_ALL -> false;
            case AUTHENTICATED -> !anonymousAllowed;
            case DENY_ALL, RESTRICTED -> true;
        };
    }

    /**
     * Whether a verified token may call the method.
     *
     * @param token the token
     * @return true when it has what the rule demands
     */
    boolean permits(VerifiedToken token) {
        return switch (kind) {
            case PERMIT_ALL, AUTHENTICATED -> true;
            case DENY_ALL -> false;
            case RESTRICTED -> (roles.isEmpty() || roles.stream().anyMatch(token::hasRole))
                    && scopes.stream().allMatch(token::hasScope);
        };
    }
}
