package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwe.core.JweSettings;
import dev.jwe.core.settings.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JweCliTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "validate", "inspect", "keys", "keys generate", "mint", "revoke"})
    void helpWhenAskedForEachCommandThenUsageOnStdoutAndExit0(String command) {
        String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");

        Cli.Result r = Cli.run("", args);

        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("Usage: jwe" + (command.isEmpty() ? "" : " " + command)).contains("--help");
    }

    @Test
    void helpWhenValidateThenEveryKnownSettingListed() {
        Cli.Result r = Cli.run("", "validate", "--help");

        for (Setting<?> s : JweSettings.knownSettings()) {
            assertThat(r.out()).contains(s.name());
        }
    }

    @Test
    void helpWhenMintThenClaimAndKeyOptionsListed() {
        Cli.Result r = Cli.run("", "mint", "--help");

        assertThat(r.out()).contains("--encryption-keys").contains("--signing-keys").contains("--claims")
                .contains("--ttl").contains("--claim=NAME=VALUE").contains("--typ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "keys"})
    void executeWhenSubcommandMissingThenExit2WithHint(String command) {
        Cli.Result r = Cli.run("", command.isEmpty() ? new String[0] : new String[] {command});

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required subcommand").contains("--help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void executeWhenUnknownCommandThenExit2NamingIt() {
        Cli.Result r = Cli.run("", "frobnicate");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate");
    }

    @Test
    void versionWhenAskedThenPrintsVersionLine() {
        Cli.Result r = Cli.run("", "--version");

        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("jwe ");
    }

    @Test
    void redactWhenMessageQuotesTokenLikeTextThenReplaced() {
        String token = "eyJhbGciOiJSU0EtT0FFUC0yNTYifQ.c2VjcmV0a2V5.aXY.Y2lwaGVy.dGFn";

        assertThat(JweCli.redact("Unmatched argument at index 2: '" + token + "'"))
                .isEqualTo("Unmatched argument at index 2: '<redacted>'");
        assertThat(JweCli.redact("Unknown option: '--no-such-option'")).isEqualTo("Unknown option: '--no-such-option'");
    }

    @Test
    void inspectWhenTwoTokensGivenThenExit2WithoutEchoingEither() {
        String token = Fixture.validToken();

        Cli.Result r = Cli.run("", "inspect", token, token);

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Unmatched argument").doesNotContain(token.substring(0, 30));
    }
}
