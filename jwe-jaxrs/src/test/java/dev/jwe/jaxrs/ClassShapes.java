package dev.jwe.jaxrs;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Resource classes in every shape an application gives them, each annotated where such an
 * application puts its security annotations. Overriding methods carry no JAX-RS annotation, not
 * even on a parameter, so that they inherit {@code @GET} and {@code @Path} (Jakarta REST §3.6). Every piece of resource code (locator, method, the
 * locators' constructors) records that it ran, so that a test sees whether resource code ran for a
 * request that was refused.
 */
final class ClassShapes {
    /** The resource code that ran, in order. */
    static final Queue<String> RAN = new ConcurrentLinkedQueue<>();

    private ClassShapes() {
    }

    /** Every root resource class, as an application lists them. */
    static Set<Class<?>> roots() {
        return Set.of(Inherits.class, Overrides.class, Audited.class, Concrete.class, AdminCrud.class, WriterCrud.class,
                Orders.class, OrdersOverride.class, InterfaceImpl.class, AdminApiImpl.class, AdminPublicImpl.class,
                CrudImpl.class, Search.class, Locator.class, OpenLocator.class, AdminLocator.class, CdiLocator.class);
    }

    /** Resources an application hands over as instances: here a CDI proxy of a resource class. */
    static Set<Object> instances() {
        return Set.of(new Proxied$Proxy$_$$_WeldSubclass());
    }

    static List<String> drain() {
        List<String> out = new ArrayList<>();
        for (String s = RAN.poll(); s != null; s = RAN.poll()) {
            out.add(s);
        }
        return out;
    }

    private static String ran(String what, SecurityContext security) {
        RAN.add(what);
        return what + " " + (security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName());
    }

    // --- superclasses -------------------------------------------------------------------------

    /** A class-level rule on an abstract superclass. */
    @RolesAllowed("admin")
    @Produces(MediaType.TEXT_PLAIN)
    public abstract static class AdminBase {
        @GET
        @Path("report")
        public String report(@Context SecurityContext security) {
            return ran("AdminBase.report", security);
        }

        @GET
        @Path("summary")
        public String summary(@Context SecurityContext security) {
            return ran("AdminBase.summary", security);
        }
    }

    /** Inherits both methods: AdminBase's rule stays with them. */
    @Path("inherits")
    public static class Inherits extends AdminBase {
    }

    /** Overrides without a class-level rule: the overrides' own annotations apply. */
    @Path("overrides")
    public static class Overrides extends AdminBase {
        @Override
        public String report(SecurityContext security) {
            return ran("Overrides.report", security);
        }

        @Override
        @PermitAll
        public String summary(SecurityContext security) {
            return ran("Overrides.summary", security);
        }
    }

    /** Overrides one method under its own class-level rule; inherits the other. */
    @Path("audited")
    @RolesAllowed("auditor")
    public static class Audited extends AdminBase {
        @Override
        public String report(SecurityContext security) {
            return ran("Audited.report", security);
        }
    }

    /** An abstract base that declares the resource methods its subclass implements. */
    @RolesAllowed("admin")
    @Produces(MediaType.TEXT_PLAIN)
    public abstract static class AbstractApi {
        @GET
        @Path("impl")
        public abstract String implemented(@Context SecurityContext security);

        @GET
        @Path("open")
        @PermitAll
        public abstract String open(@Context SecurityContext security);
    }

    /** Implements AbstractApi's methods without annotations of its own. */
    @Path("abstract")
    public static class Concrete extends AbstractApi {
        @Override
        public String implemented(SecurityContext security) {
            return ran("Concrete.implemented", security);
        }

        @Override
        public String open(SecurityContext security) {
            return ran("Concrete.open", security);
        }
    }

    // --- generic bases ------------------------------------------------------------------------

    /** A generic CRUD base without annotations. */
    @Produces(MediaType.TEXT_PLAIN)
    public abstract static class CrudBase<T> {
        @GET
        @Path("{id}")
        public String read(@PathParam("id") String id, @Context SecurityContext security) {
            return ran("CrudBase.read " + id, security);
        }

        @PUT
        @Path("{id}")
        @Consumes(MediaType.TEXT_PLAIN)
        public String write(@PathParam("id") String id, T body) {
            RAN.add("CrudBase.write " + id);
            return "CrudBase.write " + id + " " + body;
        }
    }

    /** Its class-level rule covers what it inherits from the unannotated base. */
    @Path("crud")
    @RolesAllowed("admin")
    public static class AdminCrud extends CrudBase<String> {
    }

    /** A generic override (the compiler adds a bridge method) with its own rule. */
    @Path("crud-override")
    public static class WriterCrud extends CrudBase<String> {
        @Override
        @RolesAllowed("writer")
        public String write(String id, String body) {
            RAN.add("WriterCrud.write " + id);
            return "WriterCrud.write " + id + " " + body;
        }
    }

    /** A generic base with a class-level rule. */
    @RolesAllowed("admin")
    public abstract static class AdminCrudBase<T> extends CrudBase<T> {
        @Override
        public String read(String id, SecurityContext security) {
            return ran("AdminCrudBase.read " + id, security);
        }

        @Override
        public String write(String id, T body) {
            RAN.add("AdminCrudBase.write " + id);
            return "AdminCrudBase.write " + id + " " + body;
        }
    }

    /** Inherits AdminCrudBase's methods and rule. */
    @Path("admin-crud")
    public static class Orders extends AdminCrudBase<String> {
    }

    /** Overrides one generic method without annotations: a token is enough for it (§2.1). */
    @Path("admin-crud-override")
    public static class OrdersOverride extends AdminCrudBase<String> {
        @Override
        public String write(String id, String body) {
            RAN.add("OrdersOverride.write " + id);
            return "OrdersOverride.write " + id + " " + body;
        }
    }

    // --- interfaces ---------------------------------------------------------------------------

    /** Security annotations on interface methods. */
    @Produces(MediaType.TEXT_PLAIN)
    public interface SecuredApi {
        @GET
        @Path("admin")
        @RolesAllowed("admin")
        String admin(@Context SecurityContext security);

        @GET
        @Path("scoped")
        @RequireScope("orders:read")
        String scoped(@Context SecurityContext security);

        @GET
        @Path("denied")
        @DenyAll
        String denied(@Context SecurityContext security);

        @GET
        @Path("open")
        @PermitAll
        String open(@Context SecurityContext security);

        @GET
        @Path("plain")
        String plain(@Context SecurityContext security);

        @GET
        @Path("narrowed")
        @PermitAll
        String narrowed(@Context SecurityContext security);
    }

    /** Implements SecuredApi without annotations, but for one method that sets its own rule. */
    @Path("iface")
    public static class InterfaceImpl implements SecuredApi {
        @Override
        public String admin(SecurityContext security) {
            return ran("InterfaceImpl.admin", security);
        }

        @Override
        public String scoped(SecurityContext security) {
            return ran("InterfaceImpl.scoped", security);
        }

        @Override
        public String denied(SecurityContext security) {
            return ran("InterfaceImpl.denied", security);
        }

        @Override
        public String open(SecurityContext security) {
            return ran("InterfaceImpl.open", security);
        }

        @Override
        public String plain(SecurityContext security) {
            return ran("InterfaceImpl.plain", security);
        }

        @Override
        @RolesAllowed("admin")
        public String narrowed(SecurityContext security) {
            return ran("InterfaceImpl.narrowed", security);
        }
    }

    /** A class-level rule on an interface. */
    @RolesAllowed("admin")
    @Produces(MediaType.TEXT_PLAIN)
    public interface AdminApi {
        @GET
        @Path("x")
        String x(@Context SecurityContext security);
    }

    /** Implements AdminApi without annotations. */
    @Path("iface-type")
    public static class AdminApiImpl implements AdminApi {
        @Override
        public String x(SecurityContext security) {
            return ran("AdminApiImpl.x", security);
        }
    }

    /** An interface with one open method. */
    @Produces(MediaType.TEXT_PLAIN)
    public interface PublicApi {
        @GET
        @Path("open")
        @PermitAll
        String open(@Context SecurityContext security);

        @GET
        @Path("plain")
        String plain(@Context SecurityContext security);
    }

    /** A class-level rule on the implementation: the interface's method-level rule beats it. */
    @Path("iface-class")
    @RolesAllowed("admin")
    public static class AdminPublicImpl implements PublicApi {
        @Override
        public String open(SecurityContext security) {
            return ran("AdminPublicImpl.open", security);
        }

        @Override
        public String plain(SecurityContext security) {
            return ran("AdminPublicImpl.plain", security);
        }
    }

    /** A generic interface. */
    @Produces(MediaType.TEXT_PLAIN)
    public interface Crud<T> {
        @PUT
        @Path("{id}")
        @Consumes(MediaType.TEXT_PLAIN)
        @RolesAllowed("writer")
        String write(@PathParam("id") String id, T body);
    }

    /** Implements the generic interface for one type (the compiler adds a bridge method). */
    @Path("iface-generic")
    public static class CrudImpl implements Crud<String> {
        @Override
        public String write(String id, String body) {
            RAN.add("CrudImpl.write " + id);
            return "CrudImpl.write " + id + " " + body;
        }
    }

    // --- sub-resources ------------------------------------------------------------------------

    /** What the locators return. */
    @Produces(MediaType.TEXT_PLAIN)
    public static class Item {
        @GET
        public String get(@Context SecurityContext security) {
            return ran("Item.get", security);
        }

        @GET
        @Path("open")
        @PermitAll
        public String open(@Context SecurityContext security) {
            return ran("Item.open", security);
        }

        @GET
        @Path("admin")
        @RolesAllowed("admin")
        public String admin(@Context SecurityContext security) {
            return ran("Item.admin", security);
        }
    }

    private static Item item(String locator, String id) {
        RAN.add(locator + " " + id);
        if (!"42".equals(id)) {
            throw new NotFoundException();
        }
        return new Item();
    }

    /** A root with only an unannotated locator, which only item 42 passes. */
    @Path("loc")
    public static class Locator {
        public Locator() {
            RAN.add("new Locator");
        }

        @Path("item/{id}")
        public Item item(@PathParam("id") String id) {
            return ClassShapes.item("Locator.item", id);
        }
    }

    /** A locator that admits requests without a token. */
    @Path("loc-open")
    public static class OpenLocator {
        public OpenLocator() {
            RAN.add("new OpenLocator");
        }

        @Path("item/{id}")
        @PermitAll
        public Item item(@PathParam("id") String id) {
            return ClassShapes.item("OpenLocator.item", id);
        }
    }

    /** A locator with a role of its own. */
    @Path("loc-admin")
    public static class AdminLocator {
        public AdminLocator() {
            RAN.add("new AdminLocator");
        }

        @Path("item/{id}")
        @RolesAllowed("admin")
        public Item item(@PathParam("id") String id) {
            return ClassShapes.item("AdminLocator.item", id);
        }
    }

    // --- templates that compete -----------------------------------------------------------------

    /** A literal path and a template that both match {@code /search/public}: the literal wins. */
    @Path("search")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Search {
        @GET
        @Path("{id}")
        @RolesAllowed("admin")
        public String byId(@PathParam("id") String id, @Context SecurityContext security) {
            return ran("Search.byId " + id, security);
        }

        @GET
        @Path("public")
        @PermitAll
        public String open(@Context SecurityContext security) {
            return ran("Search.open", security);
        }

        @GET
        @Path("{year: [0-9]{4}}/public")
        @PermitAll
        public String year(@PathParam("year") String year, @Context SecurityContext security) {
            return ran("Search.year " + year, security);
        }
    }

    // --- CDI proxies --------------------------------------------------------------------------

    /** A resource class that a CDI container proxies; also handed out by {@link CdiLocator}. */
    @Path("proxied")
    @RolesAllowed("admin")
    @Produces(MediaType.TEXT_PLAIN)
    public static class Proxied {
        @GET
        public String get(@Context SecurityContext security) {
            return ran("Proxied.get", security);
        }

        @GET
        @Path("open")
        @PermitAll
        public String open(@Context SecurityContext security) {
            return ran("Proxied.open", security);
        }
    }

    /**
     * The shape of the subclass Weld generates for an intercepted bean: named as Weld names it,
     * no annotation, every business method overridden to run the interceptors, then the bean's.
     */
    public static class Proxied$Proxy$_$$_WeldSubclass extends Proxied {
        @Override
        public String get(SecurityContext security) {
            return super.get(security);
        }

        @Override
        public String open(SecurityContext security) {
            return super.open(security);
        }
    }

    /** A locator that hands out the proxy, as one that looks the bean up in CDI does. */
    @Path("cdi")
    public static class CdiLocator {
        @Path("bean")
        @PermitAll
        public Proxied bean() {
            RAN.add("CdiLocator.bean");
            return new Proxied$Proxy$_$$_WeldSubclass();
        }
    }

    // --- a deployment that must fail ----------------------------------------------------------

    /** One interface's rule for {@code read}. */
    public interface ReadApi {
        @GET
        @Path("read")
        @RolesAllowed("reader")
        String read();
    }

    /** Another interface's, different, rule for the same method. */
    public interface AuditApi {
        @RolesAllowed("auditor")
        String read();
    }

    /** Implements both without deciding. */
    @Path("conflict")
    public static class Conflicting implements ReadApi, AuditApi {
        @Override
        public String read() {
            return "read";
        }
    }
}
