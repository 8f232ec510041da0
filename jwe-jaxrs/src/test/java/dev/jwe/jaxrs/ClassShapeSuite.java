package dev.jwe.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.AuditListener;
import dev.jwe.core.Reason;
import dev.jwe.core.http.ErrorResponse;
import jakarta.ws.rs.core.Application;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Authorization on every shape of resource class ({@link ClassShapes}): superclasses, overrides,
 * abstract and generic bases, interfaces, sub-resource locators, CDI proxies. One table, run over
 * real HTTP on each implementation. Each row also states which resource code ran: none may run for
 * a request refused for lack of a token.
 *
 * <p>The CDI proxies are hand-written subclasses in the shape Weld generates (named
 * {@code $Proxy$_$$_WeldSubclass}, no annotations, every method overridden): a Weld container is
 * not among this module's test dependencies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClassShapeSuite {
    private static final String MISSING = "Bearer realm=\"shapes\"";

    /** The tokens a row sends. */
    enum Caller {
        NONE(null), BAD("not-a-jwe"), USER(Tokens.issue(List.of("user"), List.of())),
        ADMIN(Tokens.issue(List.of("admin"), List.of())), AUDITOR(Tokens.issue(List.of("auditor"), List.of())),
        WRITER(Tokens.issue(List.of("writer"), List.of())), SCOPED(Tokens.issue(List.of("user"), List.of("orders:read")));

        final String token;

        Caller(String token) {
            this.token = token;
        }
    }

    private TestServer server;

    abstract AutoCloseable install(ServletHost.Context context, Application app) throws Exception;

    /** The servlet container: Jetty ee10; the EE 11 leg overrides it. */
    ServletHost host() {
        return new JettyEe10Host();
    }

    @BeforeAll
    void start() throws Exception {
        Set<Object> singletons = new HashSet<>(ClassShapes.instances());
        singletons.add(new JweFeature(Tokens.validator(AuditListener.NOOP)));
        server = TestServer.start(host(), this::install, new TestApplication(ClassShapes.roots(), singletons,
                Map.of("jwe.realm", "shapes")), ctx -> { });
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void forget() {
        ClassShapes.drain();
    }

    private static Arguments row(String request, Caller caller, int status, String body, String... ran) {
        return Arguments.of(request, caller, status, body, List.of(ran));
    }

    static Stream<Arguments> shapes() {
        return Stream.of(
                // A class-level rule on an abstract superclass stays with the methods it declares.
                row("GET /inherits/report", Caller.NONE, 401, null),
                row("GET /inherits/report", Caller.USER, 403, null),
                row("GET /inherits/report", Caller.ADMIN, 200, "AdminBase.report alice", "AdminBase.report"),
                row("HEAD /inherits/report", Caller.NONE, 401, null),
                // Overrides: the override's own annotations and its class's apply (§2.1).
                row("GET /overrides/report", Caller.NONE, 401, null),
                row("GET /overrides/report", Caller.USER, 200, "Overrides.report alice", "Overrides.report"),
                row("GET /overrides/summary", Caller.NONE, 200, "Overrides.summary anonymous", "Overrides.summary"),
                row("GET /audited/report", Caller.AUDITOR, 200, "Audited.report alice", "Audited.report"),
                row("GET /audited/report", Caller.ADMIN, 403, null),
                row("GET /audited/summary", Caller.ADMIN, 200, "AdminBase.summary alice", "AdminBase.summary"),
                row("GET /audited/summary", Caller.AUDITOR, 403, null),
                // Abstract declarations and their class count for the methods implementing them.
                row("GET /abstract/impl", Caller.USER, 403, null),
                row("GET /abstract/impl", Caller.ADMIN, 200, "Concrete.implemented alice", "Concrete.implemented"),
                row("GET /abstract/open", Caller.NONE, 200, "Concrete.open anonymous", "Concrete.open"),
                // Generic bases.
                row("GET /crud/7", Caller.USER, 403, null),
                row("GET /crud/7", Caller.ADMIN, 200, "CrudBase.read 7 alice", "CrudBase.read 7"),
                row("PUT /crud/7", Caller.USER, 403, null),
                row("PUT /crud-override/7", Caller.USER, 403, null),
                row("PUT /crud-override/7", Caller.WRITER, 200, "WriterCrud.write 7 body", "WriterCrud.write 7"),
                row("GET /crud-override/7", Caller.USER, 200, "CrudBase.read 7 alice", "CrudBase.read 7"),
                row("GET /admin-crud/7", Caller.USER, 403, null),
                row("GET /admin-crud/7", Caller.ADMIN, 200, "AdminCrudBase.read 7 alice", "AdminCrudBase.read 7"),
                row("PUT /admin-crud/7", Caller.USER, 403, null),
                row("PUT /admin-crud-override/7", Caller.NONE, 401, null),
                row("PUT /admin-crud-override/7", Caller.USER, 200, "OrdersOverride.write 7 body", "OrdersOverride.write 7"),
                row("GET /admin-crud-override/7", Caller.USER, 403, null),
                // Interfaces: method-level, type-level, generic; the implementation's own annotation wins.
                row("GET /iface/admin", Caller.USER, 403, null),
                row("GET /iface/admin", Caller.ADMIN, 200, "InterfaceImpl.admin alice", "InterfaceImpl.admin"),
                row("GET /iface/scoped", Caller.USER, 403, "scope=\"orders:read\""),
                row("GET /iface/scoped", Caller.SCOPED, 200, "InterfaceImpl.scoped alice", "InterfaceImpl.scoped"),
                row("GET /iface/denied", Caller.NONE, 401, null),
                row("GET /iface/denied", Caller.ADMIN, 403, null),
                row("GET /iface/open", Caller.NONE, 200, "InterfaceImpl.open anonymous", "InterfaceImpl.open"),
                row("GET /iface/plain", Caller.NONE, 401, null),
                row("GET /iface/plain", Caller.USER, 200, "InterfaceImpl.plain alice", "InterfaceImpl.plain"),
                row("GET /iface/narrowed", Caller.NONE, 401, null),
                row("GET /iface/narrowed", Caller.USER, 403, null),
                row("GET /iface/narrowed", Caller.ADMIN, 200, "InterfaceImpl.narrowed alice", "InterfaceImpl.narrowed"),
                row("GET /iface-type/x", Caller.USER, 403, null),
                row("GET /iface-type/x", Caller.ADMIN, 200, "AdminApiImpl.x alice", "AdminApiImpl.x"),
                row("GET /iface-class/open", Caller.NONE, 200, "AdminPublicImpl.open anonymous", "AdminPublicImpl.open"),
                row("GET /iface-class/plain", Caller.USER, 403, null),
                row("GET /iface-class/plain", Caller.ADMIN, 200, "AdminPublicImpl.plain alice", "AdminPublicImpl.plain"),
                row("PUT /iface-generic/7", Caller.USER, 403, null),
                row("PUT /iface-generic/7", Caller.WRITER, 200, "CrudImpl.write 7 body", "CrudImpl.write 7"),
                // Sub-resource locators: nothing runs before the token is checked.
                row("GET /loc/item/42", Caller.NONE, 401, null),
                row("GET /loc/item/43", Caller.NONE, 401, null),
                row("GET /loc/item/42/open", Caller.NONE, 401, null),
                row("GET /loc/item/42", Caller.BAD, 401, "invalid_token"),
                row("GET /loc/item/42", Caller.USER, 200, "Item.get alice", "new Locator", "Locator.item 42", "Item.get"),
                row("GET /loc/item/43", Caller.USER, 404, null, "new Locator", "Locator.item 43"),
                row("GET /loc/item/42/admin", Caller.USER, 403, null, "new Locator", "Locator.item 42"),
                row("GET /loc-open/item/42/open", Caller.NONE, 200, "Item.open anonymous",
                        "new OpenLocator", "OpenLocator.item 42", "Item.open"),
                // A @PermitAll locator runs without a token; the method it leads to still decides.
                row("GET /loc-open/item/42", Caller.NONE, 401, null, "new OpenLocator", "OpenLocator.item 42"),
                row("GET /loc-admin/item/42", Caller.NONE, 401, null),
                row("GET /loc-admin/item/42", Caller.USER, 403, null),
                row("GET /loc-admin/item/42", Caller.ADMIN, 200, "Item.get alice",
                        "new AdminLocator", "AdminLocator.item 42", "Item.get"),
                row("GET /nowhere", Caller.NONE, 401, null),
                row("GET /nowhere", Caller.USER, 404, null),
                // Competing templates, trailing slashes, matrix parameters, encoded characters.
                row("GET /search/public", Caller.NONE, 200, "Search.open anonymous", "Search.open"),
                row("GET /search/7", Caller.NONE, 401, null),
                row("GET /search/7", Caller.ADMIN, 200, "Search.byId 7 alice", "Search.byId 7"),
                row("GET /search/2024/public", Caller.NONE, 200, "Search.year 2024 anonymous", "Search.year 2024"),
                row("GET /search/20245/public", Caller.NONE, 401, null),
                row("GET /search/public/", Caller.NONE, 200, "Search.open anonymous", "Search.open"),
                row("GET /search/public;v=1", Caller.NONE, 200, "Search.open anonymous", "Search.open"),
                row("GET /search;v=1/public", Caller.NONE, 200, "Search.open anonymous", "Search.open"),
                row("GET /search/p%75blic", Caller.NONE, 401, null),
                row("GET /search/p%75blic", Caller.ADMIN, 200, "Search.byId public alice", "Search.byId public"),
                row("GET /search/7/", Caller.NONE, 401, null),
                row("GET /search/7;v=1", Caller.NONE, 401, null),
                // CDI proxies: the class-level rule of the proxied class survives the proxy.
                row("GET /proxied", Caller.NONE, 401, null),
                row("GET /proxied", Caller.USER, 403, null),
                row("GET /proxied", Caller.ADMIN, 200, "Proxied.get alice", "Proxied.get"),
                row("GET /proxied/open", Caller.NONE, 200, "Proxied.open anonymous", "Proxied.open"),
                row("GET /cdi/bean", Caller.USER, 403, null, "CdiLocator.bean"),
                row("GET /cdi/bean", Caller.ADMIN, 200, "Proxied.get alice", "CdiLocator.bean", "Proxied.get"),
                row("GET /cdi/bean/open", Caller.NONE, 200, "Proxied.open anonymous", "CdiLocator.bean", "Proxied.open"));
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("shapes")
    void requestWhenResourceHasThisShapeThenItsAnnotationsDecide(String request, Caller caller, int status,
            String body, List<String> ran) throws Exception {
        String[] parts = request.split(" ");
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(parts[1]))
                .method(parts[0], parts[0].equals("PUT") ? HttpRequest.BodyPublishers.ofString("body")
                        : HttpRequest.BodyPublishers.noBody())
                .header("Content-Type", "text/plain");
        if (caller.token != null) {
            b.header("Authorization", "Bearer " + caller.token);
        }
        HttpResponse<String> r = server.send(b);
        assertThat(r.statusCode()).as("status").isEqualTo(status);
        List<String> challenges = r.headers().allValues("WWW-Authenticate");
        if (status == 200) {
            assertThat(r.body()).isEqualTo(parts[0].equals("HEAD") ? "" : body);
        } else if (status == 401 && caller == Caller.NONE) {
            // Before matching or after it, the bytes core makes (and the Servlet filter sends).
            ErrorResponse missing = ErrorResponse.rejection("shapes", Reason.MISSING_TOKEN, List.of());
            assertThat(challenges).containsExactly(MISSING);
            assertThat(r.body()).isEqualTo(parts[0].equals("HEAD") ? "" : new String(missing.body(), StandardCharsets.UTF_8));
        } else if (status == 401 || status == 403) {
            assertThat(challenges).singleElement().asString()
                    .contains(status == 401 ? "error=\"invalid_token\"" : "error=\"insufficient_scope\"")
                    .contains(body == null ? "" : body);
        }
        if (status == 401 || status == 403) {
            assertThat(r.headers().allValues("Cache-Control")).as("Cache-Control").containsExactly("no-store");
            assertThat(r.headers().allValues("Content-Type")).as("Content-Type").containsExactly("application/problem+json");
        }
        assertThat(ClassShapes.drain()).as("resource code that ran").isEqualTo(ran);
    }

    @Test
    void deployWhenInterfacesDisagreeThenFailsNamingTheMethod() {
        Application app = new TestApplication(Set.of(ClassShapes.Conflicting.class),
                Set.of(new JweFeature(Tokens.validator(AuditListener.NOOP))), Map.of());
        assertThatThrownBy(() -> TestServer.start(host(), this::install, app, ctx -> { }).close())
                .satisfies(e -> assertThat(messages(e)).contains("Security annotations on "
                        + ClassShapes.ReadApi.class.getName() + ".read and " + ClassShapes.AuditApi.class.getName()
                        + ".read disagree for " + ClassShapes.Conflicting.class.getName() + ".read"));
    }

    private static String messages(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t.getMessage()).append('\n');
            for (Throwable s : t.getSuppressed()) {
                out.append(messages(s));
            }
        }
        return out.toString();
    }
}
