package dev.jwe.samples.ee.mechanism;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;

/** An EJB: the container's idea of the caller, and a method only admins may call. */
@Stateless
@DeclareRoles({"user", "admin"})
public class CallerBean {
    @Resource
    private SessionContext context;

    @PermitAll
    public String caller() {
        return context.getCallerPrincipal().getName() + (context.isCallerInRole("admin") ? "(admin)" : "");
    }

    @RolesAllowed("admin")
    public String adminOnly() {
        return context.getCallerPrincipal().getName();
    }
}
