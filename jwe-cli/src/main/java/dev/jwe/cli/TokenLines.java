package dev.jwe.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads tokens one per line: lines end at {@code \n} or {@code \r}, each line is trimmed, blank
 * lines are skipped. A line is never held whole: past {@code maxChars} the rest of it is read and
 * dropped, so a hostile stream without line breaks cannot exhaust memory. The kept prefix is longer
 * than any token a validator accepts, so such a line is still reported, as too large. Not
 * thread-safe.
 */
final class TokenLines {
    /** One more than the largest {@code jwe.max-token-length} the validator allows (1 MiB). */
    static final int MAX_CHARS = 1024 * 1024 + 1;

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int pos;
    private int limit;

    /**
     * @param in the input (read through this class's own buffer)
     * @param maxChars the longest line prefix kept
     */
    TokenLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /**
     * The next non-blank line, trimmed (and cut at {@code maxChars}).
     *
     * @return the line, or {@code null} at the end of the input
     * @throws IOException when reading fails
     */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    String last = line.toString().trim();
                    return last.isEmpty() ? null : last;
                }
            }
            char c = buffer[pos++];
            if (c == '\n' || c == '\r') {
                String done = line.toString().trim();
                if (!done.isEmpty()) {
                    return done;
                }
                line.setLength(0);
            } else if (line.length() < maxChars && !(line.length() == 0 && c <= ' ')) {
                line.append(c);
            }
        }
    }
}
