package dev.jwe.samples.demo;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The start-up text: a loud banner for development keys, the effective policy, the endpoints,
 * ready-to-paste {@code curl} lines for the port the demo really listens on, and last the ready
 * line. Every command line is indented by two spaces and works as printed in bash with curl and
 * sed. Stateless.
 */
final class StartupReport {
    /** Starts the last line, printed once the demo serves requests. */
    static final String READY = "jwe demo ready on ";
    private static final int WIDTH = 80;
    private static final String EXTRACT_TOKEN = " | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')";

    private StartupReport() {
    }

    /**
     * @param config what the demo runs with
     * @param base where it listens
     * @return the text, ending with the ready line and a line break
     */
    static String render(DemoConfig config, URI base) {
        StringBuilder out = new StringBuilder("\njwe demo: encrypted JWT access tokens (JWE) for Jakarta EE, on Jetty 12"
                + " with the Servlet filter and the JAX-RS feature (Jersey)\n\n");
        boolean dev = config.devTokens().isPresent();
        if (dev) {
            box(out, "DEVELOPMENT KEYS -- NOT FOR PRODUCTION",
                    "",
                    "No jwe.decryption.keys is configured, so the demo made keys in memory:",
                    "  " + DemoConfig.ENC_KID + "  RSA 2048, decrypts tokens (public half in the JWKS)",
                    "  " + DemoConfig.SIG_KID + "  EC P-256, signs the tokens of POST /dev/token",
                    "POST /dev/token is ON: anyone who reaches this port can mint tokens.",
                    "The keys die with the process. To use your own keys and issuer set",
                    "JWE_DECRYPTION_KEYS, JWE_VERIFICATION_KEYS, JWE_ISSUER, JWE_AUDIENCE",
                    "(or -Djwe.decryption.keys=... and so on); /dev/token is then off.");
        } else {
            out.append("Keys: yours (jwe.decryption.keys is set); POST /dev/token is off.\n");
        }
        out.append("\nPolicy (one validator, shared by the Servlet filter and the JAX-RS feature):\n");
        for (String part : config.validator().describePolicy().split(", (?=[a-z-]+=)")) {
            out.append("  ").append(part).append('\n');
        }
        String given = config.settings().describe();
        out.append("Settings given: ").append(given.isEmpty() ? "none (all defaults)" : given).append('\n');

        out.append("\nEndpoints on ").append(base).append('\n');
        endpoint(out, "GET  /servlet/whoami", "plain servlet behind JweAuthenticationFilter: token required");
        endpoint(out, "GET  /api/whoami", "JAX-RS behind JweFeature: token required");
        endpoint(out, "GET  /api/orders", "JAX-RS, @RequireScope(\"orders:read\")");
        endpoint(out, "GET  /api/admin", "JAX-RS, @RolesAllowed(\"admin\")");
        endpoint(out, "GET  /health", "no token: status and key ids (locations with -D" + HealthServlet.DETAILS_PROPERTY
                + "=true)");
        endpoint(out, "GET  /metrics", "no token: Prometheus metrics (jwe_validations_total, ...)");
        endpoint(out, "GET  /.well-known/jwks.json", "no token: the public encryption keys (alg, use enc)");
        endpoint(out, "GET  /.well-known/oauth-protected-resource", "no token: RFC 9728 metadata (with jwe.resource)");
        config.devTokens().ifPresent(t -> {
            endpoint(out, "POST /dev/token", "form or JSON: sub, roles, scopes, ttl (at most "
                    + TokenRequest.MAX_TTL.toMinutes() + " min)");
            endpoint(out, "", "tokens with iss=" + t.iss() + " aud=" + t.aud());
            endpoint(out, "POST /dev/revoke", "revokes the Bearer token sent (log out): REVOKED from then on");
        });

        out.append("\nAudit trail: one JSON line per attempt below, on logger dev.jwe.audit (INFO accepted,"
                + " WARN rejected).\nIt never holds the token, only its fingerprint.\n");

        if (dev) {
            out.append("\nTry it (bash with curl and sed):\n");
        } else {
            out.append("\nTry it (bash with curl): set TOKEN to an access token from your issuer")
                    .append(config.settings().get("jwe.issuer").map(i -> " (" + i + ")").orElse(""))
                    .append(" for ").append(config.settings().get("jwe.audience").orElse("your audience"))
                    .append(", then:\n");
        }
        commands(out, commands(base, dev));
        out.append('\n').append(READY).append(base).append(" (Ctrl-C stops it)\n");
        return out.toString();
    }

    /**
     * The commands to paste, each with a comment (possibly empty).
     *
     * @param base where the demo listens
     * @param dev whether {@code POST /dev/token} is on
     * @return pairs of command and comment
     */
    static List<String[]> commands(URI base, boolean dev) {
        List<String[]> c = new ArrayList<>();
        String bearer = "curl -i -H \"Authorization: Bearer $TOKEN\" " + base;
        if (dev) {
            c.add(new String[] {"TOKEN=$(curl -s -X POST " + base + "/dev/token -d sub=alice -d roles=user"
                    + " -d scopes=orders:read" + EXTRACT_TOKEN, "alice: role user, scope orders:read"});
        }
        c.add(new String[] {bearer + "/api/whoami", "200"});
        c.add(new String[] {bearer + "/api/orders", "200: the token has the scope orders:read"});
        c.add(new String[] {bearer + "/api/admin", "403: no admin role"});
        c.add(new String[] {bearer + "/servlet/whoami", "200 through the Servlet filter"});
        c.add(new String[] {"curl -i " + base + "/api/whoami", "401: no token"});
        if (dev) {
            c.add(new String[] {"ADMIN_TOKEN=$(curl -s -X POST " + base + "/dev/token -d sub=bob -d roles=admin,user"
                    + " -d ttl=PT5M" + EXTRACT_TOKEN, "bob: roles admin and user, 5 minutes"});
            c.add(new String[] {"curl -i -H \"Authorization: Bearer $ADMIN_TOKEN\" " + base + "/api/admin", "200"});
            c.add(new String[] {"curl -s -X POST -H \"Authorization: Bearer $ADMIN_TOKEN\" " + base + "/dev/revoke",
                "log bob out: his token is revoked"});
            c.add(new String[] {"curl -i -H \"Authorization: Bearer $ADMIN_TOKEN\" " + base + "/api/whoami",
                "401: revoked"});
            c.add(new String[] {"curl -s -X POST " + base + "/dev/token -H 'Content-Type: application/json'"
                    + " -d '{\"sub\":\"carol\",\"scopes\":[\"orders:read\"],\"ttl\":300}'", "JSON works too"});
        }
        c.add(new String[] {"curl -s " + base + "/.well-known/jwks.json", "public keys only"});
        c.add(new String[] {"curl -s " + base + "/health", "no token needed"});
        return c;
    }

    private static void commands(StringBuilder out, List<String[]> commands) {
        for (String[] c : commands) {
            out.append("  ").append(c[0]).append(c[1].isEmpty() ? "" : "   # " + c[1]).append('\n');
        }
    }

    private static void endpoint(StringBuilder out, String what, String description) {
        out.append(String.format("  %-29s %s", what, description)).append('\n');
    }

    private static void box(StringBuilder out, String... lines) {
        String edge = "#".repeat(WIDTH);
        out.append(edge).append('\n');
        for (String line : lines) {
            out.append("## ").append(line).append(" ".repeat(Math.max(0, WIDTH - 6 - line.length()))).append(" ##\n");
        }
        out.append(edge).append('\n');
    }
}
