package dev.jwe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompactTest {

    @Test
    void segmentCountWhenCompactSerializationThenCountsSegments() {
        assertThat(Compact.segmentCount("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")).isEqualTo(3);
        assertThat(Compact.segmentCount("a.b.c.d.e")).isEqualTo(5);
        assertThat(Compact.segmentCount("a..c")).isEqualTo(3);
    }
}
