package dev.jwe.samples.ee.mechanism;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/**
 * Who the caller is, as every part of the container sees it. Under /protected/* (a web.xml
 * security-constraint) and /open/* (none).
 */
@WebServlet({"/protected/whoami", "/open/whoami"})
public class WhoamiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    private Principal principal;
    @Inject
    private SecurityContext securityContext;
    @EJB
    private CallerBean ejb;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal caller = request.getUserPrincipal();
        StringBuilder sb = new StringBuilder();
        sb.append("request=").append(caller == null ? "anonymous" : caller.getName());
        sb.append(" injected=").append(principal == null ? null : principal.getName());
        Principal securityCaller = securityContext.getCallerPrincipal();
        sb.append(" securityContext=").append(securityCaller == null ? "anonymous" : securityCaller.getName());
        sb.append(" ejb=").append(ejb.caller());
        sb.append(" user=").append(request.isUserInRole("user")).append(" admin=").append(request.isUserInRole("admin"));
        if (request.getParameter("admin") != null) {
            try {
                sb.append(" ejbAdmin=").append(ejb.adminOnly());
            } catch (EJBException e) {
                response.sendError(403, "EJB refused: " + e.getClass().getSimpleName());
                return;
            }
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print(sb);
    }
}
