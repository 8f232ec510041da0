package dev.jwe.servlet;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@code WWW-Authenticate} value against RFC 6750 §3 (on RFC 9110 §11.6.1 auth-params):
 * the {@code Bearer} scheme, comma-separated {@code name="value"} attributes, each at most once,
 * only {@code realm}, {@code scope}, {@code error}, {@code error_description}, {@code error_uri},
 * {@code resource_metadata} (RFC 9728 §5.1);
 * {@code error} one of the three codes; {@code error_description} and {@code realm} of
 * %x20-21 / %x23-5B / %x5D-7E; {@code scope} a space-separated list of scope-tokens.
 */
final class BearerChallenge {
    private static final String QUOTED_TEXT = "[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*";
    private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)=\"(" + QUOTED_TEXT + ")\"");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");
    private static final Set<String> ATTRIBUTES = Set.of("realm", "scope", "error", "error_description", "error_uri",
            "resource_metadata");
    private static final Set<String> ERRORS = Set.of("invalid_request", "invalid_token", "insufficient_scope");

    private BearerChallenge() {
    }

    /**
     * @param header the header value
     * @return the attributes in order
     * @throws AssertionError when the value breaks the syntax
     */
    static Map<String, String> parse(String header) {
        if (!header.startsWith("Bearer")) {
            throw new AssertionError("Not a Bearer challenge: " + header);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        String rest = header.substring("Bearer".length());
        if (rest.isEmpty()) {
            return attributes;
        }
        if (!rest.startsWith(" ")) {
            throw new AssertionError("No space after the scheme: " + header);
        }
        int i = 1;
        while (true) {
            Matcher m = PARAM.matcher(rest).region(i, rest.length());
            if (!m.lookingAt()) {
                throw new AssertionError("Bad auth-param at " + i + " in: " + header);
            }
            String name = m.group(1);
            if (!ATTRIBUTES.contains(name)) {
                throw new AssertionError("Attribute " + name + " is not defined by RFC 6750: " + header);
            }
            if (attributes.put(name, m.group(2)) != null) {
                throw new AssertionError("Attribute " + name + " appears twice: " + header);
            }
            i = m.end();
            if (i == rest.length()) {
                break;
            }
            if (!rest.startsWith(", ", i)) {
                throw new AssertionError("Attributes not separated by a comma at " + i + ": " + header);
            }
            i += 2;
        }
        String error = attributes.get("error");
        if (error != null && !ERRORS.contains(error)) {
            throw new AssertionError("Unknown error code " + error + ": " + header);
        }
        if (attributes.containsKey("error_description") && error == null) {
            throw new AssertionError("error_description without error: " + header);
        }
        String scope = attributes.get("scope");
        if (scope != null && !SCOPE.matcher(scope).matches()) {
            throw new AssertionError("Bad scope: " + header);
        }
        return attributes;
    }
}
