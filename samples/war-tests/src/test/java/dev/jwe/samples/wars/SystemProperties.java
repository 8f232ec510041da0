package dev.jwe.samples.wars;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * System properties set for a deployment and put back as they were on {@link #close()}: the way
 * an operator hands deployment settings ({@code -Djwe.decryption.keys=...}) to a WAR.
 */
public final class SystemProperties implements AutoCloseable {
    private final Map<String, String> previous = new LinkedHashMap<>();

    private SystemProperties(Map<String, String> values) {
        values.forEach((name, value) -> {
            previous.put(name, System.getProperty(name));
            System.setProperty(name, value);
        });
    }

    /**
     * @param values the properties to set
     * @return a handle that restores the previous values
     */
    public static SystemProperties set(Map<String, String> values) {
        return new SystemProperties(values);
    }

    @Override
    public void close() {
        previous.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }
}
