package dev.jwe.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwe.core.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExcludedPathsTest {
    private final ExcludedPaths paths = ExcludedPaths.parse(List.of("/health", "/static/*", "/a/b/*"));

    @Test
    void isEmptyWhenNoEntryThenTrueAndNothingMatches() {
        ExcludedPaths none = ExcludedPaths.parse(List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.matches("/health")).isFalse();
        assertThat(paths.isEmpty()).isFalse();
        assertThat(ExcludedPaths.parse(List.of("/api/*")).isEmpty()).isFalse();
    }

    @Test
    void matchesWhenExactPathThenTrue() {
        assertThat(paths.matches("/health")).isTrue();
    }

    @Test
    void matchesWhenExactPathWithMoreSegmentsOrSuffixThenFalse() {
        assertThat(paths.matches("/health/")).isFalse();
        assertThat(paths.matches("/health/x")).isFalse();
        assertThat(paths.matches("/healthz")).isFalse();
        assertThat(paths.matches("/Health")).isFalse();
    }

    @Test
    void matchesWhenUnderPrefixOrPrefixItselfThenTrue() {
        assertThat(paths.matches("/static")).isTrue();
        assertThat(paths.matches("/static/")).isTrue();
        assertThat(paths.matches("/static/app.js")).isTrue();
        assertThat(paths.matches("/a/b/c/d")).isTrue();
    }

    @Test
    void matchesWhenPrefixOnlyStartsTheSegmentThenFalse() {
        assertThat(paths.matches("/statics/app.js")).isFalse();
        assertThat(paths.matches("/a/bc")).isFalse();
        assertThat(paths.matches("/a")).isFalse();
        assertThat(paths.matches("")).isFalse();
    }

    @Test
    void parseWhenEntryNotAPathThenFailsNamingSetting() {
        for (String bad : List.of("health", "/*", "/a*", "/a/*/b", "*.js")) {
            assertThatThrownBy(() -> ExcludedPaths.parse(List.of(bad)))
                    .isInstanceOfSatisfying(ConfigurationException.class,
                            e -> assertThat(e.setting()).isEqualTo("jwe.exclude-paths"));
        }
    }
}
