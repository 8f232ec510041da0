package dev.jwe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenLinesTest {

    private static List<String> all(String text, int max) throws IOException {
        TokenLines lines = new TokenLines(new StringReader(text), max);
        List<String> out = new ArrayList<>();
        for (String l = lines.next(); l != null; l = lines.next()) {
            out.add(l);
        }
        assertThat(lines.next()).isNull();
        return out;
    }

    @Test
    void nextWhenLinesHaveBlanksAndSpacesThenTrimmedNonBlankLinesInOrder() throws IOException {
        assertThat(all("a\n\n  b  \r\n\t\nc\rd", 100)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void nextWhenInputEmptyOrBlankThenNothing() throws IOException {
        assertThat(all("", 100)).isEmpty();
        assertThat(all(" \n\r\n\t ", 100)).isEmpty();
    }

    @Test
    void nextWhenLineLongerThanLimitThenCutAndNextLineIntact() throws IOException {
        String longLine = "x".repeat(20_000);

        List<String> lines = all("   " + longLine + "\nshort\n", 100);

        assertThat(lines).containsExactly("x".repeat(100), "short");
    }

    @Test
    void nextWhenLinesCrossBufferBoundaryThenWhole() throws IOException {
        String a = "a".repeat(8191);
        String b = "b".repeat(9000);

        assertThat(all(a + "\n" + b + "\n", 10_000)).containsExactly(a, b);
    }
}
