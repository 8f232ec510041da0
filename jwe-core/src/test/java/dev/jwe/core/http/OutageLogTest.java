package dev.jwe.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.KeySourceException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** An outage on our side is logged once when it starts and once when it ends. */
class OutageLogTest {

    /** The calls made on a logger: "level: pattern [args]". */
    static final class Recorded {
        final List<String> lines = new ArrayList<>();
        final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("is")) {
                        return true;
                    }
                    if (List.of("error", "warn", "info", "debug", "trace").contains(method.getName())) {
                        lines.add(method.getName() + ": " + args[0] + " " + Arrays.toString(Arrays.copyOfRange(args, 1, args.length)));
                    }
                    return method.getReturnType() == String.class ? "test" : null;
                });
    }

    @Test
    void failedWhenRepeatedThenOneErrorThenDebugAndOneInfoWhenItWorksAgain() {
        Recorded log = new Recorded();
        OutageLog outage = new OutageLog(log.logger, "jwe filter 'api'");

        outage.worked();
        assertThat(log.lines).isEmpty();

        outage.failed(new KeySourceException("key file unreadable"));
        outage.failed(new KeySourceException("key file unreadable"));
        outage.failed(new KeySourceException("key file unreadable"));
        outage.worked();
        outage.worked();

        assertThat(log.lines).hasSize(4);
        assertThat(log.lines.get(0)).startsWith("error: ").contains("answering 503 until it works again")
                .contains("jwe filter 'api'").contains("key file unreadable");
        assertThat(log.lines.subList(1, 3)).allSatisfy(l -> assertThat(l).startsWith("debug: "));
        assertThat(log.lines.get(3)).startsWith("info: ").contains("works again").contains("jwe filter 'api'");

        outage.failed(new KeySourceException("down again"));
        assertThat(log.lines).hasSize(5);
        assertThat(log.lines.get(4)).startsWith("error: ").contains("down again");
    }
}
