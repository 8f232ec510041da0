package dev.jwe.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DemoServerTest {

    @Test
    void portWhenNothingGivenThen8080() {
        assertThat(DemoServer.port(new String[0], Map.of())).isEqualTo(8080);
    }

    @Test
    void portWhenArgumentOrEnvironmentThenArgumentWins() {
        assertThat(DemoServer.port(new String[] {"--port", "9090"}, Map.of())).isEqualTo(9090);
        assertThat(DemoServer.port(new String[] {"--port=0"}, Map.of())).isZero();
        assertThat(DemoServer.port(new String[0], Map.of("PORT", " 7070 "))).isEqualTo(7070);
        assertThat(DemoServer.port(new String[] {"--port", "9090"}, Map.of("PORT", "7070"))).isEqualTo(9090);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "http", ""})
    void portWhenNotAPortNumberThenMessageNamesTheArgument(String value) {
        assertThatThrownBy(() -> DemoServer.port(new String[] {"--port", value}, Map.of()))
                .hasMessage("--port must be a port number from 0 to 65535");
        assertThatThrownBy(() -> DemoServer.port(new String[0], Map.of("PORT", value + "x")))
                .hasMessage("PORT must be a port number from 0 to 65535");
    }

    @Test
    void portWhenArgumentUnknownOrValueMissingThenRejected() {
        assertThatThrownBy(() -> DemoServer.port(new String[] {"--prot", "1"}, Map.of()))
                .hasMessage("unknown argument: --prot");
        assertThatThrownBy(() -> DemoServer.port(new String[] {"--port"}, Map.of()))
                .hasMessage("--port needs a value");
    }
}
