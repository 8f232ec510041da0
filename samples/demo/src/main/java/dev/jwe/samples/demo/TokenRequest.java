package dev.jwe.samples.demo;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What {@code POST /dev/token} was asked for, checked: a subject, roles, scopes and a lifetime.
 * Read from a form ({@code sub}, {@code roles} comma-separated, {@code scopes} space- or
 * comma-separated, {@code ttl} in seconds or as an ISO-8601 duration; {@code roles} and
 * {@code scopes} may repeat) or from a JSON object with the same members, where {@code roles} and
 * {@code scopes} may also be arrays and {@code ttl} a number. {@code dpop_jkt} (optional) binds the
 * token to a DPoP key (RFC 9449 §6.1: the RFC 7638 thumbprint of the client's public key, as
 * {@code jwe dpop thumbprint} prints it). Anything else is a {@link BadTokenRequest} whose text
 * never repeats the input.
 *
 * @param subject the {@code sub} claim
 * @param roles the roles, in order, without duplicates
 * @param scopes the scopes, in order, without duplicates
 * @param ttl the lifetime
 * @param dpopJkt the DPoP key thumbprint ({@code cnf.jkt}), or {@code null} for a Bearer token
 */
record TokenRequest(String subject, List<String> roles, List<String> scopes, Duration ttl, String dpopJkt) {
    /** Lifetime when none is asked for. */
    static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    /** Longest lifetime handed out. */
    static final Duration MAX_TTL = Duration.ofHours(1);
    static final int MAX_SUBJECT_LENGTH = 128;
    static final int MAX_ITEMS = 20;
    static final int MAX_ITEM_LENGTH = 64;

    private static final Set<String> FIELDS = Set.of("sub", "roles", "scopes", "ttl", "dpop_jkt");
    /** A base64url SHA-256 thumbprint. */
    private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** RFC 6749 §3.3 scope-token characters; a role may not hold a comma either (the form separator). */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Pattern ROLE = Pattern.compile("[\\x21\\x23-\\x2B\\x2D-\\x5B\\x5D-\\x7E]+");
    private static final JsonParserFactory JSON = Json.createParserFactory(Map.of());
    private static final String NOT_AN_OBJECT = "the body is not a JSON object (or repeats a member)";

    TokenRequest {
        roles = List.copyOf(roles);
        scopes = List.copyOf(scopes);
    }

    /** A request for a Bearer token (not bound to a key). */
    TokenRequest(String subject, List<String> roles, List<String> scopes, Duration ttl) {
        this(subject, roles, scopes, ttl, null);
    }

    /**
     * @param params the form parameters, as {@code ServletRequest.getParameterMap()} gives them
     * @return the request
     * @throws BadTokenRequest when a field is missing, unknown, repeated or out of bounds
     */
    static TokenRequest fromForm(Map<String, String[]> params) throws BadTokenRequest {
        checkFields(params.keySet());
        String[] sub = params.get("sub");
        String[] ttl = params.get("ttl");
        String[] jkt = params.get("dpop_jkt");
        if (sub != null && sub.length > 1 || ttl != null && ttl.length > 1 || jkt != null && jkt.length > 1) {
            throw new BadTokenRequest("sub, ttl and dpop_jkt may be given once");
        }
        return of(sub == null ? null : sub[0], split(params.get("roles"), ","), split(params.get("scopes"), "[ ,]"),
                ttl == null ? null : ttl[0], jkt == null ? null : jkt[0]);
    }

    /**
     * @param body a JSON object
     * @return the request
     * @throws BadTokenRequest when the body is not such an object or a member is wrong
     */
    static TokenRequest fromJson(String body) throws BadTokenRequest {
        Map<String, JsonValue> json = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(new StringReader(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw new BadTokenRequest(NOT_AN_OBJECT);
            }
            for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                String name = parser.getString();
                parser.next();
                if (json.put(name, parser.getValue()) != null) {
                    throw new BadTokenRequest(NOT_AN_OBJECT);
                }
            }
            if (parser.hasNext()) {
                throw new BadTokenRequest(NOT_AN_OBJECT);
            }
        } catch (RuntimeException e) {
            // JsonException, or a plain RuntimeException for nesting beyond Parsson's depth limit;
            // their messages quote the input and are not passed on.
            throw new BadTokenRequest(NOT_AN_OBJECT);
        }
        checkFields(json.keySet());
        return of(string(json, "sub"), list(json, "roles", ","), list(json, "scopes", "[ ,]"), ttlText(json),
                string(json, "dpop_jkt"));
    }

    private static void checkFields(Set<String> names) throws BadTokenRequest {
        if (!FIELDS.containsAll(names)) {
            throw new BadTokenRequest("unknown field; the fields are sub, roles, scopes, ttl and dpop_jkt");
        }
    }

    private static TokenRequest of(String sub, List<String> roles, List<String> scopes, String ttl, String dpopJkt)
            throws BadTokenRequest {
        if (dpopJkt != null && !THUMBPRINT.matcher(dpopJkt).matches()) {
            throw new BadTokenRequest("dpop_jkt must be a base64url SHA-256 JWK thumbprint (43 characters, RFC 7638)");
        }
        if (sub == null || sub.isBlank()) {
            throw new BadTokenRequest("sub is required");
        }
        if (sub.length() > MAX_SUBJECT_LENGTH || sub.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new BadTokenRequest("sub must be at most " + MAX_SUBJECT_LENGTH
                    + " characters without control characters");
        }
        return new TokenRequest(sub, items(roles, "roles", ROLE), items(scopes, "scopes", SCOPE_TOKEN), ttl(ttl),
                dpopJkt);
    }

    private static List<String> items(List<String> values, String field, Pattern allowed) throws BadTokenRequest {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            if (v.length() > MAX_ITEM_LENGTH || !allowed.matcher(v).matches()) {
                throw new BadTokenRequest(field + ": each value must be 1 to " + MAX_ITEM_LENGTH
                        + " printable ASCII characters without spaces, quotes, backslashes or commas");
            }
            out.add(v);
        }
        if (out.size() > MAX_ITEMS) {
            throw new BadTokenRequest(field + ": at most " + MAX_ITEMS + " values");
        }
        return List.copyOf(out);
    }

    private static Duration ttl(String text) throws BadTokenRequest {
        if (text == null || text.isBlank()) {
            return DEFAULT_TTL;
        }
        Duration ttl;
        try {
            ttl = text.length() <= 9 && text.chars().allMatch(c -> c >= '0' && c <= '9')
                    ? Duration.ofSeconds(Long.parseLong(text))
                    : Duration.parse(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new BadTokenRequest("ttl must be seconds (e.g. 600) or an ISO-8601 duration (e.g. PT10M)");
        }
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new BadTokenRequest("ttl must be between 1 second and " + MAX_TTL.toMinutes() + " minutes");
        }
        return ttl;
    }

    private static List<String> split(String[] values, String separator) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(separator)) {
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                }
            }
        }
        return out;
    }

    private static String string(Map<String, JsonValue> json, String name) throws BadTokenRequest {
        JsonValue v = json.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw new BadTokenRequest(name + " must be a string");
    }

    private static List<String> list(Map<String, JsonValue> json, String name, String separator) throws BadTokenRequest {
        JsonValue v = json.get(name);
        if (v instanceof JsonArray array) {
            List<String> out = new ArrayList<>();
            for (JsonValue item : array) {
                if (!(item instanceof JsonString s)) {
                    throw new BadTokenRequest(name + " must be an array of strings or a string");
                }
                out.add(s.getString());
            }
            return out;
        }
        String s = string(json, name);
        return s == null ? List.of() : split(new String[] {s}, separator);
    }

    private static String ttlText(Map<String, JsonValue> json) throws BadTokenRequest {
        JsonValue v = json.get("ttl");
        if (v instanceof JsonNumber n) {
            if (!n.isIntegral() || n.bigIntegerValue().bitLength() > 31) {
                throw new BadTokenRequest("ttl must be whole seconds");
            }
            return Integer.toString(n.intValue());
        }
        return string(json, "ttl");
    }

    /** A request that cannot be served; the message is fixed text that never repeats the input. */
    static final class BadTokenRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadTokenRequest(String detail) {
            super(detail);
        }
    }
}
