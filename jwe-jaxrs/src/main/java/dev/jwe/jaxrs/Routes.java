package dev.jwe.jaxrs;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource code a request would run first (a root resource's method or sub-resource locator),
 * found before the implementation matches the request, so that a request that lacks a token its
 * route needs is refused before any constructor, locator or method of the application runs.
 * Follows the request matching of Jakarta REST 3.1 §3.7.2 (root class by template, then methods and
 * locators by template with the same precedence, then the HTTP method; {@code HEAD} served by
 * {@code GET}); it stops at the first locator, since what a locator returns is only known by
 * running it. Media types are not compared: every method that the HTTP method selects counts.
 *
 * <p>Our own code because Jakarta REST offers no portable way to match a request without
 * dispatching it. Roots are added as the implementation reports them; reading is lock-free.
 * Thread-safe.
 */
final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);
    private static final String REST = "jweRest";

    /** What a request reaches first: the rules of the candidates, and whether they are locators. */
    record Reached(List<AccessRule> rules, boolean locator) {
        static final Reached NOTHING = new Reached(List.of(), false);

        Reached {
            rules = List.copyOf(rules);
        }
    }

    /** A {@code @Path} template as a regular expression, with its precedence (§3.7.3). */
    record Template(String regex, Pattern pattern, int literals, int variables, int explicitRegexes) {
        static final Comparator<Template> PRECEDENCE = Comparator.comparingInt(Template::literals)
                .thenComparingInt(Template::variables).thenComparingInt(Template::explicitRegexes).reversed();

        static Template parse(String path) {
            String t = path.startsWith("/") ? path : "/" + path;
            if (t.endsWith("/")) {
                t = t.substring(0, t.length() - 1);
            }
            StringBuilder regex = new StringBuilder();
            int literals = 0;
            int variables = 0;
            int explicit = 0;
            int i = 0;
            while (i < t.length()) {
                int open = t.indexOf('{', i);
                if (open != i) {
                    String literal = encode(t.substring(i, open < 0 ? t.length() : open));
                    regex.append(Pattern.quote(literal));
                    literals += literal.length();
                    i = open < 0 ? t.length() : open;
                    continue;
                }
                int depth = 0;
                int close = open;
                do {
                    char c = t.charAt(close++);
                    depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                } while (depth > 0 && close < t.length());
                if (depth != 0) {
                    throw new IllegalArgumentException("@Path(\"" + path + "\") has an unclosed template variable");
                }
                String variable = t.substring(open + 1, close - 1);
                int colon = variable.indexOf(':');
                regex.append('(').append(colon < 0 ? "[^/]+" : variable.substring(colon + 1).trim()).append(')');
                variables++;
                explicit += colon < 0 ? 0 : 1;
                i = close;
            }
            regex.append("(?<" + REST + ">/.*)?");
            return new Template(regex.toString(), Pattern.compile(regex.toString()), literals, variables, explicit);
        }

        /**
         * A literal part of a template as it appears in an encoded path: characters a path
         * segment may hold as they are, {@code %XX} kept, anything else UTF-8 percent-encoded.
         */
        static String encode(String literal) {
            StringBuilder out = new StringBuilder();
            byte[] bytes = literal.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean escape = b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
                if (escape || b < 0x80 && (Character.isLetterOrDigit(b) || "-._~!$&'()*+,;=:@/".indexOf(b) >= 0)) {
                    out.append((char) b);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                }
            }
            return out.toString();
        }

        private static boolean isHex(byte b) {
            return Character.digit(b, 16) >= 0;
        }
    }

    /** A resource method ({@code httpMethods} set) or locator (none), with its template if any. */
    private record Endpoint(Template template, Set<String> httpMethods, AccessRule rule) {
        boolean locator() {
            return httpMethods.isEmpty();
        }
    }

    private record Root(Template template, List<Endpoint> endpoints) {
    }

    private final AccessRules rules;
    // Bounded by the application's resource classes.
    private final ConcurrentMap<Class<?>, Optional<Root>> roots = new ConcurrentHashMap<>();
    private volatile boolean restrictedLocators;
    private volatile boolean listed;

    Routes(AccessRules rules) {
        this.rules = rules;
    }

    /**
     * Adds a resource class; classes without {@code @Path} (sub-resources) are remembered as such.
     *
     * @param resourceClass the class the implementation reports, possibly a generated proxy
     * @param deploying true while the application deploys: unusable annotations then throw (the
     *        deployment fails); later they are logged and the route refuses every request
     */
    void add(Class<?> resourceClass, boolean deploying) {
        if (!roots.containsKey(resourceClass)) {
            roots.computeIfAbsent(resourceClass, c -> root(c, deploying));
        }
    }

    /**
     * Adds the root resources an {@code Application} lists, once: roots that have only locators are
     * reported by no {@link jakarta.ws.rs.container.DynamicFeature}.
     *
     * @param application the application, or {@code null} when the implementation injects none
     */
    @SuppressWarnings("deprecation")
    void addAll(Application application) {
        if (listed || application == null) {
            return;
        }
        // Concurrent first requests wait: none may see the routes half listed.
        synchronized (this) {
            if (!listed) {
                application.getClasses().forEach(c -> add(c, false));
                application.getSingletons().forEach(o -> add(o.getClass(), false));
                listed = true;
            }
        }
    }

    /** Whether a locator demands more than a token, so that token-bearing requests must be routed too. */
    boolean hasRestrictedLocators() {
        return restrictedLocators;
    }

    /**
     * What a request reaches first.
     *
     * @param httpMethod the request method
     * @param path the request path relative to the application, still percent-encoded (as the
     *        implementations match it), matrix parameters removed, starting with {@code /}
     * @return the rules of the candidates; none when the request reaches no known resource code
     *         (404, 405, an automatic {@code OPTIONS} answer, or a root class not known here)
     */
    Reached reach(String httpMethod, String path) {
        Template best = null;
        List<Root> chosen = new ArrayList<>();
        String rest = null;
        for (Optional<Root> candidate : roots.values()) {
            if (candidate.isEmpty()) {
                continue;
            }
            Root root = candidate.get();
            Matcher m = root.template().pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            // §3.7.2 step 1: the template of highest precedence; roots sharing it are merged.
            if (best == null || Template.PRECEDENCE.compare(root.template(), best) < 0) {
                best = root.template();
                chosen.clear();
                rest = m.group(REST);
            }
            if (best.regex().equals(root.template().regex())) {
                chosen.add(root);
            }
        }
        if (best == null) {
            return Reached.NOTHING;
        }
        String remaining = rest == null ? "" : rest;
        if (remaining.isEmpty() || remaining.equals("/")) {
            List<Endpoint> methods = new ArrayList<>();
            chosen.forEach(r -> r.endpoints().stream().filter(e -> e.template() == null).forEach(methods::add));
            if (!methods.isEmpty()) {
                return select(methods, httpMethod);
            }
        }
        List<Endpoint> matching = new ArrayList<>();
        for (Root root : chosen) {
            for (Endpoint e : root.endpoints()) {
                if (e.template() == null) {
                    continue;
                }
                Matcher m = e.template().pattern().matcher(remaining);
                if (m.matches() && (e.locator() || m.group(REST) == null || m.group(REST).equals("/"))) {
                    matching.add(e);
                }
            }
        }
        if (matching.isEmpty()) {
            return Reached.NOTHING;
        }
        // Same precedence as §3.7.2 step 2: sub-resource methods before locators on equal templates.
        matching.sort(Comparator.comparing(Endpoint::template, Template.PRECEDENCE)
                .thenComparing(Endpoint::locator));
        Endpoint first = matching.get(0);
        List<Endpoint> same = matching.stream()
                .filter(e -> e.locator() == first.locator() && e.template().regex().equals(first.template().regex()))
                .toList();
        return first.locator() ? new Reached(same.stream().map(Endpoint::rule).toList(), true) : select(same, httpMethod);
    }

    private static Reached select(List<Endpoint> methods, String httpMethod) {
        List<AccessRule> selected = rulesFor(methods, httpMethod);
        if (selected.isEmpty() && "HEAD".equals(httpMethod)) {
            selected = rulesFor(methods, "GET");
        }
        return new Reached(selected, false);
    }

    private static List<AccessRule> rulesFor(List<Endpoint> methods, String httpMethod) {
        return methods.stream().filter(e -> e.httpMethods().contains(httpMethod)).map(Endpoint::rule).toList();
    }

    private Optional<Root> root(Class<?> resourceClass, boolean deploying) {
        Class<?> type = Hierarchy.applicationClass(resourceClass);
        Path path = type.getAnnotation(Path.class);
        if (path == null) {
            return Optional.empty();
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<Method, Method> e : annotatedDeclarations(type).entrySet()) {
            Method declaration = e.getValue();
            Path methodPath = declaration.getAnnotation(Path.class);
            Set<String> httpMethods = httpMethods(declaration);
            if (methodPath == null && httpMethods.isEmpty()) {
                continue;
            }
            AccessRule rule;
            try {
                rule = rules.ruleFor(resourceClass, e.getKey());
            } catch (IllegalArgumentException ex) {
                if (deploying) {
                    throw ex;
                }
                LOG.error("Refusing every request to {}: {}", e.getKey(), ex.getMessage());
                rule = AccessRule.deniedAll();
            }
            endpoints.add(new Endpoint(methodPath == null ? null : Template.parse(methodPath.value()), httpMethods, rule));
            if (httpMethods.isEmpty() && (rule.kind() == AccessRule.Kind.RESTRICTED || rule.kind() == AccessRule.Kind.DENY_ALL)) {
                restrictedLocators = true;
            }
        }
        return Optional.of(new Root(Template.parse(path.value()), List.copyOf(endpoints)));
    }

    /**
     * For each public method of a class that JAX-RS treats as a resource method or locator, the
     * declaration that carries its JAX-RS annotations: its own, else the nearest superclass
     * declaration, else an interface declaration (JAX-RS annotation inheritance).
     */
    private static Map<Method, Method> annotatedDeclarations(Class<?> type) {
        Map<Method, Method> out = new LinkedHashMap<>();
        List<Class<?>> declaring = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (!Hierarchy.isGenerated(c)) {
                declaring.add(c);
            }
        }
        declaring.addAll(Hierarchy.interfaces(type));
        for (Class<?> c : declaring) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isBridge() || m.isSynthetic() || Modifier.isStatic(m.getModifiers()) || !isJaxRs(m)) {
                    continue;
                }
                Method runs = Hierarchy.implementation(type, m.getName(), m.getParameterTypes());
                if (runs == null && m.isDefault()) {
                    runs = m;
                }
                if (runs != null && Modifier.isPublic(runs.getModifiers())) {
                    out.putIfAbsent(runs, m);
                }
            }
        }
        return out;
    }

    private static boolean isJaxRs(Method m) {
        return m.isAnnotationPresent(Path.class) || !httpMethods(m).isEmpty();
    }

    private static Set<String> httpMethods(Method m) {
        Set<String> out = new TreeSet<>();
        for (Annotation a : m.getAnnotations()) {
            HttpMethod designator = a.annotationType().getAnnotation(HttpMethod.class);
            if (designator != null) {
                out.add(designator.value());
            }
        }
        return out;
    }
}
