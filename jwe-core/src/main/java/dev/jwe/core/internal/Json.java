package dev.jwe.core.internal;

import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * JSON through jose4j's parser (which refuses duplicate member names), behind a nesting-depth
 * check that runs first so that a hostile document is refused before any parser sees it.
 */
public final class Json {
    private Json() {
    }

    /** Thrown for any JSON that is not accepted; carries no text of the input. */
    public static final class BadJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        BadJsonException() {
            super("bad JSON", null, false, false);
        }
    }

    /**
     * Parses a JSON object.
     *
     * @param json the text
     * @param maxDepth the deepest nesting of objects and arrays allowed
     * @return the members, in document order
     * @throws BadJsonException when it is not a JSON object, is nested too deeply, or repeats a member
     */
    public static Map<String, Object> parseObjectStrict(String json, int maxDepth) throws BadJsonException {
        if (!depthWithin(json, maxDepth)) {
            throw new BadJsonException();
        }
        try {
            Map<String, Object> map = JsonUtil.parseJson(json);
            if (map == null) {
                throw new BadJsonException();
            }
            return map;
        } catch (JoseException | RuntimeException e) {
            throw new BadJsonException();
        }
    }

    /**
     * Parses a JSON object, turning failures into an unchecked exception (for configuration).
     *
     * @param json the text
     * @param maxDepth the deepest nesting allowed
     * @return the members
     */
    public static Map<String, Object> parseObject(String json, int maxDepth) {
        try {
            return parseObjectStrict(json, maxDepth);
        } catch (BadJsonException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
    }

    /**
     * Writes a map as compact JSON.
     *
     * @param map the members
     * @return the text
     */
    public static String write(Map<String, ?> map) {
        return JsonUtil.toJson(map);
    }

    /** Counts bracket depth outside strings; no allocation, linear time. */
    static boolean depthWithin(String json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0, n = json.length(); i < n; i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > maxDepth) {
                    return false;
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return true;
    }
}
