package dev.jwe.samples.demo;

import static dev.jwe.samples.SampleAssertions.json;

import jakarta.json.JsonObject;
import java.util.List;

/** The demo's audit trail as both demo integration tests read it. */
final class DemoAssertions {
    /** How an audit line looks on the demo console: {@code 12:00:00.000 [INFO] audit - {...}}. */
    static final String AUDIT = "] audit - ";

    private DemoAssertions() {
    }

    /** The audit events of console lines, in order. */
    static List<JsonObject> auditEvents(List<String> lines) {
        return lines.stream().filter(l -> l.contains(AUDIT)).map(l -> json(l.substring(l.indexOf(AUDIT) + AUDIT.length())))
                .toList();
    }

    /** One audit event in short: path, outcome and reason (or subject when accepted). */
    static String summary(JsonObject event) {
        return event.getString("path") + " " + event.getString("outcome") + " "
                + event.getString("reason", event.getString("sub", ""));
    }
}
