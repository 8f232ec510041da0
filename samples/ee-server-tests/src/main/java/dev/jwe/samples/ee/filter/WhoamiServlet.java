package dev.jwe.samples.ee.filter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;

/** Behind the jwe filter: says who the caller is, as the request sees it. */
public class WhoamiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Principal caller = request.getUserPrincipal();
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().print("caller=" + (caller == null ? "anonymous" : caller.getName())
                + " user=" + request.isUserInRole("user") + " auth=" + request.getAuthType());
    }
}
