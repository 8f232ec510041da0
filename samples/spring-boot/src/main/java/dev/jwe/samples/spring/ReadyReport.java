package dev.jwe.samples.spring;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Once the sample serves requests: the endpoints, ready-to-paste {@code curl} lines for the port it
 * really listens on (bash with curl and sed), and last the ready line. The audit trail follows on
 * the console, one JSON line per attempt (logger {@code dev.jwe.audit}).
 */
@Component
class ReadyReport implements ApplicationListener<ApplicationReadyEvent> {
    /** Starts the last line. */
    static final String READY = "jwe spring boot sample ready on ";
    private static final int WIDTH = 80;

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        String base = "http://127.0.0.1:" + event.getApplicationContext().getEnvironment()
                .getProperty("local.server.port");
        boolean dev = event.getApplicationContext().getBeanProvider(DevTokens.class).getIfAvailable() != null;
        StringBuilder out = new StringBuilder("\nEndpoints on ").append(base).append('\n')
                .append("  GET  /api/whoami          any valid token: principal, authorities, claims\n")
                .append("  GET  /api/orders          @PreAuthorize(\"hasAuthority('SCOPE_orders:read')\")\n")
                .append("  GET  /api/admin           @PreAuthorize(\"hasRole('admin')\")\n")
                .append("  GET  /actuator/health     no token: health, with the jwe key health\n");
        if (dev) {
            out.append("  POST /dev/token           development keys only: sub, roles, scopes, ttl (seconds)\n")
                    .append("\nTry it:\n")
                    .append("  TOKEN=$(curl -s -X POST ").append(base)
                    .append("/dev/token -d sub=alice -d roles=user -d scopes=orders:read")
                    .append(" | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')\n")
                    .append("  curl -i -H \"Authorization: Bearer $TOKEN\" ").append(base).append("/api/whoami\n")
                    .append("  curl -i -H \"Authorization: Bearer $TOKEN\" ").append(base).append("/api/orders\n")
                    .append("  curl -i -H \"Authorization: Bearer $TOKEN\" ").append(base)
                    .append("/api/admin     # 403: no admin role\n")
                    .append("  curl -i ").append(base).append("/api/whoami     # 401: no token\n");
        }
        out.append('\n').append(READY).append(base).append(" (Ctrl-C stops it)\n");
        System.out.print(out);
        System.out.flush();
    }

    /** A framed block of lines, for what must not be missed. */
    static String box(String title, String... lines) {
        String rule = "#".repeat(WIDTH);
        StringBuilder out = new StringBuilder('\n' + rule + '\n').append(line(title));
        out.append(line(""));
        for (String l : lines) {
            out.append(line(l));
        }
        return out.append(rule).append("\n\n").toString();
    }

    private static String line(String text) {
        int pad = Math.max(0, WIDTH - 4 - text.length());
        return "# " + text + " ".repeat(pad) + " #\n";
    }
}
