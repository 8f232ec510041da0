package dev.jwe.core.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the token cookie from raw {@code Cookie} header values (RFC 6265 §4.2.1). Our own code,
 * not the container's cookie API: containers differ (some keep one cookie per name, some keep the
 * quotes of a quoted value), and every adapter must see two token cookies, and refuse them, alike.
 */
final class CookieHeader {

    private CookieHeader() {
    }

    /**
     * The values of every cookie called {@code name} in one {@code Cookie} header.
     *
     * @param header the header value
     * @param name the cookie name
     * @return the values in order, quotes of a quoted value removed
     */
    static List<String> values(String header, String name) {
        List<String> values = new ArrayList<>(1);
        for (String pair : header.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                values.add(value);
            }
        }
        return values;
    }
}
