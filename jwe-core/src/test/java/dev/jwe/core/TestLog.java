package dev.jwe.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.LoggerFactory;

/**
 * Reads back what slf4j-simple wrote during a test. {@code simplelogger.properties} (test
 * resources) sends all test logging to one file; a test takes a {@link #mark()} before it acts
 * and reads {@link #since(long)} afterwards.
 */
final class TestLog {
    /** What {@link JweTokenValidator} logs (at DEBUG) when a hostile input hit an unexpected exception. */
    static final String UNEXPECTED_EXCEPTION = "Unexpected ";
    private static final Path FILE = locate();

    private TestLog() {
    }

    /** The log file named in {@code simplelogger.properties}. */
    static Path file() {
        return FILE;
    }

    private static Path locate() {
        // slf4j-simple opens (and truncates) the file when the first logger is created. Without
        // DEBUG on the validator, a swallowed exception would leave no trace to look for.
        if (!LoggerFactory.getLogger(JweTokenValidator.class).isDebugEnabled()) {
            throw new IllegalStateException("simplelogger.properties must enable DEBUG for JweTokenValidator");
        }
        Properties p = new Properties();
        try (InputStream in = TestLog.class.getResourceAsStream("/simplelogger.properties")) {
            if (in == null) {
                throw new IllegalStateException("simplelogger.properties is missing from the test classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = System.getProperty("org.slf4j.simpleLogger.logFile", p.getProperty("org.slf4j.simpleLogger.logFile"));
        if (name == null || name.startsWith("System.")) {
            throw new IllegalStateException("slf4j-simple does not log to a file");
        }
        return Path.of(name);
    }

    /** The current end of the log. */
    static long mark() {
        Path f = file();
        try {
            return Files.exists(f) ? Files.size(f) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything logged after {@code mark}. */
    static String since(long mark) {
        try (RandomAccessFile raf = new RandomAccessFile(file().toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, raf.length() - mark)];
            raf.seek(mark);
            raf.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
